import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { MAX_CHAT_LENGTH, chatArray, chatMessages, markEnded, metaMap, sendChat, setLanguage } from "./shared-doc";

describe("shared document", () => {
  it("appends trimmed chat messages and refuses empty ones", () => {
    const doc = new Y.Doc();
    const author = { userId: "u", name: "Ann", color: "#E69F00" };
    expect(sendChat(doc, author, "   ")).toBe(false);
    expect(sendChat(doc, author, "  hi  ", 1000)).toBe(true);
    expect(sendChat(doc, author, "x".repeat(MAX_CHAT_LENGTH + 10), 2000)).toBe(true);
    const messages = chatMessages(chatArray(doc).toArray());
    expect(messages.map((m) => m.text.length)).toEqual([2, MAX_CHAT_LENGTH]);
    expect(messages[0]).toMatchObject({ name: "Ann", text: "hi", at: 1000 });
  });

  it("skips malformed chat items", () => {
    expect(chatMessages([null, 3, { text: 1 }, { text: "ok", at: 5 }])).toHaveLength(1);
  });

  it("sets the language and the ended status in meta", () => {
    const doc = new Y.Doc();
    setLanguage(doc, "go");
    markEnded(doc);
    expect(metaMap(doc).toJSON()).toEqual({ language: "go", status: "ended" });
  });

  it("does not write when the language is unchanged", () => {
    const doc = new Y.Doc();
    setLanguage(doc, "go");
    let updates = 0;
    doc.on("update", () => updates++);
    setLanguage(doc, "go");
    expect(updates).toBe(0);
  });
});
