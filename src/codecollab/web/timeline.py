"""HTTP endpoints of the session timeline: events, replay, the scrubber, analytics, export."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import StreamingResponse

from codecollab.errors import responses
from codecollab.execution.schemas import ExecutionPublic
from codecollab.flows import chat, signals
from codecollab.timeline import analytics, export, progress, service
from codecollab.timeline.analytics import AnalyticsPublic
from codecollab.timeline.schemas import (
    MAX_EVENTS_PAGE,
    ChatCreate,
    EventPublic,
    ReplayPublic,
    ReplayRunCreate,
    SignalCreate,
    TimelinePublic,
)
from codecollab.validation import MAX_MS, MAX_SEQ
from codecollab.web.deps import (
    ExecutionDep,
    LiveRoomsDep,
    RoomUser,
    RuntimeDep,
    SessionDep,
)
from codecollab.web.deps import (
    ServicesDep as AppServicesDep,
)
from codecollab.web.services import TimelineServices

router = APIRouter(prefix="/rooms/{room_id}", tags=["timeline"])
ERRORS = responses(401, 403, 404, 422)


def get_timeline_services(services: AppServicesDep) -> TimelineServices:
    return services.timeline


ServicesDep = Annotated[TimelineServices, Depends(get_timeline_services)]


@router.get("/events", responses=ERRORS)
async def list_events(
    room_id: uuid.UUID,
    session: SessionDep,
    user: RoomUser,
    after_seq: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_EVENTS_PAGE)] = 100,
) -> list[EventPublic]:
    """The log in order from `after_seq` (exclusive); page on with the last `seq` returned."""
    return await service.list_events(
        session, room_id=room_id, user=user, after_seq=after_seq, limit=limit
    )


@router.get("/replay", responses=ERRORS)
async def replay(
    room_id: uuid.UUID,
    session: SessionDep,
    user: RoomUser,
    services: ServicesDep,
    at_ms: Annotated[int, Query(ge=0, le=MAX_MS)],
) -> ReplayPublic:
    """The room as it was `at_ms` after the session began (clamped to the last event)."""
    state, used = await service.replay_state(
        session, services.checkpoints, room_id=room_id, user=user, at_ms=at_ms
    )
    return service.replay_public(state, at_ms=used)


@router.post("/replay/run", responses=responses(401, 403, 404, 422, 429, 503))
async def replay_run(
    room_id: uuid.UUID,
    body: ReplayRunCreate,
    session: SessionDep,
    user: RoomUser,
    services: ServicesDep,
    execution: ExecutionDep,
) -> ExecutionPublic:
    """Run the code as it was at `at_ms`, in that moment's language, in the sandbox."""
    state, _used = await service.replay_state(
        session, services.checkpoints, room_id=room_id, user=user, at_ms=body.at_ms
    )
    await session.close()  # no transaction held through a run
    if state.language is None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="no language at that moment")
    result = await execution.execute(
        user_id=user.id,
        language=state.language,
        source=state.code,
        stdin=body.stdin,
        time_limit_ms=None,
        memory_limit_mb=None,
        reuse=True,  # the past does not change: a repeat is answered from the cache
    )
    return ExecutionPublic(**dataclasses.asdict(result))


@router.get("/timeline", responses=ERRORS)
async def timeline(
    room_id: uuid.UUID,
    session: SessionDep,
    user: RoomUser,
    buckets: Annotated[int, Query(ge=10, le=2000)] = 200,
) -> TimelinePublic:
    """What a player needs: start, end, activity density and markers."""
    return await service.timeline(session, room_id=room_id, user=user, buckets=buckets)


@router.post(
    "/signals", status_code=status.HTTP_201_CREATED, responses=responses(401, 403, 404, 422, 429)
)
async def record_signal(
    room_id: uuid.UUID,
    body: SignalCreate,
    session: SessionDep,
    user: RoomUser,
    services: ServicesDep,
    live: LiveRoomsDep,
) -> EventPublic:
    """A fact the web app reports about the calling member: a paste, focus lost or regained.
    A candidate's signal also goes into the interviewers' live integrity feed (the notes
    document's `Array "integrity"`, which only the owner and interviewers can open)."""
    return await signals.record_signal(
        session,
        services.limiter,
        live.event_log,
        live.documents,
        room_id=room_id,
        user=user,
        data=body,
    )


@router.post(
    "/chat", status_code=status.HTTP_201_CREATED, responses=responses(401, 403, 404, 422, 429)
)
async def post_chat(
    room_id: uuid.UUID,
    body: ChatCreate,
    session: SessionDep,
    user: RoomUser,
    services: ServicesDep,
    live: LiveRoomsDep,
) -> EventPublic:
    """A chat message to the room: an event of the log, appended to the `Array "chat"` of the
    room's state document (which only the server writes) so every connected client shows it at
    once."""
    return await chat.post_chat(
        session,
        services.limiter,
        live.event_log,
        live.documents,
        room_id=room_id,
        user=user,
        data=body,
    )


@router.get("/analytics", responses=ERRORS)
async def room_analytics(
    room_id: uuid.UUID, session: SessionDep, user: RoomUser
) -> AnalyticsPublic:
    """The session's figures per participant (owner and interviewers only)."""
    return await analytics.room_analytics(session, room_id=room_id, user=user)


@router.get("/export", responses=ERRORS)
async def export_session(
    room_id: uuid.UUID, session: SessionDep, user: RoomUser, runtime: RuntimeDep
) -> StreamingResponse:
    """The whole session as JSON Lines (docs/events.md); staff-only events for staff only."""
    header = await export.export_header(session, room_id=room_id, user=user)
    await session.close()
    lines = export.export_lines(runtime.sessionmaker, header)
    filename = f"codecollab-{room_id}.jsonl"
    return StreamingResponse(
        lines,
        media_type="application/x-ndjson",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/analytics/tests", responses=responses(401, 403, 404, 409, 422, 429, 503))
async def room_test_progress(
    room_id: uuid.UUID,
    session: SessionDep,
    user: RoomUser,
    services: ServicesDep,
    execution: ExecutionDep,
    samples: Annotated[int, Query(ge=1, le=progress.MAX_SAMPLES)] = 10,
) -> progress.TestProgressPublic:
    """When each test of the room's problem first passed: the code at up to `samples`
    checkpoint moments re-judged, every test run (owner and interviewers only; slow).
    Counts as one run against the caller's rate limit when anything needs judging; programs
    are judged in the execution pool's slots."""
    return await progress.test_progress(
        session,
        services.checkpoints,
        execution,
        services.verdicts,
        room_id=room_id,
        user=user,
        samples=samples,
    )
