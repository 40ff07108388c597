/** Figures for the analytics page, computed from the event log and read from /analytics. */

import { type SessionEvent, markerKind } from "./events";

export type Series = { actorId: string; counts: number[] };
export type PassPoint = { atMs: number; passed: number; total: number };
export type Incident = { atMs: number; actorId: string | null; kind: "paste" | "focus"; detail: string };

/** Edits per participant per time bucket (typing activity over time). */
export function typingSeries(events: SessionEvent[], start: number, duration: number, buckets: number): Series[] {
  const byActor = new Map<string, number[]>();
  for (const e of events) {
    if (e.type !== "doc.update" || e.actorId === null) continue;
    const counts = byActor.get(e.actorId) ?? new Array<number>(buckets).fill(0);
    const i = duration > 0 ? Math.min(buckets - 1, Math.max(0, Math.floor(((e.ts - start) / duration) * buckets))) : 0;
    counts[i] = (counts[i] ?? 0) + 1;
    byActor.set(e.actorId, counts);
  }
  return [...byActor].map(([actorId, counts]) => ({ actorId, counts }));
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Tests passed after each judged submission. */
export function passProgression(events: SessionEvent[], start: number): PassPoint[] {
  const points: PassPoint[] = [];
  for (const e of events) {
    if (markerKind(e.type) !== "submission") continue;
    const result = (typeof e.payload.result === "object" && e.payload.result !== null ? e.payload.result : e.payload) as Record<string, unknown>;
    const passed = num(result.passed);
    const total = num(result.total);
    if (passed !== null && total !== null) points.push({ atMs: e.ts - start, passed, total });
  }
  return points;
}

/** Pastes (largest first) and focus losses, as facts with timestamps. */
export function incidents(events: SessionEvent[], start: number): { pastes: Incident[]; focusLosses: Incident[] } {
  const pastes: (Incident & { size: number })[] = [];
  const focusLosses: Incident[] = [];
  for (const e of events) {
    const kind = markerKind(e.type);
    if (kind === "paste") {
      const size = num(e.payload.size) ?? num(e.payload.characters) ?? 0;
      pastes.push({ atMs: e.ts - start, actorId: e.actorId, kind, detail: `${size} characters`, size });
    } else if (kind === "focus") {
      focusLosses.push({ atMs: e.ts - start, actorId: e.actorId, kind, detail: "left the tab" });
    }
  }
  pastes.sort((a, b) => b.size - a.size);
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
  time_to_first_run_ms: "Time to first run",
  time_to_first_accepted_ms: "Time to first accepted",
};

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The scalar figures of one participant's analytics entry, labelled and formatted. */
export function figuresOf(entry: Record<string, unknown>): Figure[] {
  const figures: Figure[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (["user_id", "id", "name", "display_name", "role", "color"].includes(key)) continue;
    const label = LABELS[key] ?? key.replace(/_ms$/, "").replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
    if (typeof value === "number") figures.push({ label, value: key.endsWith("_ms") ? duration(value) : value.toLocaleString("en") });
    else if (value === null && key.endsWith("_ms")) figures.push({ label, value: "—" });
    else if (Array.isArray(value)) figures.push({ label, value: String(value.length) });
  }
  return figures;
}

/** The participants list in an /analytics answer (`participants` as a list or keyed by user). */
export function participantsOf(analytics: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const raw = analytics?.participants ?? analytics?.per_participant;
  if (Array.isArray(raw)) return raw.filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null);
  if (typeof raw === "object" && raw !== null) {
    return Object.entries(raw as Record<string, unknown>)
      .filter(([, v]) => typeof v === "object" && v !== null)
      .map(([id, v]) => ({ user_id: id, ...(v as Record<string, unknown>) }));
  }
  return [];
}
