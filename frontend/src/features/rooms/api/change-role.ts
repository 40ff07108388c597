import { api } from "@/lib/api-client";

import type { InvitableRole, Member } from "../types";

export function changeRole(roomId: string, userId: string, role: InvitableRole): Promise<Member> {
  return api.patch<Member>(
    `/api/rooms/${encodeURIComponent(roomId)}/members/${encodeURIComponent(userId)}`,
    { role },
  );
}
