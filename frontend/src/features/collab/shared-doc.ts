/**
 * The room documents' layout, agreed with the collaboration server. The code document:
 * - `Text "code"`: the code;
 * - `Map "meta"`: `language` (the server seeds it from the room), `status` ("ended" once staff
 *   end the session, so every client learns it at once).
 * The state document (`/state`), written by the server only (no client update to it is applied):
 * - `Array "chat"`: chat messages (see `ChatMessage`): clients send them with
 *   `POST /api/rooms/{id}/chat` (see `features/collab/api/post-chat.ts`);
 * - `Map "run"` (`features/execution/run-state.ts`) and `Map "submission"`
 *   (`features/problems/shared-submission.ts`).
 * Rooms from before the state document also hold an old `run`, `submission` and `chat` in the
 * code document: the app never reads them there, since any member with write rights could.
 * The notes document (`/notes`) holds `Text "notes"`.
 */

import type * as Y from "yjs";

export const MAX_CHAT_LENGTH = 2000;

export type ChatMessage = { id: string; userId: string; name: string; color: string; text: string; at: number };

export function codeText(doc: Y.Doc): Y.Text {
  return doc.getText("code");
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("meta");
}

export function chatArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray("chat");
}

export function notesText(doc: Y.Doc): Y.Text {
  return doc.getText("notes");
}

export function setLanguage(doc: Y.Doc, language: string): void {
  const meta = metaMap(doc);
  if (meta.get("language") !== language) meta.set("language", language);
}

export function markEnded(doc: Y.Doc): void {
  metaMap(doc).set("status", "ended");
}

/** The owner reopened the session: every open client sees it at once (then refetches rights). */
export function markReopened(doc: Y.Doc): void {
  metaMap(doc).set("status", "active");
}

/** The text to send for a draft: trimmed and bounded; null for an empty one. */
export function chatBody(text: string): string | null {
  const body = text.trim().slice(0, MAX_CHAT_LENGTH);
  return body ? body : null;
}

/** The well-formed messages among the array's items (only the server writes them; still checked). */
export function chatMessages(items: unknown[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const item of items) {
    if (typeof item !== "object" || item === null) continue;
    const m = item as Record<string, unknown>;
    if (typeof m.text !== "string" || typeof m.at !== "number") continue;
    messages.push({
      id: typeof m.id === "string" ? m.id : `${m.at}-${messages.length}`,
      userId: typeof m.userId === "string" ? m.userId : "",
      name: typeof m.name === "string" ? m.name.slice(0, 100) : "Someone",
      color: typeof m.color === "string" ? m.color : "#999999",
      text: m.text.slice(0, MAX_CHAT_LENGTH),
      at: m.at,
    });
  }
  return messages;
}
