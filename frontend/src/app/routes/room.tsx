import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button, Spinner } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { ResizeHandle } from "@/components/ui/resize-handle";
import { type TabItem, Tabs } from "@/components/ui/tabs";
import { useSession } from "@/features/auth/hooks/use-session";
import { postChat } from "@/features/collab/api/post-chat";
import { ChatPanel } from "@/features/collab/components/chat-panel";
import { CollabEditor } from "@/features/collab/components/collab-editor";
import { ConnectionIndicator } from "@/features/collab/components/connection-indicator";
import { LanguageSelect } from "@/features/collab/components/language-select";
import { PresenceList } from "@/features/collab/components/presence-list";
import { hasUnsyncedEdits } from "@/features/collab/connection-state";
import { useActivity } from "@/features/collab/hooks/use-activity";
import { useAwarenessStates } from "@/features/collab/hooks/use-awareness";
import { useRoomConnection } from "@/features/collab/hooks/use-room-connection";
import { useUnloadWarning } from "@/features/collab/hooks/use-unload-warning";
import { useYArray, useYMap } from "@/features/collab/hooks/use-yjs";
import { presenceEntries } from "@/features/collab/presence";
import { useUnread } from "@/features/collab/unread";
import { chatArray, chatMessages, codeText, markEnded, markReopened, metaMap, notesText, stdinText } from "@/features/collab/shared-doc";
import { changeLanguage } from "@/features/collab/api/change-language";
import { RunPanel } from "@/features/execution/components/run-panel";
import { IntegrityFeed } from "@/features/integrity/components/integrity-feed";
import { feedItems, integrityArray, pastePreview } from "@/features/integrity/feed";
import { useLanguages } from "@/features/execution/hooks/use-languages";
import { runMap } from "@/features/execution/run-state";
import { ProblemStatement } from "@/features/problems/components/problem-statement";
import { SubmissionPanel } from "@/features/problems/components/submission-panel";
import { useProblem } from "@/features/problems/hooks/use-problems";
import { readSubmission, submissionMap } from "@/features/problems/shared-submission";
import { endSession } from "@/features/rooms/api/end-session";
import { reopenSession } from "@/features/rooms/api/reopen-session";
import { setCandidateReplay } from "@/features/rooms/api/update-room";
import { InvitePanel } from "@/features/rooms/components/invite-panel";
import { roomKeys, useRoom } from "@/features/rooms/hooks/use-rooms";
import { type Room, isEnded, isStaff } from "@/features/rooms/types";
import { ScorecardPanel } from "@/features/scorecards/components/scorecard-panel";
import { useClientSignals } from "@/features/timeline/hooks/use-client-signals";
import { ApiError } from "@/lib/api-client";
import { cn } from "@/lib/cn";
import { monacoLanguage } from "@/lib/languages";
import { WIDE, useMediaQuery } from "@/lib/use-media-query";

export function RoomRoute() {
  const { roomId = "" } = useParams();
  const room = useRoom(roomId);
  if (room.error) {
    const missing = room.error instanceof ApiError && room.error.status === 404;
    return (
      <div className="mx-auto max-w-md px-4 py-16">
        <h1 className="mb-2 text-xl font-semibold">{missing ? "Room not found" : "Could not open the room"}</h1>
        <Alert>{missing ? "This room does not exist, or you are not a member of it. Ask for an invite link." : room.error.message}</Alert>
        <Link to="/" className="mt-3 inline-block text-sky-700 underline dark:text-sky-400">
          Back to your rooms
        </Link>
      </div>
    );
  }
  if (!room.data) {
    return (
      <p className="flex items-center gap-2 p-6" role="status">
        <Spinner /> Opening the room…
      </p>
    );
  }
  return <RoomWorkspace room={room.data} />;
}

type SideTab = "chat" | "integrity" | "notes" | "scorecard" | "invite";
type PhoneTab = SideTab | "problem" | "run" | "people";

