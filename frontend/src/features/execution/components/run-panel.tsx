import { useState } from "react";
import type * as Y from "yjs";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/field";
import { useYText } from "@/features/collab/hooks/use-yjs";
import { replaceText } from "@/features/collab/shared-doc";
import { ApiError } from "@/lib/api-client";

import { runInRoom } from "../api/run-in-room";
import { type RunView, latestRun, readRun } from "../run-state";
import { OutputView } from "./output-view";

type Props = {
  roomId: string;
  /** The room's shared stdin (`Text "stdin"` of the code document): everyone sees it live. */
  stdin: Y.Text;
  /** This member may edit the shared stdin (a writer while they may edit the code). */
  canEditStdin: boolean;
  /** The room's run as the server shows it to everyone (the state document's `run` map). */
  sharedRun: Record<string, unknown>;
  /** The server runs code (it lists languages). */
  runnable: boolean;
  /** This member may run code now (a writer, and the session is live or they are staff);
   * without it the panel shows the room's runs and no controls. */
  canRun: boolean;
  /** Still finding out which languages this server runs. */
  loading: boolean;
  myName: string;
};

export function RunPanel({ roomId, stdin: stdinText, canEditStdin, sharedRun, runnable, canRun, loading, myName }: Props) {
  const stdin = useYText(stdinText);
  const [local, setLocal] = useState<RunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = latestRun(readRun(sharedRun), local);
  const running = local?.state === "running";

  const start = async () => {
    const startedAt = Date.now();
    setError(null);
    setLocal({ state: "running", by: myName, startedAt, finishedAt: null, result: null, stdin });
    try {
      // Without a stdin of its own the run takes the room's shared stdin on the server.
      const result = await runInRoom(roomId);
      // A room run reaches everyone through the server's write to the state document, which
      // only the server writes.
      setLocal({ state: "finished", by: myName, startedAt, finishedAt: Date.now(), result, stdin });
    } catch (err) {
      setLocal(null);
      if (err instanceof ApiError && err.status === 409) setError("Someone else's run is still going; wait for it to finish.");
      else setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    }
  };

  if (!canRun) {
    // Observers, and candidates after the end: the room's runs, without controls they cannot use.
    return (
      <div className="h-full min-h-0 space-y-2 overflow-y-auto" aria-live="polite" data-testid="run-panel" data-run-mode="view">
        {run ? <OutputView run={run} /> : <p className="text-sm text-slate-600 dark:text-slate-400">No run yet.</p>}
      </div>
    );
  }

  return (
    <div className="grid h-full min-h-0 grid-cols-1 grid-rows-[auto_minmax(0,1fr)] gap-3 sm:grid-cols-[14rem_minmax(0,1fr)] sm:grid-rows-1" data-testid="run-panel" data-run-mode={loading ? "loading" : runnable ? "room" : "none"}>
      <div className="flex min-h-0 flex-col gap-2">
        <TextArea
          label="Input (stdin)"
          className="flex min-h-0 flex-1 flex-col [&>textarea]:min-h-12 [&>textarea]:flex-1 [&>textarea]:resize-none"
          value={stdin}
          onChange={(e) => replaceText(stdinText, e.target.value)}
          readOnly={!canEditStdin}
          placeholder="Input for the program (shared with the room)"
          data-testid="stdin"
        />
        <Button
          onClick={() => void start()}
          busy={running}
          disabled={!runnable}
          title={runnable ? "Run the code (Ctrl+Enter)" : "Running code is not available on this server"}
          data-testid="run-button"
        >
          Run <kbd className="font-sans text-xs">Ctrl+Enter</kbd>
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
