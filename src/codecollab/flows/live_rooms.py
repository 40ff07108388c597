"""The live rooms as the app holds them: the sync engine, the one event log, the replay
checkpoints, and the room actions (runs, submissions, language switches) wired the same way, by
their constructors."""

from __future__ import annotations

from dataclasses import dataclass

from codecollab.collab.documents import RUN_MAP, SUBMISSION_MAP
from codecollab.collab.engine import Collaboration
from codecollab.collab.language_guard import LanguageGuard
from codecollab.events.log import RoomEventLog
from codecollab.execution.service import ExecutionService
from codecollab.flows.collaboration import create_collaboration, create_event_log
from codecollab.flows.room_action import RoomAction
from codecollab.flows.room_documents import RoomDocuments
from codecollab.flows.room_languages import RoomLanguages
from codecollab.flows.runs import RoomRuns
from codecollab.flows.submissions import RoomSubmissions
from codecollab.judge.service import JudgeService
from codecollab.runtime import Runtime
from codecollab.timeline.checkpoints import CheckpointWriter


@dataclass(frozen=True)
class LiveRooms:
    collaboration: Collaboration
    event_log: RoomEventLog
    checkpoints: CheckpointWriter
    documents: RoomDocuments
    runs: RoomRuns
    submissions: RoomSubmissions
    languages: RoomLanguages

    async def stop(self) -> None:
        await self.collaboration.stop()


async def start_live_rooms(
    runtime: Runtime, *, execution: ExecutionService, judge: JudgeService
) -> LiveRooms:
    """Start the sync engine (and with it the event log) and wire the room actions to it."""
    event_log = create_event_log(runtime)
    checkpoints = CheckpointWriter(
        runtime.sessionmaker, every=runtime.settings.timeline_checkpoint_every
    )
    language_guard = LanguageGuard()
    collaboration = create_collaboration(runtime, event_log, checkpoints, language_guard)
    await collaboration.start()
    runtime.rights_listeners.append(collaboration.rights_changed)
    documents = RoomDocuments(collaboration)
    sessionmaker = runtime.sessionmaker
    runs = RoomRuns(
        execution=execution,
        documents=documents,
        action=RoomAction(
            log=event_log,
            documents=documents,
            map_name=RUN_MAP,
            busy="the room's code is already running; wait for the result",
        ),
        sessionmaker=sessionmaker,
    )
    submissions = RoomSubmissions(
        judge=judge,
        documents=documents,
        action=RoomAction(
            log=event_log,
            documents=documents,
            map_name=SUBMISSION_MAP,
            busy="a submission is already being judged in this room",
        ),
        sessionmaker=sessionmaker,
    )
    languages = RoomLanguages(
        documents=documents,
        action=RoomAction(
            log=event_log,
            documents=documents,
            map_name="language",  # a switch shows nothing there: only its one slot is used
            busy="the room's language is already being changed",
        ),
        sessionmaker=sessionmaker,
    )
    language_guard.on_client_switch(languages.request_switch)
    return LiveRooms(collaboration, event_log, checkpoints, documents, runs, submissions, languages)
