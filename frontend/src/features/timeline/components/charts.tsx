import { clock } from "@/lib/format";

/** Bars of one series over the session (a participant's typing activity). */
export function ActivityBars({ counts, color, label, duration }: { counts: number[]; color: string; label: string; duration: number }) {
  const peak = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <figure className="space-y-1">
      <figcaption className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-slate-500 dark:text-slate-400">{total} edits</span>
      </figcaption>
      <svg role="img" aria-label={`${label}: ${total} edits over ${clock(duration)}`} className="h-14 w-full rounded bg-slate-100 dark:bg-slate-800" viewBox={`0 0 ${counts.length} 100`} preserveAspectRatio="none">
        {counts.map((c, i) => (
          <rect key={i} x={i + 0.1} width={0.8} y={100 - (c / peak) * 96} height={(c / peak) * 96} fill={color} />
        ))}
      </svg>
      <div className="flex justify-between text-xs text-slate-500 dark:text-slate-400">
        <span>0:00</span>
        <span>{clock(duration)}</span>
      </div>
    </figure>
  );
}

/** Tests passed over time, one step per judged submission. */
export function PassChart({ points, duration }: { points: { atMs: number; passed: number; total: number }[]; duration: number }) {
  const total = Math.max(1, ...points.map((p) => p.total));
  const span = Math.max(1, duration, ...points.map((p) => p.atMs));
  let path = "M 0 100";
  for (const p of points) {
    const x = (p.atMs / span) * 100;
    path += ` H ${x} V ${100 - (p.passed / total) * 100}`;
  }
  path += " H 100";
  const last = points.at(-1);
  return (
    <figure>
      <svg role="img" aria-label={`Tests passed over time; last ${last ? `${last.passed} of ${last.total}` : "none"}`} className="h-32 w-full rounded bg-slate-100 dark:bg-slate-800" viewBox="0 0 100 100" preserveAspectRatio="none">
        <path d={path} fill="none" stroke="#009E73" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        {points.map((p, i) => (
          <circle key={i} cx={(p.atMs / span) * 100} cy={100 - (p.passed / total) * 100} r={1.5} fill="#009E73" />
        ))}
      </svg>
      <figcaption className="mt-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
        <span>0:00</span>
        <span>tests passed (max {total})</span>
        <span>{clock(span)}</span>
      </figcaption>
    </figure>
  );
}
