import { clock } from "@/lib/format";

import type { Marker, MarkerKind } from "../timeline";

/** Arrow keys move the scrubber this far; the range ends on a whole step past the last event, so End reaches it. */
const SCRUB_STEP_MS = 100;

export const MARKER_COLORS: Record<MarkerKind, string> = {
  run: "#0072B2",
  submission: "#009E73",
  paste: "#D55E00",
  focus: "#CC79A7",
  join: "#56B4E9",
  leave: "#999999",
  session: "#E69F00",
};

export const MARKER_NAMES: Record<MarkerKind, string> = {
  run: "Run",
  submission: "Submission",
  paste: "Paste",
  focus: "Focus lost",
  join: "Joined",
  leave: "Left",
  session: "Session",
};

/**
 * The timeline: activity density behind, event markers on top (click to jump), and a native range
 * input for the playhead (arrow keys, Home/End and screen readers work as for any slider).
 */
export function Scrubber({
  at,
  duration,
  markers,
  densities,
  onSeek,
}: {
  at: number;
  duration: number;
  markers: Marker[];
  densities: number[];
  onSeek: (atMs: number) => void;
}) {
  const peak = Math.max(1, ...densities);
  const span = Math.max(1, duration);
  return (
    <div className="space-y-1">
      <div className="relative h-10 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
        <svg className="absolute inset-0 h-full w-full" viewBox={`0 0 ${densities.length} 100`} preserveAspectRatio="none">
          {densities.map((count, i) => (
            <rect key={i} x={i + 0.1} width={0.8} y={100 - (count / peak) * 100} height={(count / peak) * 100} className="fill-sky-300 dark:fill-sky-800" />
          ))}
        </svg>
        {markers.map((m) => (
          <button
            key={`${m.seq}-${m.atMs}`}
            type="button"
            tabIndex={-1}
            title={`${clock(m.atMs)} — ${m.label}`}
            onClick={() => onSeek(m.atMs)}
            className="absolute top-0 h-full w-1.5 -translate-x-1/2 rounded-sm opacity-90 hover:w-2.5"
            style={{ left: `${(m.atMs / span) * 100}%`, backgroundColor: MARKER_COLORS[m.kind] }}
          />
        ))}
        <div className="pointer-events-none absolute top-0 h-full w-0.5 bg-slate-900 dark:bg-white" style={{ left: `${(at / span) * 100}%` }} />
      </div>
      <input
        type="range"
        min={0}
        max={Math.ceil(span / SCRUB_STEP_MS) * SCRUB_STEP_MS}
        step={SCRUB_STEP_MS}
        value={Math.min(at, span)}
        onChange={(e) => onSeek(Number(e.target.value))}
        aria-label="Playback position"
        aria-valuetext={`${clock(at)} of ${clock(duration)}`}
        className="w-full accent-sky-700"
        data-testid="replay-position"
      />
      <ul className="flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-400" aria-label="Marker legend">
        {(Object.keys(MARKER_COLORS) as MarkerKind[]).map((kind) => (
          <li key={kind} className="flex items-center gap-1">
            <span className="inline-block h-2 w-2 rounded-sm" style={{ backgroundColor: MARKER_COLORS[kind] }} />
            {MARKER_NAMES[kind]}
          </li>
        ))}
      </ul>
    </div>
  );
}