function RoomWorkspace({ room }: { room: Room }) {
  const session = useSession();
  const me = session?.user;
  const queryClient = useQueryClient();
  const staff = isStaff(room.my_role);
  const { connection, state } = useRoomConnection(room.id, "code");
  const notes = useRoomConnection(room.id, "notes", staff);
  // Runs, verdicts and chat: the server-written state document, read only.
  const shared = useRoomConnection(room.id, "state");
  const languages = useLanguages();
  const problem = useProblem(room.problem_id);
  const signals = useClientSignals(room.id);
  const [tab, setTab] = useState<SideTab>("chat");
  const [narrowTab, setNarrowTab] = useState<PhoneTab>(room.problem_id ? "problem" : "run");
  const wide = useMediaQuery(WIDE);
  const [runHeight, setRunHeight] = useState(224);
  const [ending, setEnding] = useState(false);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const [reopening, setReopening] = useState(false);
  const [settingError, setSettingError] = useState<string | null>(null);
  // The owner's choice, shown at once while the server stores it.
  const [replayChoice, setReplayChoice] = useState<boolean | null>(null);
  const [languageError, setLanguageError] = useState<string | null>(null);

  const doc = connection?.doc ?? null;
  const awareness = connection?.awareness ?? null;
  const meta = useYMap<{ language: string; status: string }>(doc ? metaMap(doc) : null);
  const stateDoc = shared.connection?.doc ?? null;
  const run = useYMap(stateDoc ? runMap(stateDoc) : null);
  const submission = readSubmission(useYMap(stateDoc ? submissionMap(stateDoc) : null));
  const chat = chatMessages(useYArray(stateDoc ? chatArray(stateDoc) : null));
  // The live integrity feed: in the notes document, which only staff can open.
  const feed = feedItems(useYArray(notes.connection ? integrityArray(notes.connection.doc) : null));
  const states = useAwarenessStates(awareness);
  const peopleEntries = useMemo(() => presenceEntries(room.members ?? [], states, me?.id), [room.members, states, me?.id]);
  useActivity(awareness);
  useUnloadWarning(hasUnsyncedEdits(state));

  // Someone joined after the members list was loaded: fetch it again for their name and role.
  const unknownPresent = peopleEntries.some((p) => p.role === "member");
  useEffect(() => {
    if (unknownPresent) void queryClient.invalidateQueries({ queryKey: roomKeys.one(room.id) });
  }, [unknownPresent, room.id, queryClient]);

  const endedInDoc = meta.status === "ended";
  const reopenedInDoc = meta.status === "active";
  const ended = isEnded(room) || endedInDoc;
  const canWrite = room.can_write && !(endedInDoc && !staff);
  const language = meta.language ?? room.language;
  // Run and Submit: for writers while the session is live (staff after the end too).
  const canAct = room.can_write && (!ended || staff);

  // Someone ended or reopened the session: fetch our rights now rather than at the next poll.
  useEffect(() => {
    if ((endedInDoc && !isEnded(room)) || (reopenedInDoc && isEnded(room))) void queryClient.invalidateQueries({ queryKey: roomKeys.one(room.id) });
  }, [endedInDoc, reopenedInDoc, room, queryClient]);

  const myColor = peopleEntries.find((p) => p.isMe)?.color ?? "#999999";
  useEffect(() => {
    // The server stamps the authoritative identity; this is what we show before it does.
    if (awareness && me) awareness.setLocalStateField("user", { id: me.id, name: me.display_name, color: myColor });
  }, [awareness, me, myColor]);

  // The server swaps the code (each language keeps its own) and sets `meta.language`, which
  // reaches every screen through the document; the room lists learn it from the room row.
  const switchLanguage = async (next: string) => {
    setLanguageError(null);
    try {
      await changeLanguage(room.id, next);
      void queryClient.invalidateQueries({ queryKey: roomKeys.all });
    } catch (err) {
      setLanguageError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    }
  };

  // Ctrl/Cmd+Enter runs the code from anywhere on the page, the editor included.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      const button = document.querySelector<HTMLButtonElement>('[data-testid="run-button"]');
      if (button && !button.disabled) {
        event.preventDefault();
        event.stopPropagation();
        button.click();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  const end = async () => {
    setConfirmingEnd(false);
    setEnding(true);
    setEndError(null);
    try {
      const updated = await endSession(room.id);
      if (doc) markEnded(doc);
      queryClient.setQueryData(roomKeys.one(room.id), { ...room, ...updated });
    } catch (err) {
      setEndError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setEnding(false);
    }
  };

  const reopen = async () => {
    setReopening(true);
    setEndError(null);
    try {
      const updated = await reopenSession(room.id);
      if (doc) markReopened(doc);
      queryClient.setQueryData(roomKeys.one(room.id), { ...room, ...updated });
    } catch (err) {
      setEndError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setReopening(false);
    }
  };

  const toggleCandidateReplay = async (enabled: boolean) => {
    setSettingError(null);
    setReplayChoice(enabled);
    try {
      const updated = await setCandidateReplay(room.id, enabled);
      queryClient.setQueryData(roomKeys.one(room.id), { ...room, ...updated });
    } catch (err) {
      setSettingError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setReplayChoice(null);
    }
  };

  const chatVisible = wide ? tab === "chat" : narrowTab === "chat";
  const feedVisible = wide ? tab === "integrity" : narrowTab === "integrity";
  const unreadChat = useUnread(chat.length, chatVisible);
  const unseenFeed = useUnread(feed.length, feedVisible);

  const myName = me?.display_name ?? "Someone";
  const sideTabs: TabItem<SideTab>[] = [
    { id: "chat", label: "Chat", badge: unreadChat },
    ...(staff
      ? [
          { id: "integrity" as const, label: "Integrity", badge: unseenFeed },
          { id: "notes" as const, label: "Notes" },
          { id: "scorecard" as const, label: "Scorecard" },
          { id: "invite" as const, label: "Invite" },
        ]
      : []),
  ];
  const phoneTabs: TabItem<PhoneTab>[] = [
    ...(room.problem_id ? [{ id: "problem" as const, label: "Problem" }] : []),
    { id: "run", label: "Run" },
    { id: "people", label: "People" },
    ...sideTabs,
  ];
  const phoneTab: PhoneTab = phoneTabs.some((t) => t.id === narrowTab) ? narrowTab : (phoneTabs[0]?.id ?? "run");

  const problemBody = problem.data ? (
    <>
      <ProblemStatement problem={problem.data} />
      {doc && <SubmissionPanel roomId={room.id} shared={submission?.result ?? null} canSubmit={canAct} />}
    </>
  ) : problem.error ? (
    <p className="text-sm">The problem is not available on this server.</p>
  ) : (
    <Spinner label="Loading the problem" />
  );
  const editorSection = (
    <section aria-label="Code editor" className="flex h-full min-h-0 flex-col gap-1">
      <div className="min-h-0 flex-1 overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
        {doc && awareness ? (
          <CollabEditor
            text={codeText(doc)}
            awareness={awareness}
            language={monacoLanguage(language, languages.options)}
            readOnly={!canWrite}
            label="Code"
            onPaste={(size, text) => signals.paste(size, pastePreview(text))}
            testId="code-editor"
          />
        ) : (
          <Spinner label="Loading the editor" />
        )}
      </div>
      {canWrite && <EditorKeyboardHint />}
    </section>
  );
  const runBody = doc && (
    <RunPanel roomId={room.id} stdin={stdinText(doc)} canEditStdin={canWrite} sharedRun={run} runnable={languages.runnable} canRun={canAct} loading={languages.loading} myName={myName} />
  );
  const people = <PresenceList entries={peopleEntries} />;
  const sideBody = (id: SideTab) => (
    <>
      {id === "chat" && stateDoc && <ChatPanel messages={chat} onSend={(text) => postChat(room.id, text)} />}
      {id === "integrity" && staff && (notes.connection ? <IntegrityFeed items={feed} /> : <Spinner label="Loading the feed" />)}
      {id === "notes" && staff && (
        <div className="flex h-full min-h-0 flex-col gap-1">
          <p className="text-xs text-slate-600 dark:text-slate-400">Private to interviewers. Candidates and observers never see these notes.</p>
          <div className="min-h-0 flex-1 overflow-hidden rounded border border-slate-200 dark:border-slate-700">
            {notes.connection ? (
              <CollabEditor
                text={notesText(notes.connection.doc)}
                awareness={notes.connection.awareness}
                language="markdown"
                readOnly={false}
                label="Interviewer notes"
                options={{ lineNumbers: "off", wordWrap: "on", folding: false, glyphMargin: false, lineDecorationsWidth: 4 }}
                testId="notes-editor"
              />
            ) : (
              <Spinner label="Loading notes" />
            )}
          </div>
        </div>
      )}
      {id === "scorecard" && staff && (
        <div className="h-full min-h-0 overflow-y-auto">
          <ScorecardPanel roomId={room.id} />
        </div>
      )}
      {id === "invite" && staff && (
        <div className="space-y-3">
          {room.my_role === "owner" && (
            <div>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={replayChoice ?? room.candidate_replay ?? false}
                  onChange={(e) => void toggleCandidateReplay(e.target.checked)}
                  className="accent-sky-700"
                  data-testid="candidate-replay"
                />
                Candidates may replay this session
              </label>
              {settingError && <Alert className="mt-1">{settingError}</Alert>}
            </div>
          )}
          <InvitePanel roomId={room.id} myRole={room.my_role} accountsRequired={room.accounts_required} />
        </div>
      )}
    </>
  );

  return (
    <div className="flex h-full min-h-0 flex-col" data-layout={wide ? "wide" : "narrow"}>
      <div className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="min-w-0 truncate text-lg font-semibold" data-testid="room-title">
          {room.title}
        </h1>
        {ended ? <Badge data-testid="room-ended">Session ended</Badge> : <Badge tone="green">Live</Badge>}
        <Badge tone="blue" className="capitalize">
          {room.my_role}
        </Badge>
        {!canWrite && !ended && <Badge tone="amber">Read-only</Badge>}
        <LanguageSelect options={languages.options} value={language} disabled={!canWrite || !doc} onChange={(l) => void switchLanguage(l)} />
        <ConnectionIndicator state={state} />
        <div className="ml-auto flex items-center gap-2">
          {(room.my_role !== "candidate" || room.candidate_replay) && (
            <Link to={`/rooms/${room.id}/replay`} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
              Replay
            </Link>
          )}
          {staff && (
            <Link to={`/rooms/${room.id}/analytics`} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
              Analytics
            </Link>
          )}
          {staff && (
            <Link to={`/rooms/${room.id}/summary`} className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
              Summary
            </Link>
          )}
          {staff && !ended && (
            <Button variant="danger" size="sm" busy={ending} onClick={() => setConfirmingEnd(true)}>
              End session
            </Button>
          )}
        </div>
      </div>
      {endError && <Alert className="m-2">{endError}</Alert>}
      <ConfirmDialog
        open={confirmingEnd}
        title="End the session?"
        confirmLabel="End session"
        danger
        onConfirm={() => void end()}
        onCancel={() => setConfirmingEnd(false)}
      >
        Candidates will no longer be able to edit or run code. {room.my_role === "owner" ? "You can reopen it later." : "The owner can reopen it later."}
      </ConfirmDialog>
      {languageError && <Alert className="m-2">{languageError}</Alert>}
      {ended && (
        <div className="m-2" data-testid="ended-banner">
          <Alert tone="info">
            <span className="flex flex-wrap items-center gap-2">
              <span>
                {staff
                  ? "This session has ended. Candidates can no longer edit or run code; interviewers still can. The replay and analytics stay available."
                  : "This session has ended. The code is read-only now; chat and the replay stay available."}
              </span>
              {room.my_role === "owner" && (
                <Button size="sm" variant="secondary" busy={reopening} onClick={() => void reopen()}>
                  Reopen session
                </Button>
              )}
            </span>
          </Alert>
        </div>
      )}
      {wide ? (
        <div className={cn("grid min-h-0 flex-1 gap-2 p-2", room.problem_id ? "grid-cols-[20rem_minmax(0,1fr)_18rem]" : "grid-cols-[minmax(0,1fr)_18rem]")}>
          {room.problem_id && (
            <Panel title="Problem" bodyClassName="overflow-y-auto space-y-4">
              {problemBody}
            </Panel>
          )}
          <div className="grid min-h-0 gap-1" style={{ gridTemplateRows: `minmax(0,1fr) auto ${runHeight}px` }}>
            {editorSection}
            <ResizeHandle label="Resize the run panel" value={runHeight} min={120} max={Math.max(200, Math.round(window.innerHeight * 0.7))} onChange={setRunHeight} />
            <Panel title="Run" bodyClassName="min-h-0 overflow-hidden">
              {runBody}
            </Panel>
          </div>
          <div className="flex min-h-0 flex-col gap-2">
            <Panel title="People" className="max-h-[40%] shrink-0" bodyClassName="overflow-y-auto">
              {people}
            </Panel>
            <Tabs label="Side panels" tabs={sideTabs} active={tab} onChange={setTab} className="flex-1">
              {sideBody(tab)}
            </Tabs>
          </div>
        </div>
      ) : (
        // Phones and narrow windows: the editor first, every other panel in one tab strip below.
        <div className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto p-2">
          <div className="flex h-[60vh] min-h-[16rem] shrink-0 flex-col">{editorSection}</div>
          <Tabs label="Room panels" tabs={phoneTabs} active={phoneTab} onChange={setNarrowTab} className="min-h-[24rem] shrink-0" panelClassName="flex flex-col overflow-y-auto">
            {phoneTab === "problem" && <div className="space-y-4">{problemBody}</div>}
            {phoneTab === "run" && <div className="h-[20rem] min-h-0">{runBody}</div>}
            {phoneTab === "people" && people}
            {(phoneTab === "chat" || phoneTab === "integrity" || phoneTab === "notes" || phoneTab === "scorecard" || phoneTab === "invite") && <div className="h-[22rem] min-h-0">{sideBody(phoneTab)}</div>}
          </Tabs>
        </div>
      )}
    </div>
  );
}

/** Monaco keeps Tab for indenting; this says how to leave it by keyboard (Esc, then Tab). */
function EditorKeyboardHint() {
  return (
    <p className="px-1 text-xs text-slate-600 dark:text-slate-400" data-testid="editor-hint">
      Tab inserts spaces · <kbd className="font-sans font-semibold">Esc</kbd> then <kbd className="font-sans font-semibold">Tab</kbd> to leave the editor
    </p>
  );
}
