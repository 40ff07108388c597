/**
 * The scrubber's summary of a session, from `GET /api/rooms/{id}/timeline` (`TimelinePublic`):
 * activity per bucket and the markers the server picks (timeline/service.py `MARKER_TYPES`).
 */

import type { Schemas } from "@/lib/api-client";

export type Timeline = Schemas["TimelinePublic"];
export type TimelineMarker = Schemas["Marker"];

export type MarkerKind = "run" | "submission" | "paste" | "focus" | "join" | "leave" | "session";

export type Marker = { atMs: number; kind: MarkerKind; label: string; seq: number; actorId: string | null };

/** The event types drawn as markers; the server's other marker types (starts, chat, languages) are not. */
const KINDS: Readonly<Record<string, MarkerKind>> = {
  "run.finished": "run",
  "run.failed": "run",
  "submission.finished": "submission",
  "signal.paste": "paste",
  "signal.focus_lost": "focus",
  "member.joined": "join",
  "presence.joined": "join",
  "presence.left": "leave",
  "session.started": "session",
  "session.ended": "session",
};

export function markerKind(type: string): MarkerKind | null {
  return KINDS[type] ?? null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * A marker's words. Payloads are the logged events' (docs/api.md): `run.finished` trimmed to
 * `{run_id, status, time_ms, exit_code}`, `submission.finished` the shared `SubmissionResult`,
 * `signal.paste` `{size}`.
 */
function markerLabel(marker: TimelineMarker, kind: MarkerKind, who: string): string {
  const p = marker.payload ?? {};
  switch (kind) {
    case "run": {
      const status = marker.type === "run.failed" ? "failed" : (text(p.status) ?? "finished");
      return `${who} ran the code: ${status.replace(/_/g, " ")}`;
    }
    case "submission": {
      const passed = num(p.passed);
      const total = num(p.total);
      const verdict = text(p.verdict)?.replace(/_/g, " ") ?? "judged";
      return `${who} submitted: ${verdict}${passed !== null && total !== null ? ` (${passed}/${total})` : ""}`;
    }
    case "paste":
      return `${who} pasted ${num(p.size) ?? "?"} characters`;
    case "focus":
      return `${who} left the tab`;
    case "join":
      return `${who} joined`;
    case "leave":
      return `${who} left`;
    case "session":
      return marker.type === "session.ended" ? "Session ended" : "Session started";
  }
}

export function markersFrom(markers: readonly TimelineMarker[], name: (id: string | null) => string): Marker[] {
  const out: Marker[] = [];
  for (const marker of markers) {
    const kind = markerKind(marker.type);
    if (kind === null) continue;
    out.push({ atMs: marker.at_ms, kind, label: markerLabel(marker, kind, name(marker.actor_id)), seq: marker.seq, actorId: marker.actor_id });
  }
  return out;
}

/** Where something happened: the start of each bucket with activity (for idle skipping). */
export function activityTimes(timeline: Pick<Timeline, "activity" | "bucket_ms">): number[] {
  const times: number[] = [];
  timeline.activity.forEach((count, i) => {
    if (count > 0) times.push(i * timeline.bucket_ms);
  });
  return times;
}

/** The activity gathered into `buckets` bars over the session's length (the scrubber's density). */
export function densityOf(timeline: Pick<Timeline, "activity" | "bucket_ms" | "duration_ms">, buckets: number): number[] {
  const counts = new Array<number>(buckets).fill(0);
  if (timeline.duration_ms <= 0) return counts;
  timeline.activity.forEach((count, i) => {
    const j = Math.min(buckets - 1, Math.floor(((i * timeline.bucket_ms) / timeline.duration_ms) * buckets));
    counts[j] = (counts[j] ?? 0) + count;
  });
  return counts;
}
