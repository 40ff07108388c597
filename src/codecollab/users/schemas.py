from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from codecollab.schemas import RequestBody
from codecollab.users.roles import InstanceRole


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    display_name: str
    role: InstanceRole
    is_admin: bool
    """Kept for older clients: `role == "admin"`."""
    created_at: datetime


class UserRoleUpdate(RequestBody):
    role: InstanceRole
