"""Client signals (a paste, focus lost or regained): facts the web app reports about the
calling member, rate-limited per member per room and logged for staff."""

from __future__ import annotations

import uuid

from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.errors import DomainError
from codecollab.events.log import RoomEventLog
from codecollab.events.types import SIGNAL_TYPES
from codecollab.flows.member_events import write_member_event
from codecollab.rooms.service import get_member_room
from codecollab.timeline.schemas import EventPublic, SignalCreate
from codecollab.timeline.types import MAX_PASTE_CHARS
from codecollab.users.models import User

# A few signals a second with a burst: 30 in any 6 seconds.
SIGNAL_RATE = "30/6 seconds"


class TooManySignals(DomainError):
    status_code = 429


class SignalLimiter:
    """Per member per room (a client is not trusted), in this process's memory: the `limits`
    library, like every limit that refuses, and its storage forgets a member's count once the
    window has passed."""

    def __init__(self, rate: str = SIGNAL_RATE) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._item = parse(rate)

    async def check(self, room_id: uuid.UUID, user_id: uuid.UUID) -> None:
        if not await self._limiter.hit(self._item, "signals", str(room_id), str(user_id)):
            raise TooManySignals("too many signals; slow down")


async def record_signal(
    session: AsyncSession,
    limiter: SignalLimiter,
    log: RoomEventLog,
    *,
    room_id: uuid.UUID,
    user: User,
    data: SignalCreate,
) -> EventPublic:
    """A client-reported fact about the calling member (paste, focus lost or regained)."""
    await get_member_room(session, room_id=room_id, user=user)
    await limiter.check(room_id, user.id)
    payload: dict[str, object] = {}
    if data.type == "paste":
        payload["size"] = min(data.size or 0, MAX_PASTE_CHARS)
    if data.at is not None:
        payload["client_at"] = data.at
    return await write_member_event(
        session, log, room_id=room_id, type_name=SIGNAL_TYPES[data.type], payload=payload, user=user
    )
