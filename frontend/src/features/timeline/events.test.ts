import { describe, expect, it } from "vitest";

import { incidents, passProgression, typingSeries } from "./analytics";
import { eventsOf, isActivity, markerKind, markersFrom, toEvent } from "./events";
import { toReplayState } from "./replay-state";

const log = eventsOf([
  { seq: 1, type: "session.started", ts_ms: 1000, actor_id: "ann", payload: {} },
  { seq: 2, type: "doc.update", ts_ms: 2000, actor_id: "ann" },
  { seq: 3, type: "client.paste", ts_ms: 3000, actor_id: "bob", payload: { size: 400 } },
  { seq: 4, type: "run.finished", ts_ms: 4000, actor_id: "bob", payload: { result: { status: "ok" } } },
  { seq: 5, type: "submission.judged", ts_ms: 5000, actor_id: "bob", payload: { verdict: "wrong_answer", passed: 3, total: 5 } },
  { seq: 6, type: "client.paste", ts_ms: 6000, actor_id: "bob", payload: { size: 20 } },
  { seq: 7, type: "focus.lost", ts_ms: 7000, actor_id: "bob" },
  { seq: 8, type: "doc.update", ts_ms: 11000, actor_id: "bob" },
  { type: "broken" },
]);

describe("event log", () => {
  it("reads events with numeric or ISO timestamps and skips malformed ones", () => {
    expect(log).toHaveLength(8);
    expect(toEvent({ type: "x", at: "2030-01-01T00:00:00Z" })?.ts).toBe(Date.parse("2030-01-01T00:00:00Z"));
    expect(eventsOf({ events: [{ type: "x", ts_ms: 1 }] })).toHaveLength(1);
  });

  it("classifies markers", () => {
    expect(markerKind("run.finished")).toBe("run");
    expect(markerKind("run.started")).toBeNull();
    expect(markerKind("member.joined")).toBe("join");
    expect(markerKind("presence.left")).toBe("leave");
    expect(markerKind("doc.update")).toBeNull();
  });

  it("classifies the server's event types", () => {
    expect(markerKind("signal.paste")).toBe("paste");
    expect(markerKind("signal.focus_lost")).toBe("focus");
    expect(markerKind("signal.focus_regained")).toBeNull();
    expect(markerKind("run.failed")).toBe("run");
    expect(markerKind("submission.finished")).toBe("submission");
    expect(markerKind("presence.joined")).toBe("join");
  });

  it("labels markers relative to the session start", () => {
    const markers = markersFrom(log, 1000, (id) => (id === "bob" ? "Bob" : "Ann"));
    expect(markers.map((m) => [m.atMs, m.kind, m.label])).toEqual([
      [0, "session", "Session started"],
      [2000, "paste", "Bob pasted 400 characters"],
      [3000, "run", "Bob ran the code: ok"],
      [4000, "submission", "Bob submitted: wrong answer (3/5)"],
      [5000, "paste", "Bob pasted 20 characters"],
      [6000, "focus", "Bob left the tab"],
    ]);
  });

  it("counts edits and runs as activity", () => {
    expect(log.filter(isActivity).map((e) => e.seq)).toEqual([2, 4, 5, 8]);
  });
});

describe("analytics from events", () => {
  it("buckets typing per participant", () => {
    expect(typingSeries(log, 1000, 10_000, 2)).toEqual([
      { actorId: "ann", counts: [1, 0] },
      { actorId: "bob", counts: [0, 1] },
    ]);
  });

  it("follows the tests passed per submission", () => {
    expect(passProgression(log, 1000)).toEqual([{ atMs: 4000, passed: 3, total: 5 }]);
  });

  it("lists pastes largest first and focus losses", () => {
    const { pastes, focusLosses } = incidents(log, 1000);
    expect(pastes.map((p) => p.detail)).toEqual(["400 characters", "20 characters"]);
    expect(focusLosses.map((f) => f.atMs)).toEqual([6000]);
  });
});

describe("replay state", () => {
  it("reads code, language, cursors and the last run", () => {
    const state = toReplayState(
      {
        code: "x = 1",
        language: "python",
        participants: [{ user: { id: "ann", name: "Ann", color: "#E69F00" }, cursor: { anchor: 1, head: 3 } }],
        last_run: { status: "ok", stdout: "1\n" },
        last_verdict: { verdict: "accepted", passed: 5, total: 5 },
      },
      1500,
    );
    expect(state).toMatchObject({ atMs: 1500, code: "x = 1", language: "python", present: ["Ann"] });
    expect(state.cursors).toEqual([{ userId: "ann", name: "Ann", color: "#E69F00", anchor: 1, head: 3 }]);
    expect(state.lastRun?.stdout).toBe("1\n");
    expect(state.lastVerdict).toEqual({ verdict: "accepted", passed: 5, total: 5 });
  });

  it("survives an empty answer", () => {
    expect(toReplayState(null, 0)).toMatchObject({ code: "", cursors: [], lastRun: null });
  });
});
