from __future__ import annotations

import unicodedata
import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
)

from codecollab.schemas import RequestBody
from codecollab.users.schemas import UserPublic
from codecollab.validation import CLEAN, LanguageId

Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), CLEAN
]
InvitableRole = Literal["interviewer", "candidate", "observer"]
# Control characters and line or paragraph separators in a name would break the presence list,
# the chat and the replay, or hide who is who.
_NOT_IN_NAMES = frozenset({"Cc", "Zl", "Zp"})


def _printable_name(value: str) -> str:
    if any(unicodedata.category(char) in _NOT_IN_NAMES for char in value):
        raise ValueError("the name must not contain control characters or line breaks")
    return value


GuestName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64),
    CLEAN,
    AfterValidator(_printable_name),
]
InviteToken = Annotated[str, Field(min_length=1, max_length=2000), CLEAN]


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
    accounts_required: bool
    """Guests may not join: every invite needs an account."""
    candidate_replay: bool = False
    """Whether candidates may replay the session (the owner decides)."""
    members: list[MemberPublic] | None = None


class RoomUpdate(RequestBody):
    """The room's settings; a field left out is unchanged."""

    accounts_required: StrictBool | None = None
    """Guests may not join (owner and interviewers)."""
    candidate_replay: StrictBool | None = None
    """Candidates may replay their own session: its replay, timeline, events, export (owner)."""


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
    invite_token: InviteToken
    guest_name: GuestName | None = None
    """Without `Authorization` only: join as a guest with this name."""


class GuestJoined(BaseModel):
    """A guest's join: the room, and an access token for that room alone (no refresh token)."""

    room: RoomPublic
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (the scheme's name, not a secret)
    expires_in: int
    guest: Literal[True] = True
    user: UserPublic


class InvitePreview(BaseModel):
    """What the invite page shows before anyone joins: never the room's content."""

    room_title: str
    role: str
    invited_by: str
    expires_at: datetime
    valid: bool
    reason: str | None
    """Why the invite cannot be used ("invite expired", …) when `valid` is false."""
    accounts_required: bool
    """Joining needs an account: the room requires it, or the invite is for an interviewer."""


class RoleChange(RequestBody):
    role: InvitableRole
