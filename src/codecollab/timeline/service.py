"""Reading a room's timeline: paging the log, replay at a moment, the scrubber's summary.
(The events members send over HTTP, chat and client signals, are written by `flows/`.)"""

from __future__ import annotations

import base64
import logging
import math
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.events import types as t
from codecollab.events.models import Audience, SessionEvent
from codecollab.events.service import WrittenEvent
from codecollab.rooms import permissions
from codecollab.rooms.service import MemberRoom, get_replayable_room
from codecollab.timeline.checkpoints import CheckpointWriter, state_at
from codecollab.timeline.schemas import (
    EventPublic,
    Marker,
    ReplayPublic,
    TimelinePublic,
)
from codecollab.timeline.state import ReplayState
from codecollab.users.models import User

logger = logging.getLogger(__name__)

MARKER_TYPES = (
    t.SESSION_STARTED,
    t.SESSION_ENDED,
    t.SESSION_REOPENED,
    t.MEMBER_JOINED,
    t.MEMBER_ROLE_CHANGED,
    t.MEMBER_REMOVED,
    t.PRESENCE_JOINED,
    t.PRESENCE_LEFT,
    t.LANGUAGE_CHANGED,
    t.CHAT_MESSAGE,
    t.RUN_STARTED,
    t.RUN_FINISHED,
    t.RUN_FAILED,
    t.SUBMISSION_STARTED,
    t.SUBMISSION_FINISHED,
    t.SIGNAL_PASTE,
    t.SIGNAL_FOCUS_LOST,
    t.SIGNAL_FOCUS_REGAINED,
)


@dataclass(frozen=True)
class SessionBounds:
    started_ms: int
    last_ms: int
    ended_ms: int | None


def audiences_for(member_room: MemberRoom) -> tuple[str, ...]:
    """Candidates and observers never see staff-only events (private notes, signals)."""
    if permissions.is_staff(member_room.role):
        return (Audience.ALL, Audience.STAFF)
    return (Audience.ALL,)


async def _edge_ts(session: AsyncSession, room_id: uuid.UUID, *, last: bool) -> int | None:
    """The timestamp of the room's first or last event (by seq: an index lookup)."""
    order = SessionEvent.seq.desc() if last else SessionEvent.seq
    value = await session.scalar(
        select(SessionEvent.ts_ms).where(SessionEvent.room_id == room_id).order_by(order).limit(1)
    )
    return None if value is None else int(value)


async def session_span(session: AsyncSession, room_id: uuid.UUID) -> tuple[int, int]:
    """When the session began (its first event) and its last event's time."""
    started = await _edge_ts(session, room_id, last=False) or 0
    last = await _edge_ts(session, room_id, last=True)
    return started, max(started, last or started)


async def _last_ts(session: AsyncSession, room_id: uuid.UUID, type_name: str) -> int | None:
    value = await session.scalar(
        select(func.max(SessionEvent.ts_ms)).where(
            SessionEvent.room_id == room_id, SessionEvent.type == type_name
        )
    )
    return None if value is None else int(value)


async def session_bounds(session: AsyncSession, room_id: uuid.UUID) -> SessionBounds:
    """The session's span; it has ended if its last `session.ended` was not followed by a
    `session.reopened`."""
    started, last = await session_span(session, room_id)
    ended = await _last_ts(session, room_id, t.SESSION_ENDED)
    reopened = await _last_ts(session, room_id, t.SESSION_REOPENED)
    if ended is not None and reopened is not None and reopened >= ended:
        ended = None
    return SessionBounds(started, last, ended)


async def away_since(
    session: AsyncSession, *, room_id: uuid.UUID, user_id: uuid.UUID, before_seq: int
) -> int | None:
    """When `user_id` lost focus, if their last focus signal before `before_seq` was a loss
    (the `ts_ms` of that `signal.focus_lost`); None if focus was not lost."""
    row = (
        await session.execute(
            select(SessionEvent.type, SessionEvent.ts_ms)
            .where(
                SessionEvent.room_id == room_id,
                SessionEvent.actor_id == user_id,
                SessionEvent.seq < before_seq,
                SessionEvent.type.in_((t.SIGNAL_FOCUS_LOST, t.SIGNAL_FOCUS_REGAINED)),
            )
            .order_by(SessionEvent.seq.desc())
            .limit(1)
        )
    ).one_or_none()
    if row is None or row.type != t.SIGNAL_FOCUS_LOST:
        return None
    return int(row.ts_ms)


