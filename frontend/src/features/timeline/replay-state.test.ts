import { describe, expect, it } from "vitest";

import type { Schemas } from "@/lib/api-client";

import { toReplayState } from "./replay-state";

// The server's ReplayPublic (timeline/schemas.py), as the generated types describe it.
const replay: Schemas["ReplayPublic"] = {
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
};

describe("toReplayState", () => {
  it("flattens each present user's cursors and keeps the last run and verdict", () => {
    const state = toReplayState(replay);
    expect(state).toMatchObject({ atMs: 1500, code: "first", language: "python", present: ["Ann", "Bob"] });
    expect(state.cursors).toEqual([{ userId: "u1", name: "Ann", color: "#E69F00", anchor: 2, head: 5 }]);
    expect(state.lastRun).toMatchObject({ status: "ok", stdout: "hi\n", time_ms: 12 });
    expect(state.lastVerdict).toMatchObject({ verdict: "accepted", passed: 3, total: 3 });
  });

  it("shows plain text before a language is known", () => {
    expect(toReplayState({ ...replay, language: null, present: [], last_run: null, last_verdict: null })).toMatchObject({
      language: "plaintext",
      cursors: [],
      lastRun: null,
      lastVerdict: null,
    });
  });
});
