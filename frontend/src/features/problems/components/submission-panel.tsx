import { useEffect, useRef, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { humanize, kibibytes, milliseconds } from "@/lib/format";

import { submitSolution } from "../api/submit";
import { outputDiff } from "../output-diff";
import type { Submission, TestVerdict } from "../types";

function tone(verdict: string) {
  if (verdict === "accepted") return "green";
  if (verdict === "skipped") return "neutral";
  return verdict.endsWith("limit_exceeded") ? "amber" : "red";
}

export function SubmissionPanel({
  roomId,
  shared,
  canSubmit,
}: {
  roomId: string;
  /** The latest submission the room has seen (shared through the document), if any. */
  shared: Submission | null;
  canSubmit: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stopEarly, setStopEarly] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      // The verdict reaches everyone, this tab included, through the server's write to the
      // document's `submission` map.
      await submitSolution(roomId, stopEarly);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setBusy(false);
    }
  };
  // A new verdict is brought into view, wherever the panel sits on the page.
  const resultId = shared?.id;
  useEffect(() => {
    if (resultId) resultRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [resultId]);
  return (
    <div className="space-y-2">
      {canSubmit && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Button onClick={() => void submit()} busy={busy} data-testid="submit-button">
            Submit
          </Button>
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={stopEarly} onChange={(e) => setStopEarly(e.target.checked)} data-testid="stop-on-first-failure" />
            Stop at the first failing test
          </label>
        </div>
      )}
      {canSubmit && error && <Alert>{error}</Alert>}
      {shared && (
        <div className="space-y-2" data-testid="submission-result" ref={resultRef}>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={tone(shared.verdict)}>{humanize(shared.verdict)}</Badge>
            <span data-testid="submission-count">
              {shared.passed} / {shared.total} tests passed
            </span>
          </p>
          {shared.compile_output && (
            <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-red-50 p-2 font-mono text-xs dark:bg-red-950">{shared.compile_output}</pre>
          )}
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-2" aria-label="Per-test results">
            {shared.tests.map((t) => (
              <TestCard key={t.index} test={t} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function TestCard({ test: t }: { test: TestVerdict }) {
  const failedWithData = t.verdict !== "accepted" && t.verdict !== "skipped" && t.input != null;
  return (
    <li
      className={`min-w-0 rounded border border-slate-200 p-2 text-xs dark:border-slate-700 ${failedWithData ? "col-span-full" : ""}`}
      data-testid="test-result"
      data-verdict={t.verdict}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-medium">
          Test {t.index + 1}
          {t.visible ? "" : " (hidden)"}
        </span>
        <Badge tone={tone(t.verdict)}>{humanize(t.verdict)}</Badge>
        {t.verdict !== "skipped" && (
          <span className="text-slate-600 dark:text-slate-400">
            {milliseconds(t.time_ms)} · {kibibytes(t.memory_kb)}
          </span>
        )}
      </div>
      {failedWithData && (
        <div className="mt-2 space-y-1">
          <TestData label="Input" text={t.input} />
          {t.expected_output != null && t.stdout != null && <Diff expected={t.expected_output} got={t.stdout} />}
          {t.stderr ? <TestData label="Errors" text={t.stderr} /> : null}
          {t.cut && <p className="text-amber-700 dark:text-amber-400">Long texts were cut.</p>}
        </div>
      )}
    </li>
  );
}

function Diff({ expected, got }: { expected: string; got: string }) {
  const lines = outputDiff(expected, got);
  return (
    <div>
      <div className="text-slate-600 dark:text-slate-400">
        Expected (<span className="text-red-700 dark:text-red-400">−</span>) and printed (<span className="text-green-700 dark:text-green-400">+</span>) output
      </div>
      <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-1 font-mono dark:bg-slate-950" data-testid="output-diff">
        {lines.length === 0 && <span className="text-slate-500">(both empty)</span>}
        {lines.map((line, i) => (
          <div
            key={i}
            data-kind={line.kind}
            className={line.kind === "expected" ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" : line.kind === "got" ? "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200" : ""}
          >
            {line.kind === "expected" ? "− " : line.kind === "got" ? "+ " : "  "}
            {line.text}
          </div>
        ))}
      </pre>
    </div>
  );
}

function TestData({ label, text }: { label: string; text: string | null | undefined }) {
  if (text == null) return null;
  return (
    <div>
      <div className="text-slate-600 dark:text-slate-400">{label}</div>
      <pre className="max-h-24 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-1 font-mono dark:bg-slate-950">{text}</pre>
    </div>
  );
}
