import { describe, expect, it } from "vitest";

import { figuresOf, incidents, passProgression, typingSeries } from "./analytics";
import type { Analytics } from "./api/get-analytics";
import type { SessionEvent } from "./api/get-events";

function participant(userId: string, extra: Partial<Analytics["participants"][number]> = {}): Analytics["participants"][number] {
  return {
    user_id: userId,
    display_name: userId,
    role: "candidate",
    chars_inserted: 0,
    chars_deleted: 0,
    active_typing_ms: 0,
    idle_ms: 0,
    time_away_ms: 0,
    edits: 0,
    runs: 0,
    submissions: 0,
    pastes: [],
    focus_losses: [],
    first_run_at_ms: null,
    first_accepted_at_ms: null,
    ...extra,
  };
}

const analytics: Analytics = {
  started_at_ms: 1_000,
  duration_ms: 10_000,
  participants: [
    participant("ann", { pastes: [{ at_ms: 5_000, size: 20 }] }),
    participant("bob", { pastes: [{ at_ms: 2_000, size: 400 }], focus_losses: [{ at_ms: 6_000, away_ms: 1_500 }] }),
  ],
  test_progression: [{ at_ms: 4_000, actor_id: "bob", verdict: "wrong_answer", passed: 3, total: 5 }],
};

function edit(seq: number, atMs: number, actor: string): SessionEvent {
  return { seq, type: "doc.update", version: 1, ts_ms: 1_000 + atMs, at_ms: atMs, actor_id: actor, audience: "all", payload: null, data: "AA==" };
}

describe("analytics", () => {
  it("buckets typing per participant", () => {
    const events = [edit(1, 1_000, "ann"), { ...edit(2, 3_000, "bob"), type: "awareness" }, edit(3, 9_000, "bob")];
    expect(typingSeries(events, 10_000, 2)).toEqual([
      { actorId: "ann", counts: [1, 0] },
      { actorId: "bob", counts: [0, 1] },
    ]);
  });

  it("follows the tests passed per submission", () => {
    expect(passProgression(analytics)).toEqual([{ atMs: 4_000, passed: 3, total: 5 }]);
  });

  it("lists everyone's pastes largest first and focus losses in order", () => {
    const { pastes, focusLosses } = incidents(analytics);
    expect(pastes.map((p) => [p.actorId, p.detail])).toEqual([
      ["bob", "400 characters"],
      ["ann", "20 characters"],
    ]);
    expect(focusLosses.map((f) => [f.atMs, f.actorId])).toEqual([[6_000, "bob"]]);
  });

  it("labels and formats a participant's figures", () => {
    const figures = figuresOf(participant("u", { chars_inserted: 1234, active_typing_ms: 125_000, pastes: [{ at_ms: 1, size: 2 }] }));
    expect(figures).toContainEqual({ label: "Characters inserted", value: "1,234" });
    expect(figures).toContainEqual({ label: "Active typing", value: "2 min 5 s" });
    expect(figures).toContainEqual({ label: "First run at", value: "—" });
    expect(figures).toContainEqual({ label: "Pastes", value: "1" });
  });
});

describe("focus losses: the card and the list agree", () => {
  it("counts in each participant's card what the list shows for them", async () => {
    const { figuresOf: figures, incidents: list } = await import("./analytics");
    const participant = (id: string, losses: number) =>
      ({
        user_id: id, display_name: id, role: "candidate", chars_inserted: 0, chars_deleted: 0, edits: 0, runs: 0, submissions: 0,
        active_typing_ms: 0, idle_ms: 0, time_away_ms: 0, first_run_at_ms: null, first_accepted_at_ms: null, pastes: [],
        focus_losses: Array.from({ length: losses }, (_, i) => ({ at_ms: i * 1000, duration_ms: 500 })),
      }) as unknown as Parameters<typeof figures>[0];
    const people = [participant("a", 3), participant("b", 1)];
    const shown = list({ participants: people } as unknown as Parameters<typeof list>[0]).focusLosses;
    for (const p of people) {
      const card = figures(p).find((f) => f.label === "Focus losses")?.value;
      expect(Number(card)).toBe(shown.filter((i) => i.actorId === p.user_id).length);
    }
  });
});
