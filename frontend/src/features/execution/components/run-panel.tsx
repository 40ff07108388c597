import { useState } from "react";
import type * as Y from "yjs";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";

import { runInRoom } from "../api/run-in-room";
import { type RunView, latestRun, publishRunResult, publishRunStarted, readRun, runMap } from "../run-state";
import { OutputView } from "./output-view";

type Props = {
  roomId: string;
  doc: Y.Doc;
  sharedRun: Record<string, unknown>;
  runnable: boolean;
  /** May this user write the shared document (to publish the run to the room)? */
  canPublish: boolean;
  myName: string;
};

export function RunPanel({ roomId, doc, sharedRun, runnable, canPublish, myName }: Props) {
  const [stdin, setStdin] = useState("");
  const [local, setLocal] = useState<RunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = latestRun(readRun(sharedRun), local);
  const running = local?.state === "running";

  const start = async () => {
    const startedAt = Date.now();
    setError(null);
    setLocal({ state: "running", by: myName, startedAt, finishedAt: null, result: null });
    if (canPublish) publishRunStarted(doc, myName, startedAt);
    try {
      const result = await runInRoom(roomId, stdin);
      setLocal({ state: "finished", by: myName, startedAt, finishedAt: Date.now(), result });
      const shared = readRun(runMap(doc).toJSON());
      if (canPublish && !(shared?.state === "finished" && (shared.startedAt ?? 0) >= startedAt)) {
        publishRunResult(doc, myName, result, startedAt);
      }
    } catch (err) {
      setLocal(null);
      if (canPublish && readRun(runMap(doc).toJSON())?.state === "running") runMap(doc).clear();
      if (err instanceof ApiError && err.status === 409) setError("Someone else's run is still going; wait for it to finish.");
      else if (err instanceof ApiError && err.isMissingEndpoint) setError("Running code is not available on this server.");
      else setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <div className="flex items-end gap-2">
        <TextArea
          label="Input (stdin)"
          className="flex-1"
          rows={2}
          value={stdin}
          onChange={(e) => setStdin(e.target.value)}
          placeholder="Input for the program"
          data-testid="stdin"
        />
        <Button onClick={() => void start()} busy={running} disabled={!runnable} title={runnable ? "Run the code (Ctrl+Enter)" : "Running code is not available on this server"} data-testid="run-button">
          Run
        </Button>
      </div>
      {!runnable && <Alert tone="info">Running code is not available on this server.</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="min-h-0 flex-1 overflow-y-auto">
        <OutputView run={run} />
      </div>
    </div>
  );
}
