import { Link, useParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { DownloadMarkdownButton, SummaryView } from "@/features/scorecards/components/summary-view";
import { useSummary } from "@/features/scorecards/hooks/use-scorecards";
import { ApiError } from "@/lib/api-client";

const LINK = "text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400 print:hidden";

export function SummaryRoute() {
  const { roomId = "" } = useParams();
  const summary = useSummary(roomId);
  if (summary.error) {
    const hidden = summary.error instanceof ApiError && (summary.error.status === 404 || summary.error.status === 403);
    return (
      <div className="mx-auto max-w-md px-4 py-16">
        <h1 className="mb-2 text-xl font-semibold">{hidden ? "Summary not available" : "Could not load the summary"}</h1>
        <Alert>{hidden ? "The interview summary is for the room's interviewers only." : summary.error.message}</Alert>
        <Link to="/" className="mt-3 inline-block text-sky-700 underline dark:text-sky-400">
          Back to your rooms
        </Link>
      </div>
    );
  }
  if (!summary.data) {
    return (
      <p className="flex items-center gap-2 p-6" role="status">
        <Spinner /> Loading the summary…
      </p>
    );
  }
  const data = summary.data;
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-3 p-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 break-words text-lg font-semibold">
            Interview summary: <span data-testid="room-title">{data.room.title}</span>
          </h1>
          <Link to={`/rooms/${roomId}`} className={LINK}>
            Back to the room
          </Link>
          <Link to={`/rooms/${roomId}/replay`} className={LINK}>
            Replay
          </Link>
          <div className="flex flex-wrap gap-2 sm:ml-auto print:hidden">
            <DownloadMarkdownButton roomId={roomId} title={data.room.title} />
            <Button size="sm" variant="secondary" onClick={() => window.print()}>
              Print
            </Button>
          </div>
        </div>
        <SummaryView summary={data} />
      </div>
    </div>
  );
}
