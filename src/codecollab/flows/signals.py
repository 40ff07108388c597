"""Client signals (a paste, focus lost or regained): facts the web app reports about the
calling member, rate-limited per member per room, logged for staff and shown to them live.

The live integrity feed is the `Array "integrity"` of the room's notes document, which only the
owner and interviewers can open (`collab/access.py`): a candidate's or an observer's connection
never receives it. Each item is a server edit, `{id, userId, name, kind, at}` plus `size` and
`preview` for a paste and `awayMs` for focus regained. Only candidates' signals are shown, and
of their pastes only those of `FEED_MIN_PASTE` characters or more.
"""

from __future__ import annotations

import logging
import uuid

from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.collab.documents import INTEGRITY_ARRAY
from codecollab.errors import DomainError
from codecollab.events import types as event_types
from codecollab.events.log import RoomEventLog
from codecollab.events.types import SIGNAL_TYPES
from codecollab.flows.member_events import write_member_event
from codecollab.flows.room_documents import RoomDocuments
from codecollab.rooms.models import Role
from codecollab.rooms.service import get_member_room
from codecollab.timeline.schemas import EventPublic, SignalCreate
from codecollab.timeline.service import away_since
from codecollab.timeline.types import MAX_PASTE_CHARS
from codecollab.users.models import User

logger = logging.getLogger(__name__)

# A few signals a second with a burst: 30 in any 6 seconds.
SIGNAL_RATE = "30/6 seconds"
# Pastes this long or longer go into the interviewers' live feed, with their preview.
FEED_MIN_PASTE = 200


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
    documents: RoomDocuments,
    *,
    room_id: uuid.UUID,
    user: User,
    data: SignalCreate,
) -> EventPublic:
    """A client-reported fact about the calling member (paste, focus lost or regained)."""
    member_room = await get_member_room(session, room_id=room_id, user=user)
    role = member_room.role
    await limiter.check(room_id, user.id)
    payload: dict[str, object] = {}
    if data.type == "paste":
        size = min(data.size or 0, MAX_PASTE_CHARS)
        payload["size"] = size
        if data.preview and size >= FEED_MIN_PASTE:
            payload["preview"] = data.preview
    if data.at is not None:
        payload["client_at"] = data.at
    event = await write_member_event(
        session, log, room_id=room_id, type_name=SIGNAL_TYPES[data.type], payload=payload, user=user
    )
    item = await feed_item(session, event, role=role, user=user, room_id=room_id)
    if item is not None:
        try:
            await documents.append_private(room_id, INTEGRITY_ARRAY, item)
        except Exception:  # the signal is logged; staff also find it in the timeline
            logger.warning("could not show a signal in the integrity feed", exc_info=True)
    return event


async def feed_item(
    session: AsyncSession, event: EventPublic, *, role: str, user: User, room_id: uuid.UUID
) -> dict[str, object] | None:
    """What the interviewers' feed shows of a signal, or None if it shows nothing."""
    if role != Role.CANDIDATE:
        return None
    payload = event.payload or {}
    item: dict[str, object] = {
        "id": f"{room_id}-{event.seq}",
        "userId": str(user.id),
        "name": user.display_name,
        "kind": event.type.removeprefix("signal."),
        "at": event.ts_ms,
    }
    if event.type == event_types.SIGNAL_PASTE:
        size = payload.get("size")
        if not isinstance(size, int) or size < FEED_MIN_PASTE:
            return None
        item["size"] = size
        item["preview"] = payload.get("preview") or ""
    elif event.type == event_types.SIGNAL_FOCUS_REGAINED:
        lost_at = await away_since(session, room_id=room_id, user_id=user.id, before_seq=event.seq)
        item["awayMs"] = None if lost_at is None else max(0, event.ts_ms - lost_at)
        await session.close()
    return item
