import { describe, expect, it } from "vitest";

import { matchesQuery, toProblem, toSubmission, toSummaries } from "./normalize";

describe("problem bank payloads", () => {
  it("accepts a bare list or a page of problems", () => {
    const items = [{ id: "1", title: "Two Sum", difficulty: "easy", tags: ["array", 3] }];
    expect(toSummaries(items)).toEqual([{ id: "1", title: "Two Sum", difficulty: "easy", tags: ["array"] }]);
    expect(toSummaries({ items })).toHaveLength(1);
    expect(toSummaries("nonsense")).toEqual([]);
  });

  it("reads samples under their usual names", () => {
    const problem = toProblem({ id: "1", title: "T", statement: "S", sample_tests: [{ input: "1 2", expected_output: "3" }] });
    expect(problem.samples).toEqual([{ input: "1 2", output: "3" }]);
  });

  it("reads per-test verdicts, hidden ones without data", () => {
    const submission = toSubmission({
      verdict: "wrong_answer",
      passed: 1,
      total: 2,
      tests: [{ verdict: "accepted", time_ms: 5 }, { verdict: "wrong_answer", hidden: true }],
    });
    expect(submission.tests.map((t) => [t.index, t.verdict, t.hidden])).toEqual([
      [1, "accepted", false],
      [2, "wrong_answer", true],
    ]);
  });

  it("searches titles, tags and difficulty, every word", () => {
    const p = { id: "1", title: "Merge Intervals", difficulty: "medium", tags: ["sorting"] };
    expect(matchesQuery(p, "merge")).toBe(true);
    expect(matchesQuery(p, "medium sort")).toBe(true);
    expect(matchesQuery(p, "graph")).toBe(false);
    expect(matchesQuery(p, "  ")).toBe(true);
  });
});
