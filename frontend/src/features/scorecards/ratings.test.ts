import { describe, expect, it } from "vitest";

import { formatMoment, parseMoment, ratingLabel, replayHref } from "./ratings";

describe("replay moments", () => {
  it("formats milliseconds as mm:ss", () => {
    expect(formatMoment(65_000)).toBe("01:05");
    expect(formatMoment(0)).toBe("00:00");
    expect(formatMoment(6_000_999)).toBe("100:00");
  });

  it("parses mm:ss back to milliseconds", () => {
    expect(parseMoment("01:05")).toBe(65_000);
    expect(parseMoment("1:05")).toBe(65_000);
    expect(parseMoment(" ")).toBeNull();
  });

  it("refuses what is not mm:ss", () => {
    for (const bad of ["1:5", "1:60", "abc", "-1:00", "1:05:00", "12345:00"]) expect(parseMoment(bad)).toBeUndefined();
  });

  it("links a moment to the replay", () => {
    expect(replayHref("r1", 65_000.4)).toBe("/rooms/r1/replay?t=65000");
  });
});

describe("ratings", () => {
  it("shows each rating in words", () => {
    expect(ratingLabel("strong_yes")).toBe("Strong yes");
    expect(ratingLabel(null)).toBe("Not rated");
  });
});