def event_public(row: SessionEvent | WrittenEvent, *, started_ms: int) -> EventPublic:
    return EventPublic(
        seq=row.seq,
        type=row.type,
        version=row.version,
        ts_ms=row.ts_ms,
        at_ms=row.ts_ms - started_ms,
        actor_id=row.actor_id,
        audience=row.audience,
        payload=row.payload,
        data=None if row.data is None else base64.b64encode(row.data).decode("ascii"),
    )


async def list_events(
    session: AsyncSession, *, room_id: uuid.UUID, user: User, after_seq: int, limit: int
) -> list[EventPublic]:
    member_room = await get_replayable_room(session, room_id=room_id, user=user)
    started, _last = await session_span(session, room_id)
    rows = await session.scalars(
        select(SessionEvent)
        .where(
            SessionEvent.room_id == room_id,
            SessionEvent.seq > after_seq,
            SessionEvent.audience.in_(audiences_for(member_room)),
        )
        .order_by(SessionEvent.seq)
        .limit(limit)
    )
    return [event_public(row, started_ms=started) for row in rows]


# --- replay ---------------------------------------------------------------------------------


async def replay_state(
    session: AsyncSession,
    checkpoints: CheckpointWriter,
    *,
    room_id: uuid.UUID,
    user: User,
    at_ms: int,
) -> tuple[ReplayState, int]:
    """The room's state `at_ms` after the session began, and the at_ms actually used."""
    await get_replayable_room(session, room_id=room_id, user=user)
    await session.close()  # the builder writes in a session of its own (SQLite: one writer)
    await checkpoints.ensure(room_id)
    started, last = await session_span(session, room_id)
    at_ms = min(at_ms, last - started)
    return await state_at(session, room_id, ts_ms=started + at_ms), at_ms


def replay_public(state: ReplayState, *, at_ms: int) -> ReplayPublic:
    return ReplayPublic.model_validate(
        {
            "at_ms": at_ms,
            "seq": state.seq,
            "code": state.code,
            "language": state.language,
            "present": state.present_users(),
            "last_run": state.last_run,
            "last_verdict": state.last_verdict,
        }
    )


# --- the scrubber's summary -----------------------------------------------------------------


async def timeline(
    session: AsyncSession, *, room_id: uuid.UUID, user: User, buckets: int
) -> TimelinePublic:
    member_room = await get_replayable_room(session, room_id=room_id, user=user)
    bounds = await session_bounds(session, room_id)
    end = bounds.ended_ms if bounds.ended_ms is not None else bounds.last_ms
    duration = max(0, end - bounds.started_ms)
    bucket_ms = max(1000, math.ceil((duration + 1) / buckets))
    counts = [0] * (duration // bucket_ms + 1)
    audiences = audiences_for(member_room)
    stamps = await session.scalars(
        select(SessionEvent.ts_ms).where(
            SessionEvent.room_id == room_id,
            SessionEvent.type != t.AWARENESS,
            SessionEvent.audience.in_(audiences),
        )
    )
    for ts_ms in stamps:
        index = min(len(counts) - 1, max(0, (ts_ms - bounds.started_ms) // bucket_ms))
        counts[index] += 1
    markers = await session.scalars(
        select(SessionEvent)
        .where(
            SessionEvent.room_id == room_id,
            SessionEvent.type.in_(MARKER_TYPES),
            SessionEvent.audience.in_(audiences),
        )
        .order_by(SessionEvent.seq)
    )
    return TimelinePublic(
        started_at_ms=bounds.started_ms,
        ended_at_ms=bounds.ended_ms,
        duration_ms=duration,
        bucket_ms=bucket_ms,
        activity=counts,
        markers=[_marker(row, bounds.started_ms) for row in markers],
    )


def _marker(row: SessionEvent, started_ms: int) -> Marker:
    payload = row.payload
    if row.type == t.RUN_FINISHED and payload is not None:
        # The scrubber needs the outcome, not the whole output.
        result = payload.get("result")
        result = result if isinstance(result, dict) else {}
        outcome = {k: result.get(k) for k in ("status", "time_ms", "exit_code")}
        payload = {"run_id": payload.get("run_id"), **outcome}
    elif row.type == t.RUN_STARTED and payload is not None:
        payload = {k: payload.get(k) for k in ("run_id", "language")}
    return Marker(
        at_ms=row.ts_ms - started_ms,
        seq=row.seq,
        type=row.type,
        actor_id=row.actor_id,
        payload=payload,
    )
