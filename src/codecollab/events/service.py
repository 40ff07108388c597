"""Appending to a room's event log: the one place per-room sequence numbers are handed out."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, Table, Uuid, bindparam, column, insert, select, table, update
from sqlalchemy.exc import NoResultFound
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.events.models import Audience, SessionEvent

# Core tables: the live editor appends thousands of events a second, and the ORM's unit of
# work (or even building an ORM object per row) costs far more per row than the insert itself.
_EVENTS: Table = SessionEvent.__table__  # type: ignore[assignment]
# The two columns of `rooms` the log's counter lives in (rooms.models.Room.last_event_seq): the
# event log sits below the domain packages and does not import their models.
_ROOMS = table("rooms", column("id", Uuid()), column("last_event_seq", BigInteger()))
# Built once, so every batch reuses the compiled statements and builds no expression objects.
_RESERVE = (
    update(_ROOMS)
    .where(_ROOMS.c.id == bindparam("reserve_room_id"))
    .values(last_event_seq=_ROOMS.c.last_event_seq + bindparam("reserve_count"))
)
_LAST_SEQS = select(_ROOMS.c.id, _ROOMS.c.last_event_seq).where(
    _ROOMS.c.id.in_(bindparam("room_ids", expanding=True))
)
_INSERT_EVENTS = insert(_EVENTS)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class NewEvent:
    type: str
    actor_id: uuid.UUID | None = None
    payload: dict[str, Any] | None = None
    data: bytes | None = None
    version: int = 1
    audience: str = Audience.ALL
    ts_ms: int = field(default_factory=now_ms)

    def written(self, room_id: uuid.UUID, seq: int) -> WrittenEvent:
        """This event as appended to the room's log at `seq`."""
        return WrittenEvent(
            room_id=room_id,
            seq=seq,
            type=self.type,
            version=self.version,
            ts_ms=self.ts_ms,
            actor_id=self.actor_id,
            audience=self.audience,
            payload=self.payload,
            data=self.data,
        )


@dataclass(frozen=True, slots=True)
class WrittenEvent:
    """An event as appended to the log: a NewEvent with its room and sequence number."""

    room_id: uuid.UUID
    seq: int
    type: str
    version: int
    ts_ms: int
    actor_id: uuid.UUID | None
    audience: str
    payload: dict[str, Any] | None
    data: bytes | None


async def append_events(
    session: AsyncSession, *, room_id: uuid.UUID, events: Sequence[NewEvent]
) -> list[WrittenEvent]:
    """Append `events` to one room's log with consecutive sequence numbers; the caller commits.

    Returns the rows as written (not attached to the session). Raises NoResultFound if the
    room does not exist.
    """
    written = await append_events_for_rooms(session, {room_id: events})
    if events and room_id not in written:
        raise NoResultFound(f"room {room_id} does not exist")
    return written.get(room_id, [])


async def append_events_for_rooms(
    session: AsyncSession, batch: Mapping[uuid.UUID, Sequence[NewEvent]]
) -> dict[uuid.UUID, list[WrittenEvent]]:
    """Append several rooms' events in three statements, whatever the number of rooms.

    The UPDATE (one statement, executed for each room in key order) comes first so it takes
    the rooms' row locks (PostgreSQL, MariaDB; in key order, so two writers never wait on each
    other in a cycle) or the database write lock (SQLite) before the counters are read back:
    concurrent writers, in this process or another, never hand out the same number. Rooms
    that no longer exist are left out of the result and nothing is written for them.
    """
    counts = {room_id: len(events) for room_id, events in batch.items() if events}
    if not counts:
        return {}
    connection = await session.connection()
    await connection.execute(
        _RESERVE,
        [
            {"reserve_room_id": room_id, "reserve_count": count}
            for room_id, count in sorted(counts.items())
        ],
    )
    result = await connection.execute(_LAST_SEQS, {"room_ids": list(counts)})
    written: dict[uuid.UUID, list[WrittenEvent]] = {}
    for room_id, last in result.all():
        first = last - counts[room_id] + 1
        written[room_id] = [
            event.written(room_id, first + index) for index, event in enumerate(batch[room_id])
        ]
    rows = [_row(event) for events in written.values() for event in events]
    if rows:
        await connection.execute(_INSERT_EVENTS, rows)
    return written


def _row(event: WrittenEvent) -> dict[str, Any]:
    return {
        "room_id": event.room_id,
        "seq": event.seq,
        "type": event.type,
        "version": event.version,
        "ts_ms": event.ts_ms,
        "actor_id": event.actor_id,
        "audience": event.audience,
        "payload": event.payload,
        "data": event.data,
    }
