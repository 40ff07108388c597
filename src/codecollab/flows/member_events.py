"""Events members send over HTTP (chat, client signals), written through the room's one append
path and answered as the log shows them."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.events.log import RoomEventLog
from codecollab.events.service import NewEvent
from codecollab.events.types import REGISTRY
from codecollab.timeline.schemas import EventPublic
from codecollab.timeline.service import event_public, session_span
from codecollab.users.models import User


async def write_member_event(
    session: AsyncSession,
    log: RoomEventLog,
    *,
    room_id: uuid.UUID,
    type_name: str,
    payload: dict[str, object],
    user: User,
) -> EventPublic:
    """Write one event of `user`'s and return it once committed, with its sequence number.

    Ends the session's transaction before and after (the session stays usable)."""
    # No transaction of the request is held while the writer commits (SQLite: one writer).
    await session.close()
    event_type = REGISTRY[type_name]
    event = NewEvent(
        type=type_name,
        version=event_type.version,
        audience=event_type.audience,
        actor_id=user.id,
        payload=payload,
    )
    [row] = await log.write(room_id, [event])
    started, _last = await session_span(session, room_id)
    await session.close()  # nor after: the caller may show the event in the live room next
    return event_public(row, started_ms=started)
