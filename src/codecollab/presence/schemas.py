from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class MemberPresencePublic(BaseModel):
    user_id: uuid.UUID
    display_name: str
    role: str
    color: str
    connected: bool
    connections: int
    first_joined_at: datetime | None
    last_seen_at: datetime | None
    last_active_at: datetime | None


class RoomPresencePublic(BaseModel):
    room_id: uuid.UUID
    members: list[MemberPresencePublic]
