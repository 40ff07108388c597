import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";

import { execute } from "../api/execute";
import { runInRoom } from "../api/run-in-room";
import type { RunMode } from "../hooks/use-languages";
import { type RunView, latestRun, readRun } from "../run-state";
import { OutputView } from "./output-view";

type Props = {
  roomId: string;
  /** The room's run as the server shows it to everyone (the state document's `run` map). */
  sharedRun: Record<string, unknown>;
  runMode: RunMode;
  /** Still finding out whether this server runs code. */
  loading: boolean;
  /** The code and language as this tab has them (for a direct run). */
  source: () => { code: string; language: string };
  myName: string;
};

export function RunPanel({ roomId, sharedRun, runMode, loading, source, myName }: Props) {
  const runnable = runMode !== null;
  const [stdin, setStdin] = useState("");
  const [local, setLocal] = useState<RunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = latestRun(readRun(sharedRun), local);
  const running = local?.state === "running";

  const start = async () => {
    const startedAt = Date.now();
    setError(null);
    setLocal({ state: "running", by: myName, startedAt, finishedAt: null, result: null });
    try {
      const { code, language } = source();
      const result = runMode === "room" ? await runInRoom(roomId, stdin) : await execute({ language, source: code, stdin });
      // A room run reaches everyone through the server's write to the state document, which
      // only the server writes.
      setLocal({ state: "finished", by: myName, startedAt, finishedAt: Date.now(), result });
    } catch (err) {
      setLocal(null);
      if (err instanceof ApiError && err.status === 409) setError("Someone else's run is still going; wait for it to finish.");
      else if (err instanceof ApiError && err.isMissingEndpoint) setError("Running code is not available on this server.");
      else setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    }
  };

  return (
    <div className="grid h-full min-h-0 grid-cols-[16rem_1fr] gap-3" data-testid="run-panel" data-run-mode={loading ? "loading" : (runMode ?? "none")}>
      <div className="flex min-h-0 flex-col gap-2">
        <TextArea
          label="Input (stdin)"
          className="flex min-h-0 flex-1 flex-col [&>textarea]:flex-1 [&>textarea]:resize-none"
          value={stdin}
          onChange={(e) => setStdin(e.target.value)}
          placeholder="Input for the program"
          data-testid="stdin"
        />
        <Button
          onClick={() => void start()}
          busy={running}
          disabled={!runnable}
          title={runnable ? "Run the code (Ctrl+Enter)" : "Running code is not available on this server"}
          data-testid="run-button"
        >
          Run <kbd className="text-xs opacity-75">Ctrl+Enter</kbd>
        </Button>
      </div>
      <div className="min-h-0 space-y-2 overflow-y-auto" aria-live="polite">
        {!runnable && !loading && <Alert tone="info">Running code is not available on this server.</Alert>}
        {error && <Alert>{error}</Alert>}
        <OutputView run={run} />
      </div>
    </div>
  );
}
