import { describe, expect, it } from "vitest";

import { unreadCount } from "./unread";

describe("unreadCount", () => {
  it("counts what arrived since the panel was last seen", () => {
    expect(unreadCount(7, 4, false)).toBe(3);
  });

  it("is zero while the panel is visible", () => {
    expect(unreadCount(7, 4, true)).toBe(0);
  });

  it("is never negative", () => {
    expect(unreadCount(2, 5, false)).toBe(0);
  });
});
