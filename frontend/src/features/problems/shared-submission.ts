/** The room's latest verdict as everyone sees it: `Map "submission"` of the room's state document
 * (`by`, `at`, `result`), written by the server only. */

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

/**
 * What of a result the whole room may see: staff get hidden tests' data in their own answer, and
 * it must not reach candidates through the shared document.
 */
export function shareable(result: Submission): Submission {
  return {
    ...(result.compile_output ? { compile_output: result.compile_output } : {}),
    verdict: result.verdict,
    passed: result.passed,
    total: result.total,
    tests: result.tests.map((t) =>
      t.hidden ? { index: t.index, verdict: t.verdict, hidden: true, time_ms: t.time_ms, memory_kb: t.memory_kb } : { ...t },
    ),
  };
}

/** What the judge writes to the `submission` map (judge/wiring.py); only the server writes it,
 * so the app never calls this: it stands in for the server in tests. */
export function publishSubmission(doc: Y.Doc, by: string, result: Submission, now = Date.now()): void {
  doc.transact(() => {
    const map = submissionMap(doc);
    map.set("by", by);
    map.set("at", now);
    map.set("result", JSON.parse(JSON.stringify(shareable(result))) as unknown);
  });
}
