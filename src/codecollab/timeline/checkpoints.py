"""Checkpoints: the replay state every N events, so a seek folds one checkpoint and < N events.

Checkpoints are written as the log grows (the recorder asks for them every N changes and when a
room unloads) and, for whatever is still missing, before a replay is answered. Building is
incremental: it resumes from the last checkpoint. Two builders racing (two processes) write the
same rows; the unique (room_id, seq) key keeps one, the other's insert is dropped.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.cooperative import background_slot, yielding
from codecollab.events import types as t
from codecollab.events.models import SessionEvent
from codecollab.rooms.models import Room
from codecollab.timeline.models import TimelineCheckpoint
from codecollab.timeline.state import LoggedEvent, ReplayState

READ_CHUNK = 5000
# Events replay folds; staff-only ones (private notes, integrity signals) never reach the state.
REPLAYED_TYPES = (
    t.DOC_UPDATE,
    t.MEMBER_JOINED,
    t.AWARENESS,
    t.PRESENCE_JOINED,
    t.PRESENCE_LEFT,
    t.RUN_FINISHED,
    t.SUBMISSION_FINISHED,
)


def _logged(row: tuple[object, ...]) -> LoggedEvent:
    seq, type_, ts_ms, actor_id, payload, data = row
    return LoggedEvent(
        seq=int(seq),  # type: ignore[call-overload]
        type=str(type_),
        ts_ms=int(ts_ms),  # type: ignore[call-overload]
        actor_id=actor_id,  # type: ignore[arg-type]
        payload=payload,  # type: ignore[arg-type]
        data=data,  # type: ignore[arg-type]
    )


_COLUMNS = (
    SessionEvent.seq,
    SessionEvent.type,
    SessionEvent.ts_ms,
    SessionEvent.actor_id,
    SessionEvent.payload,
    SessionEvent.data,
)


async def read_events(
    session: AsyncSession,
    room_id: uuid.UUID,
    *,
    after_seq: int,
    until_seq: int | None = None,
    until_ts: int | None = None,
    types: tuple[str, ...] = REPLAYED_TYPES,
) -> AsyncIterator[LoggedEvent]:
    """The room's events of `types` after `after_seq`, in order, read in chunks."""
    cursor = after_seq
    while True:
        query = (
            select(*_COLUMNS)
            .where(
                SessionEvent.room_id == room_id,
                SessionEvent.seq > cursor,
                SessionEvent.type.in_(types),
            )
            .order_by(SessionEvent.seq)
            .limit(READ_CHUNK)
        )
        if until_seq is not None:
            query = query.where(SessionEvent.seq <= until_seq)
        if until_ts is not None:
            query = query.where(SessionEvent.ts_ms <= until_ts)
        rows = (await session.execute(query)).all()
        async for row in yielding(rows):
            yield _logged(tuple(row))
        if len(rows) < READ_CHUNK:
            return
        cursor = int(rows[-1][0])


async def latest_checkpoint(
    session: AsyncSession, room_id: uuid.UUID, *, until_ts: int | None = None
) -> TimelineCheckpoint | None:
    query = select(TimelineCheckpoint).where(TimelineCheckpoint.room_id == room_id)
    if until_ts is not None:
        query = query.where(TimelineCheckpoint.ts_ms <= until_ts)
    query = query.order_by(TimelineCheckpoint.seq.desc()).limit(1)
    return (await session.execute(query)).scalar_one_or_none()


def _restore(checkpoint: TimelineCheckpoint | None) -> ReplayState:
    if checkpoint is None:
        return ReplayState()
    return ReplayState.restore(
        seq=checkpoint.seq,
        ts_ms=checkpoint.ts_ms,
        document=checkpoint.document,
        side=checkpoint.state,
    )


class RoomLocks:
    """One lock per room, kept only while someone holds it or waits for it."""

    def __init__(self) -> None:
        self._held: dict[uuid.UUID, tuple[asyncio.Lock, int]] = {}

    def __len__(self) -> int:
        return len(self._held)

    @asynccontextmanager
    async def hold(self, room_id: uuid.UUID) -> AsyncIterator[None]:
        lock, users = self._held.get(room_id, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._held[room_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            _lock, users = self._held[room_id]
            if users == 1:
                del self._held[room_id]
            else:
                self._held[room_id] = (lock, users - 1)


@dataclass(frozen=True)
class CheckpointWriter:
    """Folds the log after the last checkpoint; stores one every `every` sequence numbers.

    One per application (the recorder and the replay routes share it); a copy with another
    `every` (`dataclasses.replace`) shares its locks, so builders of one room never overlap.
    """

    sessionmaker: async_sessionmaker[AsyncSession]
    every: int
    locks: RoomLocks = field(default_factory=RoomLocks)

    async def ensure(self, room_id: uuid.UUID) -> None:
        """Checkpoints for every full block of `every` events in the room's log."""
        async with background_slot(), self.locks.hold(room_id):
            await self._build(room_id)

    async def _build(self, room_id: uuid.UUID) -> None:
        # One session throughout: on SQLite a second one would wait for this one's lock.
        async with self.sessionmaker() as session:
            checkpoint = await latest_checkpoint(session, room_id)
            last_seq = await session.scalar(select(Room.last_event_seq).where(Room.id == room_id))
            if (last_seq or 0) - (checkpoint.seq if checkpoint else 0) < self.every:
                return  # fewer than `every` events of any type since: nothing to add (cheap)
            state = _restore(checkpoint)
            # Spaced by sequence numbers, not by replayed events: whatever the mix of types,
            # a seek reads at most `every` rows after its checkpoint.
            base = state.seq
            async for event in read_events(session, room_id, after_seq=state.seq):
                state.apply(event)
                if state.seq - base >= self.every:
                    if not await _save(session, room_id, state):
                        return
                    base = state.seq


async def _save(session: AsyncSession, room_id: uuid.UUID, state: ReplayState) -> bool:
    """Store a checkpoint; False if another builder stored it first (then it carries on)."""
    session.add(
        TimelineCheckpoint(
            room_id=room_id,
            seq=state.seq,
            ts_ms=state.ts_ms,
            document=state.doc.get_update(),
            state=state.side_state(),
        )
    )
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return False
    return True


async def state_at(session: AsyncSession, room_id: uuid.UUID, *, ts_ms: int) -> ReplayState:
    """The replay state including every event stamped at or before `ts_ms`.

    One checkpoint (the last whose events are all at or before `ts_ms`) plus the events after
    it up to the next checkpoint: fewer than N once checkpoints are up to date.
    """
    checkpoint = await latest_checkpoint(session, room_id, until_ts=ts_ms)
    state = _restore(checkpoint)
    next_seq = await session.scalar(
        select(func.min(TimelineCheckpoint.seq)).where(
            TimelineCheckpoint.room_id == room_id, TimelineCheckpoint.seq > state.seq
        )
    )
    async for event in read_events(
        session, room_id, after_seq=state.seq, until_seq=next_seq, until_ts=ts_ms
    ):
        state.apply(event)
    return state
