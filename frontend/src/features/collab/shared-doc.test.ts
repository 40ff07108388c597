import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { MAX_CHAT_LENGTH, chatArray, chatBody, chatMessages, markEnded, metaMap, replaceText, stdinText } from "./shared-doc";

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

  it("sets the ended status in meta", () => {
    const doc = new Y.Doc();
    markEnded(doc);
    expect(metaMap(doc).toJSON()).toEqual({ status: "ended" });
  });

  it("replaces only the changed middle of a shared text, keeping what another typed", () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    stdinText(mine).insert(0, "1 2\n3 4\n");
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    stdinText(theirs).insert(0, "0 0\n");
    replaceText(stdinText(mine), "1 2\n5 6\n");
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    expect(stdinText(mine).toString()).toBe("0 0\n1 2\n5 6\n");
    expect(stdinText(theirs).toString()).toBe(stdinText(mine).toString());
  });

  it("does not write when the text is unchanged", () => {
    const doc = new Y.Doc();
    stdinText(doc).insert(0, "same");
    let updates = 0;
    doc.on("update", () => updates++);
    replaceText(stdinText(doc), "same");
    expect(updates).toBe(0);
  });
});
