import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { publishSubmission, readSubmission, submissionMap } from "./shared-submission";

describe("shared submission", () => {
  it("never shares hidden tests' data with the room", () => {
    const doc = new Y.Doc();
    publishSubmission(
      doc,
      "Ann",
      {
        verdict: "wrong_answer",
        passed: 1,
        total: 2,
        tests: [
          { index: 1, verdict: "accepted", hidden: false, time_ms: 3, memory_kb: 100, input: "1", expected_output: "1" },
          { index: 2, verdict: "wrong_answer", hidden: true, time_ms: 4, memory_kb: 100, input: "secret", expected_output: "42", actual_output: "41" },
        ],
      },
      5,
    );
    const json = JSON.stringify(submissionMap(doc).toJSON());
    expect(json).not.toContain("secret");
    expect(json).not.toContain("41");
    const shared = readSubmission(submissionMap(doc).toJSON());
    expect(shared?.by).toBe("Ann");
    expect(shared?.result.tests.map((t) => t.input)).toEqual(["1", undefined]);
  });
});
