import { useEffect, useMemo } from "react";
import { Link, useLocation, useParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { SelectField } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { useLanguages } from "@/features/execution/hooks/use-languages";
import { useRoom } from "@/features/rooms/hooks/use-rooms";
import { ScorecardPanel } from "@/features/scorecards/components/scorecard-panel";
import { isStaff } from "@/features/rooms/types";
import { CodeSnapshot } from "@/features/timeline/components/code-snapshot";
import { MARKER_COLORS, Scrubber } from "@/features/timeline/components/scrubber";
import { usePlayer } from "@/features/timeline/hooks/use-player";
import { useReplayState, useTimeline } from "@/features/timeline/hooks/use-timeline";
import { SPEEDS, momentLink, nextTime, openingMoment, previousTime } from "@/features/timeline/player";
import { activityTimes, densityOf, markersFrom } from "@/features/timeline/timeline";
import { clock, humanize, kibibytes, milliseconds } from "@/lib/format";
import { ApiError } from "@/lib/api-client";
import { monacoLanguage } from "@/lib/languages";

export function ReplayRoute() {
  const { roomId = "" } = useParams();
  const room = useRoom(roomId);
  const summary = useTimeline(roomId);
  const languages = useLanguages();
  const location = useLocation();

  const names = useMemo(() => new Map((room.data?.members ?? []).map((m) => [m.user_id, m.display_name])), [room.data]);
  const timeline = useMemo(() => {
    const data = summary.data;
    if (data === undefined) return { duration: 0, markers: [], activity: [], densities: new Array<number>(120).fill(0), times: [] };
    const markers = markersFrom(data.markers, (id) => (id ? (names.get(id) ?? "Someone") : "Someone"));
    return { duration: data.duration_ms, markers, activity: activityTimes(data), densities: densityOf(data, 120), times: markers.map((m) => m.atMs) };
  }, [summary.data, names]);

  const player = usePlayer(openingMoment(location.search), timeline.duration, timeline.activity);
  const replay = useReplayState(roomId, player.at);
  const duration = timeline.duration;

  // Keep the address bar pointing at this moment while paused (a shareable link).
  useEffect(() => {
    if (player.playing) return;
    const url = new URL(window.location.href);
    url.searchParams.set("t", String(Math.round(player.at)));
    window.history.replaceState(window.history.state, "", url);
  }, [player.at, player.playing]);

  if (room.error) return <Alert className="m-4">This room does not exist or you are not a member.</Alert>;
  if (summary.error instanceof ApiError && summary.error.status === 403) {
    return (
      <div className="mx-auto max-w-md px-4 py-16">
        <h1 className="mb-2 text-xl font-semibold">Replay not available</h1>
        <Alert>The room's owner has not allowed candidates to replay this session.</Alert>
        <Link to={`/rooms/${roomId}`} className="mt-3 inline-block text-sky-700 underline dark:text-sky-400">
          Back to the room
        </Link>
      </div>
    );
  }
  if (!room.data) {
    return (
      <p className="flex items-center gap-2 p-6" role="status">
        <Spinner /> Loading the replay…
      </p>
    );
  }

  const previous = previousTime(timeline.times, player.at);
  const next = nextTime(timeline.times, player.at);
  const recent = timeline.markers.filter((m) => m.atMs <= player.at).slice(-8).reverse();
  const state = replay.state;

  return (
    <div className="flex h-full min-h-0 flex-col overflow-y-auto lg:overflow-hidden">
      <div className="flex shrink-0 flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="text-lg font-semibold">
          Replay: <span data-testid="room-title">{room.data.title}</span>
        </h1>
        <Link to={`/rooms/${roomId}`} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
          Back to the room
        </Link>
        {isStaff(room.data.my_role) && (
          <Link to={`/rooms/${roomId}/analytics`} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            Analytics
          </Link>
        )}
        {isStaff(room.data.my_role) && (
          <Link to={`/rooms/${roomId}/summary`} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            Summary
          </Link>
        )}
      </div>
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-2 p-2 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-h-0 min-w-0 grid-rows-[minmax(18rem,60vh)_auto] gap-2 lg:grid-rows-[1fr_auto]">
          <section aria-label="Code at this moment" className="min-h-0 overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
            {state ? <CodeSnapshot code={state.code} language={monacoLanguage(state.language, languages.options)} cursors={state.cursors} /> : <Spinner label="Loading" />}
          </section>
          <section aria-label="Player controls" className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
            <Scrubber at={player.at} duration={duration} markers={timeline.markers} densities={timeline.densities} onSeek={(t) => player.seek(t)} />
            <div className="flex flex-wrap items-center gap-2">
              <Button size="sm" variant="secondary" disabled={previous === null} onClick={() => previous !== null && player.seek(previous)} aria-label="Previous event">
                ← Previous
              </Button>
              {player.playing ? (
                <Button size="sm" onClick={player.pause}>
                  Pause
                </Button>
              ) : (
                <Button size="sm" onClick={player.play} disabled={duration === 0}>
                  Play
                </Button>
              )}
              <Button size="sm" variant="secondary" disabled={next === null} onClick={() => next !== null && player.seek(next)} aria-label="Next event">
                Next →
              </Button>
              <span className="font-mono text-sm tabular-nums" data-testid="replay-clock">
                {clock(player.at)} / {clock(duration)}
              </span>
              <SelectField label="Speed" hideLabel className="w-20" value={player.speed} onChange={(e) => player.setSpeed(Number(e.target.value))}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </SelectField>
              <label className="flex items-center gap-1 text-sm">
                <input type="checkbox" data-testid="skip-idle" checked={player.skipIdle} onChange={(e) => player.setSkipIdle(e.target.checked)} className="accent-sky-700" />
                Skip idle time
              </label>
              <CopyButton className="sm:ml-auto" text={momentLink(window.location.origin, roomId, player.at)} label="Copy link to this moment" />
            </div>
            {replay.error != null && <Alert>Could not load this moment of the session.</Alert>}
            {summary.error != null && <Alert>Could not load the session's timeline.</Alert>}
          </section>
        </div>
        <div className="flex min-h-0 min-w-0 flex-col gap-2 lg:overflow-y-auto">
          <Panel title="Run output then">
            {state?.lastRun ? (
              <div className="space-y-1 text-sm" data-testid="replay-run">
                <p className="flex flex-wrap gap-2">
                  <Badge tone={state.lastRun.status === "ok" ? "green" : "red"}>{humanize(state.lastRun.status)}</Badge>
                  <span>{milliseconds(state.lastRun.time_ms)}</span>
                  <span>{kibibytes(state.lastRun.memory_kb)}</span>
                </p>
                {state.lastRun.stdout && <pre className="max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-950">{state.lastRun.stdout}</pre>}
                {state.lastRun.stderr && <pre className="max-h-40 overflow-auto whitespace-pre-wrap rounded bg-red-50 p-2 font-mono text-xs dark:bg-red-950">{state.lastRun.stderr}</pre>}
              </div>
            ) : (
              <p className="text-sm text-slate-500 dark:text-slate-400">No run yet at this moment.</p>
            )}
            {state?.lastVerdict && (
              <p className="mt-2 text-sm">
                Last verdict: <Badge tone={state.lastVerdict.verdict === "accepted" ? "green" : "red"}>{humanize(state.lastVerdict.verdict)}</Badge>
                {` ${state.lastVerdict.passed}/${state.lastVerdict.total}`}
              </p>
            )}
          </Panel>
          {state && state.present.length > 0 && (
            <Panel title="Present">
              <ul className="text-sm">{state.present.map((name) => <li key={name}>{name}</li>)}</ul>
            </Panel>
          )}
          {isStaff(room.data.my_role) && (
            <Panel title="Scorecard">
              <ScorecardPanel roomId={roomId} currentAtMs={player.at} />
            </Panel>
          )}
          <Panel title="Recent events">
            {recent.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">Nothing yet.</p>
            ) : (
              <ol className="space-y-1 text-sm">
                {recent.map((m) => (
                  <li key={`${m.seq}-${m.atMs}`}>
                    <button type="button" className="flex w-full items-start gap-2 text-left hover:underline" onClick={() => player.seek(m.atMs)}>
                      <span className="mt-1.5 inline-block h-2 w-2 shrink-0 rounded-sm" style={{ backgroundColor: MARKER_COLORS[m.kind] }} />
                      <span className="font-mono text-xs tabular-nums">{clock(m.atMs)}</span>
                      <span>{m.label}</span>
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}
