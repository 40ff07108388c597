import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { latestRun, publishRunResult, publishRunStarted, readRun, runMap, statusTone } from "./run-state";
import type { ExecutionResult } from "./types";

const result: ExecutionResult = {
  status: "ok",
  stdout: "42\n",
  stderr: "",
  compile_output: "",
  exit_code: 0,
  signal: null,
  time_ms: 12,
  wall_ms: 20,
  memory_kb: 3000,
  truncated: false,
};

describe("run state", () => {
  it("round-trips a run through the shared document", () => {
    const doc = new Y.Doc();
    publishRunStarted(doc, "Ann", 100);
    expect(readRun(runMap(doc).toJSON())).toMatchObject({ state: "running", by: "Ann", startedAt: 100, result: null });
    publishRunResult(doc, "Ann", result, 100, 250);
    expect(readRun(runMap(doc).toJSON())).toEqual({ state: "finished", by: "Ann", startedAt: 100, finishedAt: 250, result, stdin: null });
  });

  it("reads nothing from an empty or malformed map", () => {
    expect(readRun({})).toBeNull();
    expect(readRun({ state: "finished", result: { stdout: 1 } })?.result).toBeNull();
  });

  it("shows the newest of the shared run and this tab's own", () => {
    const shared = { state: "finished" as const, by: "Ann", startedAt: 100, finishedAt: 200, result, stdin: null };
    const mine = { state: "running" as const, by: "Bob", startedAt: 300, finishedAt: null, result: null, stdin: null };
    expect(latestRun(shared, mine)).toBe(mine);
    expect(latestRun({ ...shared, startedAt: 400 }, mine)?.by).toBe("Ann");
    expect(latestRun(null, null)).toBeNull();
  });

  it("colours statuses", () => {
    expect(statusTone("ok")).toBe("green");
    expect(statusTone("time_limit_exceeded")).toBe("amber");
    expect(statusTone("compilation_error")).toBe("red");
  });
});
