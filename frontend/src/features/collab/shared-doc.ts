/**
 * The shared room document's layout, agreed with the collaboration server:
 * - `Text "code"`: the code;
 * - `Map "meta"`: `language` (the server seeds it from the room), `status` ("ended" once staff
 *   end the session, so every client learns it at once);
 * - `Array "chat"`: chat messages (see `ChatMessage`).
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

/** Append a message; returns false for an empty one. */
export function sendChat(doc: Y.Doc, author: Omit<ChatMessage, "id" | "text" | "at">, text: string, now = Date.now()): boolean {
  const body = text.trim().slice(0, MAX_CHAT_LENGTH);
  if (!body) return false;
  const message: ChatMessage = { id: `${doc.clientID}-${now}-${Math.random().toString(36).slice(2, 8)}`, ...author, text: body, at: now };
  chatArray(doc).push([message]);
  return true;
}

/** The well-formed messages among the array's items (anyone with write access can push junk). */
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
