"""GET /api/rooms/{id}/presence: who is connected now and when each member was last seen."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import select

from codecollab.collab.identity import color_for
from codecollab.db import utcnow
from codecollab.presence.schemas import MemberPresencePublic, RoomPresencePublic
from codecollab.presence.service import room_presence
from codecollab.rooms.models import Membership
from codecollab.web.deps import RoomUser, SessionDep

router = APIRouter(tags=["presence"])


@router.get("/rooms/{room_id}/presence", response_model=RoomPresencePublic)
async def get_room_presence(
    room_id: uuid.UUID, session: SessionDep, user: RoomUser
) -> RoomPresencePublic:
    is_member = await session.scalar(
        select(Membership.id).where(Membership.room_id == room_id, Membership.user_id == user.id)
    )
    if is_member is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="room not found")
    members = await room_presence(session, room_id=room_id, now=utcnow())
    return RoomPresencePublic(
        room_id=room_id,
        members=[
            MemberPresencePublic(
                user_id=m.user_id,
                display_name=m.display_name,
                role=m.role,
                color=color_for(m.color_index),
                connected=m.connected,
                connections=m.connections,
                first_joined_at=m.first_joined_at,
                last_seen_at=m.last_seen_at,
                last_active_at=m.last_active_at,
            )
            for m in members
        ],
    )
