import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { ApiError } from "@/lib/api-client";
import { clock, humanize } from "@/lib/format";

import { type Summary, getSummaryMarkdown } from "../api/scorecards";
import { ScorecardView } from "./scorecard-view";

/** Saves the server's Markdown rendering of the summary as a file. */
export function DownloadMarkdownButton({ roomId, title }: { roomId: string; title: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const text = await getSummaryMarkdown(roomId);
      const url = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `interview-summary-${title.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase() || roomId}.md`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="sm" variant="secondary" busy={busy} onClick={() => void download()}>
        Download Markdown
      </Button>
      {error && <Alert>{error}</Alert>}
    </>
  );
}

export function SummaryView({ summary }: { summary: Summary }) {
  const submission = summary.latest_submission;
  const run = summary.last_run;
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <Panel title="Outcome">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm" data-testid="summary-outcome">
          <dt className="font-medium">Problem</dt>
          <dd>{summary.room.problem_title ?? "None"}</dd>
          <dt className="font-medium">Duration</dt>
          <dd>{clock(summary.duration_ms)}</dd>
          <dt className="font-medium">Tests</dt>
          <dd data-testid="summary-tests">
            {submission ? (
              <>
                <Badge tone={submission.verdict === "accepted" ? "green" : "red"}>{humanize(submission.verdict ?? "unknown")}</Badge> {submission.passed}/{submission.total} passed
              </>
            ) : (
              "No submission"
            )}{" "}
            ({summary.submissions} submissions)
          </dd>
          <dt className="font-medium">Runs</dt>
          <dd data-testid="summary-runs">
            {summary.runs}
            {run && `; last: ${humanize(run.status ?? "unknown")}, exit ${run.exit_code ?? "—"}`}
          </dd>
        </dl>
        {run?.stdout && <pre className="mt-2 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-950">{run.stdout}</pre>}
      </Panel>
      <Panel title="Participants and integrity signals">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="summary-participants">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Pastes</th>
                <th scope="col">Focus losses</th>
                <th scope="col">Time away</th>
                <th scope="col">Runs</th>
              </tr>
            </thead>
            <tbody>
              {summary.participants.map((p) => (
                <tr key={p.user_id}>
                  <td className="break-all">{p.display_name ?? "Someone"}</td>
                  <td className="capitalize">{p.role ?? "—"}</td>
                  <td>
                    {p.pastes}
                    {p.pastes > 0 && ` (largest ${p.largest_paste})`}
                  </td>
                  <td>{p.focus_losses}</td>
                  <td>{clock(p.time_away_ms)}</td>
                  <td>{p.runs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      <Panel title={`Final code (${summary.language ?? "unknown language"})`} className="lg:col-span-2">
        <pre className="max-h-[28rem] overflow-auto whitespace-pre rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-950 print:max-h-none" data-testid="summary-code">
          {summary.code}
        </pre>
      </Panel>
      <Panel title="Scorecards" className="lg:col-span-2">
        {summary.scorecards.length === 0 ? (
          <p className="text-sm">No scorecards yet.</p>
        ) : (
          <div className="space-y-2">
            {summary.scorecards.map((card) => (
              <ScorecardView key={card.id ?? card.author_id} card={card} />
            ))}
          </div>
        )}
      </Panel>
    </div>
  );
}
