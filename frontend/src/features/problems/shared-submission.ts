/** The room's latest verdict as everyone sees it: `Map "submission"` of the room's state document
 * (`by`, `at`, `state`, and `result` once finished), written by the judge only (judge/wiring.py).
 * `result` is the `SubmissionResult` of `POST /api/rooms/{id}/submissions` as a candidate gets it:
 * hidden tests reduced to their verdict, time and memory. */

import type * as Y from "yjs";

import type { Submission } from "./types";

export type SharedSubmission = { by: string; at: number; result: Submission };

export function submissionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("submission");
}

export function readSubmission(json: Record<string, unknown>): SharedSubmission | null {
  const result = json.result;
  if (typeof result !== "object" || result === null || typeof json.at !== "number") return null;
  return { by: typeof json.by === "string" ? json.by : "Someone", at: json.at, result: result as Submission };
}
