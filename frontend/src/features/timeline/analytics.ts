/** Figures for the analytics page, from `GET /analytics` (`AnalyticsPublic`) and the event log. */

import type { Analytics } from "./api/get-analytics";
import type { SessionEvent } from "./api/get-events";

export type Participant = Analytics["participants"][number];
export type Series = { actorId: string; counts: number[] };
export type PassPoint = { atMs: number; passed: number; total: number };
export type Incident = { atMs: number; actorId: string | null; kind: "paste" | "focus"; detail: string };

/** Edits per participant per time bucket (typing activity over time). */
export function typingSeries(events: readonly SessionEvent[], duration: number, buckets: number): Series[] {
  const byActor = new Map<string, number[]>();
  for (const e of events) {
    if (e.type !== "doc.update" || e.actor_id === null) continue;
    const counts = byActor.get(e.actor_id) ?? new Array<number>(buckets).fill(0);
    const i = duration > 0 ? Math.min(buckets - 1, Math.max(0, Math.floor((e.at_ms / duration) * buckets))) : 0;
    counts[i] = (counts[i] ?? 0) + 1;
    byActor.set(e.actor_id, counts);
  }
  return [...byActor].map(([actorId, counts]) => ({ actorId, counts }));
}

/** Tests passed after each judged submission. */
export function passProgression(analytics: Analytics): PassPoint[] {
  return analytics.test_progression.map((p) => ({ atMs: p.at_ms, passed: p.passed, total: p.total }));
}

/** Everyone's pastes (largest first) and focus losses, as facts with timestamps. */
export function incidents(analytics: Analytics): { pastes: Incident[]; focusLosses: Incident[] } {
  const pastes = analytics.participants
    .flatMap((p) => p.pastes.map((paste) => ({ ...paste, actorId: p.user_id })))
    .sort((a, b) => b.size - a.size || a.at_ms - b.at_ms)
    .map((paste): Incident => ({ atMs: paste.at_ms, actorId: paste.actorId, kind: "paste", detail: `${paste.size} characters` }));
  const focusLosses = analytics.participants
    .flatMap((p) => p.focus_losses.map((loss): Incident => ({ atMs: loss.at_ms, actorId: p.user_id, kind: "focus", detail: "left the tab" })))
    .sort((a, b) => a.atMs - b.atMs);
  return { pastes, focusLosses };
}

export type Figure = { label: string; value: string };

const LABELS: Record<string, string> = {
  chars_inserted: "Characters inserted",
  chars_deleted: "Characters deleted",
  active_typing_ms: "Active typing",
  idle_ms: "Idle",
  time_away_ms: "Time away",
  focus_losses: "Focus losses",
  runs: "Runs",
  submissions: "Submissions",
  edits: "Edits",
  pastes: "Pastes",
  first_run_at_ms: "First run at",
  first_accepted_at_ms: "First accepted at",
};

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The scalar figures of one participant's analytics entry, labelled and formatted. */
export function figuresOf(entry: Participant): Figure[] {
  const figures: Figure[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (["user_id", "display_name", "role"].includes(key)) continue;
    const label = LABELS[key] ?? key.replace(/_ms$/, "").replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
    if (typeof value === "number") figures.push({ label, value: key.endsWith("_ms") ? duration(value) : value.toLocaleString("en") });
    else if (value === null && key.endsWith("_ms")) figures.push({ label, value: "—" });
    else if (Array.isArray(value)) figures.push({ label, value: String(value.length) });
  }
  return figures;
}
