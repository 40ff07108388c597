"""Appending to a room's event log: the one place per-room sequence numbers are handed out."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.events.models import Audience, SessionEvent
from codecollab.rooms.models import Room


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


async def append_events(
    session: AsyncSession, *, room_id: uuid.UUID, events: Sequence[NewEvent]
) -> list[SessionEvent]:
    """Append `events` to the room's log with consecutive sequence numbers; the caller commits.

    Returns the rows as written (not attached to the session).

    The UPDATE comes first so it takes the room row's write lock (PostgreSQL, MariaDB) or the
    database write lock (SQLite) before the counter is read: concurrent writers, in this process
    or another, never hand out the same number.
    """
    if not events:
        return []
    await session.execute(
        update(Room)
        .where(Room.id == room_id)
        .values(last_event_seq=Room.last_event_seq + len(events))
        .execution_options(synchronize_session=False)
    )
    last = (
        await session.execute(select(Room.last_event_seq).where(Room.id == room_id))
    ).scalar_one()
    first = last - len(events) + 1
    rows = [
        {
            "room_id": room_id,
            "seq": first + index,
            "type": event.type,
            "version": event.version,
            "ts_ms": event.ts_ms,
            "actor_id": event.actor_id,
            "audience": event.audience,
            "payload": event.payload,
            "data": event.data,
        }
        for index, event in enumerate(events)
    ]
    # A Core bulk INSERT: the ORM unit of work costs far more per row, and the live editor
    # writes thousands of events a second.
    await session.execute(insert(SessionEvent), rows)
    return [SessionEvent(**row) for row in rows]
