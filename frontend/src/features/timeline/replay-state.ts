/** The replay endpoint's answer (`ReplayPublic`): the room as it was at one moment. */

import type { Schemas } from "@/lib/api-client";

export type ReplayCursor = { userId: string; name: string; color: string; anchor: number; head: number };

/**
 * `last_run`: the result of the last `run.finished` before the moment, with its `run_id` and
 * `ts_ms` (timeline/state.py; the API document leaves it an open object).
 */
export type ReplayRun = Schemas["ExecutionPublic"] & { run_id: string | null; ts_ms: number };
/** `last_verdict`: the last `submission.finished` before the moment (timeline/state.py). */
export type ReplayVerdict = { submission_id: string | null; verdict: string; passed: number; total: number; ts_ms: number };

export type ReplayState = {
  atMs: number;
  code: string;
  language: string;
  cursors: ReplayCursor[];
  /** Names of the people connected at that moment. */
  present: string[];
  lastRun: ReplayRun | null;
  lastVerdict: ReplayVerdict | null;
};

const NO_COLOR = "#999999";

export function toReplayState(replay: Schemas["ReplayPublic"]): ReplayState {
  return {
    atMs: replay.at_ms,
    code: replay.code,
    language: replay.language ?? "plaintext",
    cursors: replay.present.flatMap((person) =>
      person.cursors.map((cursor) => ({
        userId: person.user_id,
        name: person.name ?? "Someone",
        color: person.color ?? NO_COLOR,
        anchor: cursor.anchor.index,
        head: cursor.head.index,
      })),
    ),
    present: replay.present.flatMap((person) => (person.name ? [person.name] : [])),
    lastRun: replay.last_run as ReplayRun | null,
    lastVerdict: replay.last_verdict as ReplayVerdict | null,
  };
}
