import { Badge } from "@/components/ui/badge";
import { humanize, kibibytes, milliseconds } from "@/lib/format";

import { type RunView, statusTone } from "../run-state";

function Stream({ title, text, testId }: { title: string; text: string; testId: string }) {
  if (!text) return null;
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      <pre data-testid={testId} className="overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-950">
        {text}
      </pre>
    </div>
  );
}

export function OutputView({ run }: { run: RunView | null }) {
  if (run === null) return <p className="text-sm text-slate-500 dark:text-slate-400">Run the code to see its output here.</p>;
  if (run.state === "running" || run.result === null) {
    return (
      <p role="status" className="text-sm" data-testid="run-status">
        Running… <span className="text-slate-500 dark:text-slate-400">(started by {run.by})</span>
      </p>
    );
  }
  const r = run.result;
  return (
    <div className="space-y-2" data-testid="run-output">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <Badge tone={statusTone(r.status)}>
          <span data-testid="run-status">{humanize(r.status)}</span>
        </Badge>
        <span>Time {milliseconds(r.time_ms)}</span>
        <span>Memory {kibibytes(r.memory_kb)}</span>
        {r.exit_code !== null && <span>Exit code {r.exit_code}</span>}
        {r.signal !== null && r.signal !== 0 && <span>Signal {String(r.signal)}</span>}
        <span className="text-slate-500 dark:text-slate-400">by {run.by}</span>
      </div>
      {r.truncated && <p className="text-xs text-amber-700 dark:text-amber-400">Output was cut at the size limit.</p>}
      <Stream title="Input (stdin)" text={run.stdin ?? ""} testId="run-stdin" />
      <Stream title="Compile output" text={r.compile_output ?? ""} testId="run-compile-output" />
      <Stream title="Output" text={r.stdout} testId="run-stdout" />
      <Stream title="Errors" text={r.stderr} testId="run-stderr" />
      {!r.stdout && !r.stderr && !r.compile_output && <p className="text-sm text-slate-500 dark:text-slate-400">(no output)</p>}
    </div>
  );
}
