import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";
import { humanize, kibibytes, milliseconds } from "@/lib/format";

import { submitSolution } from "../api/submit";
import type { Submission } from "../types";

function tone(verdict: string) {
  return verdict === "accepted" ? "green" : verdict.endsWith("limit_exceeded") ? "amber" : "red";
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
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      // The verdict reaches everyone, this tab included, through the server's write to the
      // document's `submission` map.
      await submitSolution(roomId);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-2">
      {canSubmit && (
        <Button onClick={() => void submit()} busy={busy} data-testid="submit-button">
          Submit
        </Button>
      )}
      {canSubmit && error && <Alert>{error}</Alert>}
      {shared && (
        <div className="space-y-2" data-testid="submission-result">
          <p className="flex items-center gap-2 text-sm">
            <Badge tone={tone(shared.verdict)}>{humanize(shared.verdict)}</Badge>
            {shared.passed} / {shared.total} tests passed
          </p>
          {shared.compile_output && (
            <pre className="max-h-40 overflow-auto whitespace-pre-wrap rounded bg-red-50 p-2 font-mono text-xs dark:bg-red-950">{shared.compile_output}</pre>
          )}
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Per-test results</caption>
            <thead className="text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1">Test</th>
                <th scope="col">Verdict</th>
                <th scope="col">Time</th>
                <th scope="col">Memory</th>
              </tr>
            </thead>
            <tbody>
              {shared.tests.map((t) => (
                <tr key={t.index} className="border-t border-slate-200 align-top dark:border-slate-800">
                  <td className="py-1">
                    #{t.index + 1}
                    {t.visible ? "" : " (hidden)"}
                    {t.verdict !== "accepted" && t.input != null && (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-sky-700 dark:text-sky-400">details</summary>
                        <TestData label="Input" text={t.input} />
                        <TestData label="Expected" text={t.expected_output} />
                        <TestData label="Got" text={t.stdout} />
                      </details>
                    )}
                  </td>
                  <td>
                    <Badge tone={tone(t.verdict)}>{humanize(t.verdict)}</Badge>
                  </td>
                  <td>{milliseconds(t.time_ms)}</td>
                  <td>{kibibytes(t.memory_kb)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function TestData({ label, text }: { label: string; text: string | null | undefined }) {
  if (text == null) return null;
  return (
    <div>
      <div className="text-slate-500 dark:text-slate-400">{label}</div>
      <pre className="max-h-24 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-1 font-mono dark:bg-slate-950">{text}</pre>
    </div>
  );
}
