import { describe, expect, it } from "vitest";

import { matchesQuery } from "./search";
import type { ProblemSummary } from "./types";

describe("problem search", () => {
  it("searches titles, slugs, tags and difficulty, every word", () => {
    const p: ProblemSummary = {
      id: "7c0c3d5e-0000-4000-8000-000000000001",
      slug: "merge-intervals",
      title: "Merge Intervals",
      difficulty: "medium",
      tags: ["sorting"],
      time_limit_ms: 2000,
      memory_limit_mb: 256,
    };
    expect(matchesQuery(p, "merge")).toBe(true);
    expect(matchesQuery(p, "medium sort")).toBe(true);
    expect(matchesQuery(p, "intervals merge-")).toBe(true);
    expect(matchesQuery(p, "graph")).toBe(false);
    expect(matchesQuery(p, "  ")).toBe(true);
  });
});
