import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";

import { type Scorecard, type ScorecardUpdate, saveMyScorecard } from "../api/scorecards";
import { scorecardKeys, useMyScorecard } from "../hooks/use-scorecards";
import { RATINGS, type Rating, formatMoment, parseMoment } from "../ratings";
import { MomentLink } from "./scorecard-view";

type Draft = {
  items: { title: string; description: string; rating: Rating | ""; notes: string; moment: string }[];
  recommendation: Rating | "";
  overallNotes: string;
  overallMoment: string;
};

function draftOf(card: Scorecard): Draft {
  return {
    items: card.items.map((item) => ({
      title: item.title,
      description: item.description ?? "",
      rating: item.rating ?? "",
      notes: item.notes ?? "",
      moment: item.at_ms != null ? formatMoment(item.at_ms) : "",
    })),
    recommendation: card.recommendation ?? "",
    overallNotes: card.overall_notes,
    overallMoment: card.overall_at_ms != null ? formatMoment(card.overall_at_ms) : "",
  };
}

/** The draft as the API takes it, or the first field whose moment is not mm:ss. */
function bodyOf(draft: Draft, status: "draft" | "submitted"): ScorecardUpdate | string {
  const items = [];
  for (const item of draft.items) {
    const atMs = parseMoment(item.moment);
    if (atMs === undefined) return `${item.title}: the moment must be mm:ss`;
    items.push({ title: item.title, description: item.description, rating: item.rating || null, notes: item.notes, at_ms: atMs });
  }
  const overall = parseMoment(draft.overallMoment);
  if (overall === undefined) return "Overall: the moment must be mm:ss";
  if (status === "submitted" && !draft.recommendation) return "Choose an overall recommendation before submitting.";
  return { items, recommendation: draft.recommendation || null, overall_notes: draft.overallNotes, overall_at_ms: overall, status };
}

/**
 * The caller's own scorecard of a room. On the replay page `currentAtMs` is the player's moment,
 * and each remark gets a "Link current replay moment" button; elsewhere the moment is typed as mm:ss.
 */
export function ScorecardForm({ roomId, currentAtMs }: { roomId: string; currentAtMs?: number }) {
  const mine = useMyScorecard(roomId);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);

  useEffect(() => {
    if (mine.data && draft === null) setDraft(draftOf(mine.data));
  }, [mine.data, draft]);

  if (mine.error) return <Alert>{mine.error instanceof ApiError && mine.error.status === 404 ? "Scorecards are for the room's interviewers only." : "Could not load your scorecard."}</Alert>;
  if (!mine.data || draft === null) return <Spinner label="Loading your scorecard" />;
  const card = mine.data;

  const setItem = (index: number, change: Partial<Draft["items"][number]>) =>
    setDraft({ ...draft, items: draft.items.map((item, i) => (i === index ? { ...item, ...change } : item)) });

  const save = async (status: "draft" | "submitted") => {
    const body = bodyOf(draft, status);
    if (typeof body === "string") {
      setMessage({ tone: "error", text: body });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const saved = await saveMyScorecard(roomId, body);
      queryClient.setQueryData(scorecardKeys.mine(roomId), saved);
      void queryClient.invalidateQueries({ queryKey: scorecardKeys.room(roomId) });
      void queryClient.invalidateQueries({ queryKey: scorecardKeys.summary(roomId) });
      setMessage({ tone: "info", text: status === "submitted" ? "Scorecard submitted." : "Draft saved." });
    } catch (err) {
      setMessage({ tone: "error", text: err instanceof ApiError ? err.detail : "Could not reach the server." });
    } finally {
      setSaving(false);
    }
  };

  const momentControls = (value: string, onChange: (text: string) => void, label: string) => (
    <div className="flex flex-wrap items-end gap-2">
      <TextField label={`${label}: replay moment (mm:ss)`} className="w-44" value={value} placeholder="mm:ss" maxLength={8} onChange={(e) => onChange(e.target.value)} />
      {currentAtMs !== undefined && (
        <Button size="sm" variant="secondary" onClick={() => onChange(formatMoment(currentAtMs))} aria-label={`Link current replay moment to ${label}`}>
          Link current replay moment
        </Button>
      )}
      {parseMoment(value) != null && <MomentLink roomId={roomId} atMs={parseMoment(value) ?? 0} />}
    </div>
  );

  return (
    <form className="space-y-3 text-sm" aria-label="Your scorecard" data-testid="scorecard-form" onSubmit={(e) => e.preventDefault()}>
      <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span>Rubric: {card.template_name}.</span>
        <Badge tone={card.status === "submitted" ? "green" : "amber"} data-testid="scorecard-status">
          {card.status === "submitted" ? "Submitted" : card.status === "draft" ? "Draft" : "Not saved yet"}
        </Badge>
        <span>Private to the room's interviewers.</span>
      </p>
      {draft.items.map((item, index) => (
        <fieldset key={index} className="space-y-2 rounded border border-slate-200 p-2 dark:border-slate-700">
          <legend className="px-1 font-semibold">{item.title}</legend>
          {item.description && <p className="text-xs text-slate-600 dark:text-slate-400">{item.description}</p>}
          <SelectField label={`${item.title}: rating`} value={item.rating} onChange={(e) => setItem(index, { rating: e.target.value as Rating | "" })}>
            <option value="">Not rated</option>
            {RATINGS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </SelectField>
          <TextArea label={`${item.title}: notes`} rows={2} maxLength={4000} value={item.notes} onChange={(e) => setItem(index, { notes: e.target.value })} />
          {momentControls(item.moment, (moment) => setItem(index, { moment }), item.title)}
        </fieldset>
      ))}
      <fieldset className="space-y-2 rounded border border-slate-200 p-2 dark:border-slate-700">
        <legend className="px-1 font-semibold">Overall</legend>
        <SelectField label="Overall recommendation" value={draft.recommendation} onChange={(e) => setDraft({ ...draft, recommendation: e.target.value as Rating | "" })}>
          <option value="">Not decided</option>
          {RATINGS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <TextArea label="Overall notes" rows={3} maxLength={10000} value={draft.overallNotes} onChange={(e) => setDraft({ ...draft, overallNotes: e.target.value })} />
        {momentControls(draft.overallMoment, (overallMoment) => setDraft({ ...draft, overallMoment }), "Overall")}
      </fieldset>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" busy={saving} onClick={() => void save("draft")}>
          Save draft
        </Button>
        <Button size="sm" busy={saving} onClick={() => void save("submitted")}>
          Submit scorecard
        </Button>
      </div>
    </form>
  );
}
