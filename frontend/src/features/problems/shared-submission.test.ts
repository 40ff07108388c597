import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { readSubmission, submissionMap } from "./shared-submission";
import type { Submission } from "./types";

const result: Submission = {
  id: "5f0e1c9a-0000-4000-8000-000000000002",
  problem_id: "5f0e1c9a-0000-4000-8000-000000000003",
  language: "python",
  verdict: "wrong_answer",
  passed: 1,
  total: 2,
  compile_output: "",
  time_ms: 7,
  memory_kb: 100,
  tests: [
    { index: 0, verdict: "accepted", visible: true, cut: false, time_ms: 3, memory_kb: 100, input: "1", expected_output: "1", stdout: "1" },
    { index: 1, verdict: "wrong_answer", visible: false, cut: false, time_ms: 4, memory_kb: 100 },
  ],
};

describe("shared submission", () => {
  it("reads the judge's finished submission from the state document", () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const map = submissionMap(doc);
      map.set("by", "Ann");
      map.set("at", 5);
      map.set("state", "finished");
      map.set("result", result);
    });
    const shared = readSubmission(submissionMap(doc).toJSON());
    expect(shared?.by).toBe("Ann");
    expect(shared?.result.tests.map((t) => [t.index, t.visible, t.input])).toEqual([
      [0, true, "1"],
      [1, false, undefined],
    ]);
  });

  it("shows nothing while the first submission is being judged", () => {
    const doc = new Y.Doc();
    submissionMap(doc).set("by", "Ann");
    submissionMap(doc).set("at", 5);
    submissionMap(doc).set("state", "running");
    expect(readSubmission(submissionMap(doc).toJSON())).toBeNull();
  });
});
