import { Link } from "react-router";

import { Spinner } from "@/components/ui/button";
import { useSession } from "@/features/auth/hooks/use-session";

import { useScorecards } from "../hooks/use-scorecards";
import { ScorecardForm } from "./scorecard-form";
import { ScorecardView } from "./scorecard-view";

/** The room's staff panel: my scorecard to fill, then the other interviewers' (read only). */
export function ScorecardPanel({ roomId, currentAtMs }: { roomId: string; currentAtMs?: number }) {
  const me = useSession()?.user;
  const all = useScorecards(roomId);
  const others = (all.data ?? []).filter((card) => card.author_id !== me?.id);
  return (
    <div className="space-y-4" data-testid="scorecard-panel">
      <ScorecardForm roomId={roomId} currentAtMs={currentAtMs} />
      <section aria-label="Other interviewers' scorecards" className="space-y-2">
        <h3 className="text-sm font-semibold">Other interviewers</h3>
        {all.isPending ? (
          <Spinner label="Loading scorecards" />
        ) : others.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No other scorecards yet.</p>
        ) : (
          others.map((card) => <ScorecardView key={card.id ?? card.author_id} card={card} />)
        )}
      </section>
      <Link to={`/rooms/${roomId}/summary`} className="inline-block text-sm text-sky-700 underline dark:text-sky-400">
        Interview summary
      </Link>
    </div>
  );
}
