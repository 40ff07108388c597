import { describe, expect, it } from "vitest";

import { isRoomPath } from "@/app/layout";

import { guestNameProblem } from "./components/guest-join-form";

describe("guest names", () => {
  it("accepts a name of 1 to 64 characters, trimmed", () => {
    expect(guestNameProblem("  Gus  ")).toBeNull();
    expect(guestNameProblem("é".repeat(64))).toBeNull();
  });

  it("refuses blank, too long and control characters", () => {
    expect(guestNameProblem("   ")).toBe("Enter your name.");
    expect(guestNameProblem("x".repeat(65))).toMatch(/64/);
    expect(guestNameProblem("Gus\nGrey")).not.toBeNull();
    expect(guestNameProblem("Gus\u2028Grey")).not.toBeNull();
  });
});

describe("a guest's pages", () => {
  it("are their room's pages only", () => {
    expect(isRoomPath("/rooms/r1", "r1")).toBe(true);
    expect(isRoomPath("/rooms/r1/replay", "r1")).toBe(true);
    expect(isRoomPath("/rooms/r10", "r1")).toBe(false);
    expect(isRoomPath("/", "r1")).toBe(false);
  });
});
