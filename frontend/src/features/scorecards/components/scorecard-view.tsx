import { Link } from "react-router";

import { Badge } from "@/components/ui/badge";

import type { Scorecard } from "../api/scorecards";
import { formatMoment, ratingLabel, replayHref } from "../ratings";

/** A link that opens the replay at a remark's moment. */
export function MomentLink({ roomId, atMs }: { roomId: string; atMs: number }) {
  return (
    <Link to={replayHref(roomId, atMs)} className="text-sky-700 underline underline-offset-2 dark:text-sky-400" data-testid="moment-link">
      Replay at {formatMoment(atMs)}
    </Link>
  );
}

/** One scorecard, read only: what the room's other interviewers and the summary show. */
export function ScorecardView({ card }: { card: Scorecard }) {
  return (
    <article className="space-y-2 rounded border border-slate-200 p-2 text-sm dark:border-slate-700" data-testid="scorecard" aria-label={`Scorecard by ${card.author_name}`}>
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{card.author_name}</h3>
        <Badge tone={card.status === "submitted" ? "green" : "amber"}>{card.status === "submitted" ? "Submitted" : "Draft"}</Badge>
        <span>
          Recommendation: <strong data-testid="recommendation">{ratingLabel(card.recommendation)}</strong>
        </span>
      </header>
      <ul className="space-y-1">
        {card.items.map((item, index) => (
          <li key={index}>
            <span className="font-medium">{item.title}</span>: {ratingLabel(item.rating)}
            {item.at_ms != null && (
              <>
                {" · "}
                <MomentLink roomId={card.room_id} atMs={item.at_ms} />
              </>
            )}
            {item.notes && <p className="whitespace-pre-wrap break-words text-slate-700 dark:text-slate-300">{item.notes}</p>}
          </li>
        ))}
      </ul>
      {(card.overall_notes || card.overall_at_ms != null) && (
        <div>
          <p className="whitespace-pre-wrap break-words">{card.overall_notes}</p>
          {card.overall_at_ms != null && <MomentLink roomId={card.room_id} atMs={card.overall_at_ms} />}
        </div>
      )}
    </article>
  );
}
