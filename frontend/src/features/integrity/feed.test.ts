import { describe as group, expect, it } from "vitest";

import { awayFor, describe, feedItems, pastePreview } from "./feed";

group("feedItems", () => {
  it("reads a paste with its size and preview", () => {
    const [item] = feedItems([{ id: "r-1", userId: "u", name: "Cat", kind: "paste", at: 5, size: 300, preview: "abc" }]);
    expect(item).toEqual({ id: "r-1", userId: "u", name: "Cat", kind: "paste", at: 5, size: 300, preview: "abc", awayMs: null });
  });

  it("skips items of unknown kinds and malformed ones", () => {
    expect(feedItems([null, "x", { kind: "explode", at: 1 }, { kind: "paste" }])).toEqual([]);
  });
});

group("describe", () => {
  it("says how long a candidate was away", () => {
    const [item] = feedItems([{ name: "Cat", kind: "focus_regained", at: 1, awayMs: 65_000 }]);
    expect(item && describe(item)).toBe("Cat came back after 1 min 5 s away");
  });

  it("says a candidate left the tab", () => {
    const [item] = feedItems([{ name: "Cat", kind: "focus_lost", at: 1 }]);
    expect(item && describe(item)).toBe("Cat left the tab");
  });
});

group("awayFor", () => {
  it("counts seconds, then minutes, then hours", () => {
    expect(awayFor(4_400)).toBe("4 s");
    expect(awayFor(120_000)).toBe("2 min");
    expect(awayFor(3_720_000)).toBe("1 h 2 min");
  });
});

group("pastePreview", () => {
  it("gives no preview for a small paste", () => {
    expect(pastePreview("x".repeat(199))).toBeUndefined();
  });

  it("gives the first 200 characters of a big paste", () => {
    expect(pastePreview("y".repeat(500))).toBe("y".repeat(200));
  });
});
