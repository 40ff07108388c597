from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from codecollab.schemas import RequestBody
from codecollab.users.models import UserKind
from codecollab.users.roles import InstanceRole


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str | None
    """None for a guest."""
    display_name: str
    role: InstanceRole
    is_admin: bool
    """Kept for older clients: `role == "admin"`."""
    created_at: datetime
    kind: UserKind
    """`account`, or `guest`: joined one room by invite with a name only."""
    guest_room_id: uuid.UUID | None
    """A guest's one room."""


class UserRoleUpdate(RequestBody):
    role: InstanceRole
