import { describe, expect, it } from "vitest";

import { draftFromState, emptyState, parseTags, rejectionOf, slugFromTitle, stateFromProblem } from "./draft";

describe("slugFromTitle", () => {
  it("joins lowercase words with dashes", () => {
    expect(slugFromTitle("  Two Sum: the Sequel! ")).toBe("two-sum-the-sequel");
  });
  it("stays within 64 characters without a trailing dash", () => {
    const slug = slugFromTitle("a ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(64);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("parseTags", () => {
  it("splits on commas, normalises and drops duplicates and blanks", () => {
    expect(parseTags("Array, hash table, ,array")).toEqual(["array", "hash-table"]);
  });
});

describe("draftFromState", () => {
  it("turns the form's text into the API's draft", () => {
    const state = {
      ...emptyState(),
      slug: "add-two",
      title: " Add two ",
      timeLimitMs: "1500",
      starters: [{ language: "python", code: "# start\n" }],
      tests: [{ name: " ", visible: true, input: "1 2\n", output: "3\n" }],
      referenceSource: "print(3)\n",
    };
    const draft = draftFromState(state);
    expect(draft.problem.title).toBe("Add two");
    expect(draft.problem.time_limit_ms).toBe(1500);
    expect(draft.problem.starter).toEqual({ python: "# start\n" });
    expect(draft.problem.tests).toEqual([{ name: null, visible: true, input: "1 2\n", output: "3\n" }]);
    expect(draft.reference).toEqual({ language: "python", source: "print(3)\n" });
  });
  it("sends a limit that is not a whole number as NaN, for the server to refuse", () => {
    expect(Number.isNaN(draftFromState({ ...emptyState(), memoryLimitMb: "2.5" }).problem.memory_limit_mb)).toBe(true);
  });
});

describe("stateFromProblem", () => {
  it("round-trips a saved problem", () => {
    const state = { ...emptyState(), slug: "s", title: "T", statement: "x", tags: "a, b", referenceSource: "src" };
    const draft = draftFromState(state);
    const back = stateFromProblem({ id: "1", problem: draft.problem, reference: draft.reference });
    expect(draftFromState(back)).toEqual(draft);
  });
});

describe("rejectionOf", () => {
  it("finds a reference rejection in a 422 body, and nothing in a validation error", () => {
    const rejection = { message: "m", verdict: "wrong_answer", passed: 0, total: 1, compile_output: "", failed_tests: [] };
    expect(rejectionOf({ detail: rejection })).toEqual(rejection);
    expect(rejectionOf({ detail: [{ loc: ["body"], msg: "bad" }] })).toBeNull();
    expect(rejectionOf(null)).toBeNull();
  });
});
