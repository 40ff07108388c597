from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from codecollab.schemas import RequestBody
from codecollab.validation import CLEAN, LanguageId

Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), CLEAN
]
InvitableRole = Literal["interviewer", "candidate", "observer"]


class RoomCreate(RequestBody):
    title: Title
    language: LanguageId = "python"
    problem_id: uuid.UUID | None = None
    starter: Literal["template", "empty"] = "template"
    """What a room without a problem starts with: its language's template, or nothing."""


class LanguageChange(RequestBody):
    language: LanguageId


class MemberPublic(BaseModel):
    user_id: uuid.UUID
    display_name: str
    role: str
    color_index: int
    joined_at: datetime


class RoomPublic(BaseModel):
    id: uuid.UUID
    title: str
    language: str
    problem_id: uuid.UUID | None
    status: str
    owner_id: uuid.UUID
    my_role: str
    can_write: bool
    created_at: datetime
    ended_at: datetime | None
    last_activity_at: datetime
    members: list[MemberPublic] | None = None


class InviteCreate(RequestBody):
    role: InvitableRole
    expires_in_s: Annotated[int, Field(ge=60, le=30 * 24 * 3600)] | None = None
    max_uses: Annotated[int, Field(ge=1, le=10_000)] | None = None


class InvitePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    role: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    max_uses: int | None
    uses: int


class InviteCreated(InvitePublic):
    token: str
    url: str


class JoinRequest(RequestBody):
    invite_token: Annotated[str, Field(min_length=1, max_length=2000), CLEAN]


class RoleChange(RequestBody):
    role: InvitableRole
