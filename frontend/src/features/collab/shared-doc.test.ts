import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { MAX_CHAT_LENGTH, chatArray, chatBody, chatMessages, markEnded, metaMap, setLanguage } from "./shared-doc";

describe("shared document", () => {
  it("trims chat drafts, bounds them and refuses empty ones", () => {
    expect(chatBody("   ")).toBeNull();
    expect(chatBody("  hi  ")).toBe("hi");
    expect(chatBody("x".repeat(MAX_CHAT_LENGTH + 10))).toHaveLength(MAX_CHAT_LENGTH);
  });

  it("reads the messages the server appends to the chat array", () => {
    const doc = new Y.Doc();
    // The shape timeline.service.post_chat writes.
    chatArray(doc).push([{ id: "room-7", userId: "u", name: "Ann", color: "#E69F00", text: "hi", at: 1000 }]);
    expect(chatMessages(chatArray(doc).toArray())).toEqual([{ id: "room-7", userId: "u", name: "Ann", color: "#E69F00", text: "hi", at: 1000 }]);
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
