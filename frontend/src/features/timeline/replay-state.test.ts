import { describe, expect, it } from "vitest";

import { toReplayState } from "./replay-state";

describe("toReplayState", () => {
  it("reads the server's ReplayPublic", () => {
    // The shape of timeline/schemas.py ReplayPublic.
    const state = toReplayState(
      {
        at_ms: 1500,
        seq: 9,
        code: "first",
        language: "python",
        present: [
          {
            user_id: "u1",
            name: "Ann",
            color: "#E69F00",
            role: "owner",
            connections: 1,
            cursors: [{ client_id: 7, anchor: { index: 2, line: 0, column: 2 }, head: { index: 5, line: 0, column: 5 } }],
          },
          { user_id: "u2", name: "Bob", color: null, role: "candidate", connections: 1, cursors: [] },
        ],
        last_run: { status: "ok", stdout: "hi\n", stderr: "", time_ms: 12, memory_kb: 900, run_id: "r", ts_ms: 5 },
        last_verdict: { submission_id: "s", verdict: "accepted", passed: 3, total: 3, ts_ms: 6 },
      },
      1400,
    );
    expect(state).toMatchObject({ atMs: 1500, code: "first", language: "python", present: ["Ann", "Bob"] });
    expect(state.cursors).toEqual([{ userId: "u1", name: "Ann", color: "#E69F00", anchor: 2, head: 5 }]);
    expect(state.lastRun).toMatchObject({ status: "ok", stdout: "hi\n", time_ms: 12 });
    expect(state.lastVerdict).toEqual({ verdict: "accepted", passed: 3, total: 3 });
  });

  it("falls back for a null language", () => {
    expect(toReplayState({ at_ms: 0, code: "", language: null, present: [], last_run: null, last_verdict: null }, 0).language).toBe("plaintext");
  });
});
