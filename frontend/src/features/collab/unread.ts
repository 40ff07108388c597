/** Unread counts of a panel: items that arrived while it was not visible. */

import { useEffect, useState } from "react";

export function unreadCount(total: number, seen: number, visible: boolean): number {
  return visible ? 0 : Math.max(0, total - seen);
}

/** How many of `total` items arrived since the panel was last visible. */
export function useUnread(total: number, visible: boolean): number {
  const [seen, setSeen] = useState(0);
  useEffect(() => {
    if (visible) setSeen(total);
  }, [visible, total]);
  return unreadCount(total, seen, visible);
}
