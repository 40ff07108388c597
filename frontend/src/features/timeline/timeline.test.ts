import { describe, expect, it } from "vitest";

import { type Timeline, activityTimes, densityOf, markerKind, markersFrom } from "./timeline";

// The server's TimelinePublic (timeline/service.py), with one marker of each kind it logs.
const timeline: Timeline = {
  started_at_ms: 1_000,
  ended_at_ms: null,
  duration_ms: 10_000,
  bucket_ms: 1_000,
  activity: [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3],
  markers: [
    { seq: 1, type: "session.started", at_ms: 0, actor_id: "ann", payload: {} },
    { seq: 2, type: "presence.joined", at_ms: 100, actor_id: "bob", payload: { connection_id: "c" } },
    { seq: 3, type: "signal.paste", at_ms: 2_000, actor_id: "bob", payload: { size: 400 } },
    { seq: 4, type: "run.started", at_ms: 2_900, actor_id: "bob", payload: { run_id: "r", language: "python" } },
    { seq: 5, type: "run.finished", at_ms: 3_000, actor_id: "bob", payload: { run_id: "r", status: "time_limit_exceeded", time_ms: 5, exit_code: null } },
    { seq: 6, type: "submission.finished", at_ms: 4_000, actor_id: "bob", payload: { verdict: "wrong_answer", passed: 3, total: 5 } },
    { seq: 7, type: "signal.focus_lost", at_ms: 6_000, actor_id: "bob", payload: {} },
    { seq: 8, type: "chat.message", at_ms: 6_500, actor_id: "ann", payload: { text: "hi" } },
    { seq: 9, type: "presence.left", at_ms: 9_000, actor_id: "bob", payload: null },
  ],
};

describe("timeline markers", () => {
  it("draws the server's event types", () => {
    expect(markerKind("run.finished")).toBe("run");
    expect(markerKind("run.failed")).toBe("run");
    expect(markerKind("run.started")).toBeNull();
    expect(markerKind("submission.finished")).toBe("submission");
    expect(markerKind("submission.started")).toBeNull();
    expect(markerKind("signal.paste")).toBe("paste");
    expect(markerKind("signal.focus_lost")).toBe("focus");
    expect(markerKind("signal.focus_regained")).toBeNull();
    expect(markerKind("member.joined")).toBe("join");
    expect(markerKind("presence.left")).toBe("leave");
    expect(markerKind("doc.update")).toBeNull();
  });

  it("labels markers with who did what", () => {
    const markers = markersFrom(timeline.markers, (id) => (id === "bob" ? "Bob" : "Ann"));
    expect(markers.map((m) => [m.atMs, m.kind, m.label])).toEqual([
      [0, "session", "Session started"],
      [100, "join", "Bob joined"],
      [2_000, "paste", "Bob pasted 400 characters"],
      [3_000, "run", "Bob ran the code: time limit exceeded"],
      [4_000, "submission", "Bob submitted: wrong answer (3/5)"],
      [6_000, "focus", "Bob left the tab"],
      [9_000, "leave", "Bob left"],
    ]);
  });
});

describe("timeline activity", () => {
  it("gives the start of each bucket with activity", () => {
    expect(activityTimes(timeline)).toEqual([0, 1_000, 10_000]);
  });

  it("gathers the buckets into the scrubber's bars", () => {
    expect(densityOf(timeline, 5)).toEqual([3, 0, 0, 0, 3]);
    expect(densityOf({ ...timeline, duration_ms: 0 }, 3)).toEqual([0, 0, 0]);
  });
});
