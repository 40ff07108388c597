/** The room's latest verdict as everyone sees it: `Map "submission"` (`by`, `at`, `result`). */

import type * as Y from "yjs";

import { toSubmission } from "./normalize";
import type { Submission } from "./types";

export type SharedSubmission = { by: string; at: number; result: Submission };

export function submissionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("submission");
}

export function readSubmission(json: Record<string, unknown>): SharedSubmission | null {
  const result = json.result;
  if (typeof result !== "object" || result === null || typeof json.at !== "number") return null;
  return { by: typeof json.by === "string" ? json.by : "Someone", at: json.at, result: toSubmission(result as Record<string, unknown>) };
}

export function publishSubmission(doc: Y.Doc, by: string, result: Submission, now = Date.now()): void {
  doc.transact(() => {
    const map = submissionMap(doc);
    map.set("by", by);
    map.set("at", now);
    map.set("result", JSON.parse(JSON.stringify(result)) as unknown);
  });
}
