/**
 * The interviewers' live integrity feed: the `Array "integrity"` of the room's notes document,
 * which only the owner and interviewers can open and only the server writes into (see
 * docs/events.md). Items are read defensively: anything malformed is skipped.
 */

import type * as Y from "yjs";

export const INTEGRITY_ARRAY = "integrity";
/** Pastes this long or longer are reported with a preview (the server shows only those). */
export const FEED_MIN_PASTE = 200;
export const PREVIEW_CHARS = 200;

export type FeedKind = "paste" | "focus_lost" | "focus_regained";

export type FeedItem = {
  id: string;
  userId: string;
  name: string;
  kind: FeedKind;
  at: number;
  size: number | null;
  preview: string | null;
  awayMs: number | null;
};

const KINDS: readonly string[] = ["paste", "focus_lost", "focus_regained"];

export function integrityArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(INTEGRITY_ARRAY);
}

export function feedItems(items: unknown[]): FeedItem[] {
  const feed: FeedItem[] = [];
  for (const item of items) {
    if (typeof item !== "object" || item === null) continue;
    const i = item as Record<string, unknown>;
    if (typeof i.kind !== "string" || !KINDS.includes(i.kind) || typeof i.at !== "number") continue;
    feed.push({
      id: typeof i.id === "string" ? i.id : `${i.at}-${feed.length}`,
      userId: typeof i.userId === "string" ? i.userId : "",
      name: typeof i.name === "string" ? i.name.slice(0, 100) : "Someone",
      kind: i.kind as FeedKind,
      at: i.at,
      size: typeof i.size === "number" ? i.size : null,
      preview: typeof i.preview === "string" ? i.preview.slice(0, PREVIEW_CHARS) : null,
      awayMs: typeof i.awayMs === "number" ? i.awayMs : null,
    });
  }
  return feed;
}

/** "2 s", "1 min 5 s", "1 h 2 min". */
export function awayFor(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** What the feed says about one item. */
export function describe(item: FeedItem): string {
  switch (item.kind) {
    case "paste":
      return `${item.name} pasted ${(item.size ?? 0).toLocaleString("en")} characters`;
    case "focus_lost":
      return `${item.name} left the tab`;
    case "focus_regained":
      return item.awayMs === null ? `${item.name} came back` : `${item.name} came back after ${awayFor(item.awayMs)} away`;
  }
}

/** The preview a paste is reported with: its first characters, only for a big paste. */
export function pastePreview(text: string): string | undefined {
  return text.length >= FEED_MIN_PASTE ? text.slice(0, PREVIEW_CHARS) : undefined;
}
