/** The replay player's clock: playback speed, idle skipping, stepping between events, density. */

export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;
/** Quiet stretches longer than this are skipped when idle skipping is on. */
export const IDLE_GAP_MS = 5_000;
/** Land this long before the next activity after a skip, to see it happen. */
export const SKIP_LEAD_MS = 500;

/** First index in sorted `times` with a value > `at` (binary search). */
export function firstAfter(times: readonly number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where the playhead is after `elapsedMs` of wall time at `speed`. */
export function advance(
  at: number,
  elapsedMs: number,
  speed: number,
  duration: number,
  activity: readonly number[],
  skipIdle: boolean,
): number {
  let next = at + elapsedMs * speed;
  if (skipIdle) {
    const upcoming = activity[firstAfter(activity, at)];
    if (upcoming !== undefined && upcoming - at > IDLE_GAP_MS && next < upcoming - SKIP_LEAD_MS) {
      next = upcoming - SKIP_LEAD_MS;
    } else if (upcoming === undefined && duration - at > IDLE_GAP_MS) {
      next = duration;
    }
  }
  return Math.min(duration, Math.max(0, next));
}

/** The next marker time after `at`, or null. */
export function nextTime(times: readonly number[], at: number): number | null {
  return times[firstAfter(times, at)] ?? null;
}

/** The last marker time before `at` (a little slack so repeated presses keep stepping back). */
export function previousTime(times: readonly number[], at: number, slackMs = 250): number | null {
  const index = firstAfter(times, at - slackMs) - 1;
  return index >= 0 ? (times[index] ?? null) : null;
}

/** Events per bucket over the session, for the scrubber's activity strip. */
export function density(times: readonly number[], duration: number, buckets: number): number[] {
  const counts = new Array<number>(buckets).fill(0);
  if (duration <= 0) return counts;
  for (const t of times) {
    const i = Math.min(buckets - 1, Math.max(0, Math.floor((t / duration) * buckets)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** The shareable link to a moment of the replay. */
export function momentLink(origin: string, roomId: string, atMs: number): string {
  return `${origin}/rooms/${encodeURIComponent(roomId)}/replay?t=${Math.round(atMs)}`;
}

/** `?t=` from a link, clamped; 0 when invalid. */
export function momentFrom(search: string, duration: number | null): number {
  const t = Number(new URLSearchParams(search).get("t"));
  if (!Number.isFinite(t) || t < 0) return 0;
  return duration === null ? t : Math.min(t, duration);
}

/** Where the replay opens: the moment a link names, else null (the end: the final code). */
export function openingMoment(search: string): number | null {
  return new URLSearchParams(search).has("t") ? momentFrom(search, null) : null;
}
