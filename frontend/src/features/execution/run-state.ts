/**
 * The room's latest run as everyone sees it: `Map "run"` in the room's state document
 * (`state`: "running" | "finished", `by`: who ran it, `started_at`/`finished_at`: epoch ms,
 * `result`: the execution result, `stdin`: the input it used). Only the server writes it (room_runs.py).
 */

import type * as Y from "yjs";

import type { ExecutionResult } from "./types";

export type RunView = {
  state: "running" | "finished";
  by: string;
  startedAt: number;
  finishedAt: number | null;
  result: ExecutionResult | null;
  /** The input the run used (the room's shared stdin unless the run named its own). */
  stdin: string | null;
};

export function runMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("run");
}

/** The server's execution result as room_runs.py writes it (the fields of `ExecutionPublic`). */
function asResult(value: unknown): ExecutionResult | null {
  return typeof value === "object" && value !== null && "status" in value ? (value as ExecutionResult) : null;
}

/** The run map's content, or null when nothing has run yet or it is malformed. */
export function readRun(json: Record<string, unknown>): RunView | null {
  const state = json.state;
  if (state !== "running" && state !== "finished") return null;
  return {
    state,
    by: typeof json.by === "string" ? json.by : "Someone",
    startedAt: typeof json.started_at === "number" ? json.started_at : 0,
    finishedAt: typeof json.finished_at === "number" ? json.finished_at : null,
    result: asResult(json.result),
    stdin: typeof json.stdin === "string" ? json.stdin : null,
  };
}

/** What the server writes to the `run` map when a room run starts (room_runs.py); only the
 * server writes it, so the app never calls this: it stands in for the server in tests. */
export function publishRunStarted(doc: Y.Doc, by: string, now = Date.now()): void {
  doc.transact(() => {
    const map = runMap(doc);
    map.set("state", "running");
    map.set("by", by);
    map.set("started_at", now);
    map.delete("finished_at");
    map.delete("result");
  });
}

/** What the server writes to the `run` map when a room run ends (stands in for it in tests). */
export function publishRunResult(doc: Y.Doc, by: string, result: ExecutionResult, startedAt: number, now = Date.now()): void {
  doc.transact(() => {
    const map = runMap(doc);
    map.set("state", "finished");
    map.set("by", by);
    map.set("started_at", startedAt);
    map.set("finished_at", now);
    map.set("result", { ...result });
  });
}

/** Newest of the shared run and the one this tab ran itself. */
export function latestRun(shared: RunView | null, local: RunView | null): RunView | null {
  if (shared === null) return local;
  if (local === null) return shared;
  return local.startedAt > shared.startedAt || (local.startedAt === shared.startedAt && shared.state === "running") ? local : shared;
}

export type Tone = "green" | "red" | "amber" | "neutral";

export function statusTone(status: string): Tone {
  if (status === "ok" || status === "accepted") return "green";
  if (status === "internal_error") return "neutral";
  if (status.endsWith("limit_exceeded")) return "amber";
  return "red";
}
