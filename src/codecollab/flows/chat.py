"""Chat: a member's message is an event of the room's log and an item of the state document's
`Array "chat"`, so every open client shows it at once and replay finds it in the log."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.collab.documents import CHAT_ARRAY
from codecollab.collab.identity import color_for
from codecollab.events import types as event_types
from codecollab.events.log import RoomEventLog
from codecollab.flows.member_events import write_member_event
from codecollab.flows.room_documents import LiveRoom
from codecollab.flows.signals import SignalLimiter
from codecollab.rooms.service import get_member_room
from codecollab.timeline.schemas import ChatCreate, EventPublic
from codecollab.users.models import User

logger = logging.getLogger(__name__)


async def post_chat(
    session: AsyncSession,
    limiter: SignalLimiter,
    log: RoomEventLog,
    documents: LiveRoom,
    *,
    room_id: uuid.UUID,
    user: User,
    data: ChatCreate,
) -> EventPublic:
    """A member's chat message: logged as `chat.message`, the author taken from the account,
    then shown in the room."""
    member_room = await get_member_room(session, room_id=room_id, user=user)
    await limiter.check(room_id, user.id)
    color = color_for(member_room.membership.color_index)
    event = await write_member_event(
        session,
        log,
        room_id=room_id,
        type_name=event_types.CHAT_MESSAGE,
        payload={"text": data.text},
        user=user,
    )
    message: dict[str, object] = {
        "id": f"{room_id}-{event.seq}",
        "userId": str(user.id),
        "name": user.display_name,
        "color": color,
        "text": data.text,
        "at": event.ts_ms,
    }
    try:
        await documents.append(room_id, CHAT_ARRAY, message)
    except Exception:  # the message is logged; clients also find it in the event log
        logger.warning("could not show a chat message in the room", exc_info=True)
    return event
