import { describe, expect, it } from "vitest";

import { IDLE_GAP_MS, SKIP_LEAD_MS, advance, density, firstAfter, momentFrom, momentLink, nextTime, openingMoment, previousTime } from "./player";

describe("replay player", () => {
  const activity = [1_000, 2_000, 60_000];

  it("moves at the chosen speed", () => {
    expect(advance(1_000, 100, 8, 100_000, activity, false)).toBe(1_800);
  });

  it("stops at the end", () => {
    expect(advance(99_000, 1_000, 32, 100_000, activity, false)).toBe(100_000);
  });

  it("skips a quiet stretch to just before the next activity", () => {
    expect(advance(2_500, 16, 1, 100_000, activity, true)).toBe(60_000 - SKIP_LEAD_MS);
  });

  it("does not skip short pauses", () => {
    expect(advance(1_200, 100, 1, 100_000, activity, true)).toBe(1_300);
    expect(2_000 - 1_200).toBeLessThan(IDLE_GAP_MS);
  });

  it("skips a quiet tail to the end", () => {
    expect(advance(61_000, 16, 1, 100_000, activity, true)).toBe(100_000);
  });

  it("steps to the next and previous event", () => {
    const times = [1_000, 5_000, 9_000];
    expect(nextTime(times, 5_000)).toBe(9_000);
    expect(nextTime(times, 9_000)).toBeNull();
    expect(previousTime(times, 5_000)).toBe(1_000);
    expect(previousTime(times, 5_400)).toBe(5_000);
    expect(previousTime(times, 900)).toBeNull();
    expect(firstAfter(times, 0)).toBe(0);
  });

  it("counts activity per bucket", () => {
    expect(density([0, 10, 50, 99, 100], 100, 4)).toEqual([2, 0, 1, 2]);
    expect(density([5], 0, 3)).toEqual([0, 0, 0]);
  });

  it("links to a moment and reads it back", () => {
    const link = momentLink("http://h", "r 1", 1234.4);
    expect(link).toBe("http://h/rooms/r%201/replay?t=1234");
    expect(momentFrom("?t=1234", null)).toBe(1234);
    expect(momentFrom("?t=99999", 5000)).toBe(5000);
    expect(momentFrom("?t=-3", null)).toBe(0);
    expect(momentFrom("?t=abc", null)).toBe(0);
  });
});

describe("openingMoment", () => {
  it("opens at the end (null) without a moment in the link", () => {
    expect(openingMoment("")).toBeNull();
  });

  it("opens at the moment a link names", () => {
    expect(openingMoment("?t=1500")).toBe(1500);
  });
});
