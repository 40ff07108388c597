import { useMemo } from "react";
import { Link, useParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { useRoom } from "@/features/rooms/hooks/use-rooms";
import { isStaff } from "@/features/rooms/types";
import { figuresOf, incidents, passProgression, typingSeries } from "@/features/timeline/analytics";
import { ActivityBars, PassChart } from "@/features/timeline/components/charts";
import { useAnalytics, useEvents } from "@/features/timeline/hooks/use-timeline";
import { safeColor } from "@/lib/css";
import { ApiError } from "@/lib/api-client";
import { clock } from "@/lib/format";

const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"];

export function AnalyticsRoute() {
  const { roomId = "" } = useParams();
  const room = useRoom(roomId);
  const events = useEvents(roomId);
  const analytics = useAnalytics(roomId);

  const members = useMemo(() => new Map((room.data?.members ?? []).map((m) => [m.user_id, m])), [room.data]);
  const participants = analytics.data?.participants ?? [];
  // Former members are gone from the room's list; the analytics may still name them.
  const analyticsNames = new Map(participants.flatMap((p) => (p.display_name ? [[p.user_id, p.display_name] as const] : [])));
  const name = (id: string | null) => (id ? (members.get(id)?.display_name ?? analyticsNames.get(id) ?? "Someone") : "Someone");
  const color = (id: string) => PALETTE[(members.get(id)?.color_index ?? 7) % PALETTE.length] ?? "#999999";

  const figures = useMemo(() => {
    const list = events.data ?? [];
    const duration = Math.max(0, list.at(-1)?.at_ms ?? 0);
    const none = { passes: [], pastes: [], focusLosses: [] };
    const fromAnalytics = analytics.data ? { passes: passProgression(analytics.data), ...incidents(analytics.data) } : none;
    return { duration, typing: typingSeries(list, duration, 60), ...fromAnalytics };
  }, [events.data, analytics.data]);

  if (room.error) return <Alert className="m-4">This room does not exist or you are not a member.</Alert>;
  const refused = [analytics.error, events.error].some((e) => e instanceof ApiError && e.status === 403);
  if (room.data && (refused || !isStaff(room.data.my_role))) {
    // Say so rather than draw empty charts ("No pastes") from data the server did not give.
    return (
      <div className="mx-auto max-w-md space-y-3 px-4 py-16" data-testid="analytics-refused">
        <h1 className="text-xl font-semibold">Analytics are for interviewers</h1>
        <Alert>Only the room's owner and interviewers can see its analytics. Ask them if you need these figures.</Alert>
        <Link to={`/rooms/${roomId}`} className="inline-block text-sky-700 underline dark:text-sky-400">
          Back to the room
        </Link>
      </div>
    );
  }
  if (!room.data) {
    return (
      <p className="flex items-center gap-2 p-6" role="status">
        <Spinner /> Loading analytics…
      </p>
    );
  }
  const replayLink = (atMs: number) => `/rooms/${roomId}/replay?t=${Math.round(atMs)}`;

  return (
    <div className="mx-auto max-w-6xl space-y-4 px-4 py-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">
          Analytics: <span data-testid="room-title">{room.data.title}</span>
        </h1>
        <Link to={`/rooms/${roomId}`} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
          Back to the room
        </Link>
        <Link to={`/rooms/${roomId}/replay`} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
          Replay
        </Link>
        {events.data && <span className="text-sm text-slate-600 dark:text-slate-400">Session length {clock(figures.duration)}</span>}
      </div>
      {analytics.error && <Alert>The session's figures could not be loaded.</Alert>}
      {events.error && <Alert>The typing activity could not be loaded.</Alert>}
      {participants.length > 0 && (
        <Panel title="Per participant">
          <div className="grid gap-4 md:grid-cols-2">
            {participants.map((p) => {
              const label = p.display_name ?? name(p.user_id);
              return (
                <div key={p.user_id}>
                  <h3 className="mb-1 font-medium">{label}</h3>
                  <dl className="grid grid-cols-2 gap-x-3 gap-y-0.5 text-sm">
                    {figuresOf(p).map((f) => (
                      <div key={f.label} className="contents">
                        <dt className="text-slate-600 dark:text-slate-400">{f.label}</dt>
                        <dd className="tabular-nums">{f.value}</dd>
                      </div>
                    ))}
                  </dl>
                </div>
              );
            })}
          </div>
        </Panel>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {events.data && (
          <Panel title="Typing activity over time">
            {figures.typing.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">No edits recorded.</p>
            ) : (
              <div className="space-y-3">
                {figures.typing.map((s) => (
                  <ActivityBars key={s.actorId} counts={s.counts} color={safeColor(color(s.actorId))} label={name(s.actorId)} duration={figures.duration} />
                ))}
              </div>
            )}
          </Panel>
        )}
        {analytics.data && (
          <Panel title="Test-pass progression">
            {figures.passes.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No submissions judged.</p> : <PassChart points={figures.passes} duration={figures.duration} />}
          </Panel>
        )}
        {analytics.data && (
          <Panel title={`Pastes, largest first (${figures.pastes.length})`}>
            <IncidentList items={figures.pastes} name={name} link={replayLink} empty="No pastes." />
          </Panel>
        )}
        {analytics.data && (
          <Panel title={`Focus losses (${figures.focusLosses.length})`}>
            <IncidentList items={figures.focusLosses} name={name} link={replayLink} empty="No focus losses." />
          </Panel>
        )}
      </div>
    </div>
  );
}

function IncidentList({
  items,
  name,
  link,
  empty,
}: {
  items: { atMs: number; actorId: string | null; detail: string }[];
  name: (id: string | null) => string;
  link: (atMs: number) => string;
  empty: string;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {items.map((item, i) => (
        <li key={i} className="flex gap-2">
          <Link to={link(item.atMs)} className="font-mono text-sky-700 underline dark:text-sky-400">
            {clock(item.atMs)}
          </Link>
          <span>
            {name(item.actorId)} — {item.detail}
          </span>
        </li>
      ))}
    </ul>
  );
}
