/**
 * The room documents' layout, agreed with the collaboration server. The code document:
 * - `Text "code"`: the code of the language shown now;
 * - `Text "stdin"`: the room's shared program input, edited by everyone who may write;
 * - `Map "meta"`: `language` (only the server changes it, when a member switches language with
 *   `POST /api/rooms/{id}/language`: see `api/change-language.ts`), `status` ("ended" once
 *   staff end the session, so every client learns it at once).
 * The state document (`/state`), written by the server only (no client update to it is applied):
 * - `Array "chat"`: chat messages (see `ChatMessage`): clients send them with
 *   `POST /api/rooms/{id}/chat` (see `features/collab/api/post-chat.ts`);
 * - `Map "run"` (`features/execution/run-state.ts`) and `Map "submission"`
 *   (`features/problems/shared-submission.ts`);
 * - `Map "buffers"`: the saved code of each language the room is not showing.
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

export function stdinText(doc: Y.Doc): Y.Text {
  return doc.getText("stdin");
}

/** Make `text` read `next` with the smallest edit (the common start and end stay), so what
 * others type at the same time elsewhere in it is kept. */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  const apply = () => {
    text.delete(start, current.length - start - end);
    text.insert(start, next.slice(start, next.length - end));
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
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
