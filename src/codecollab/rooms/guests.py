"""Guests: people who join one room by invite with a name only, and the invite page's preview.

A guest is a `users` row of kind guest (no e-mail, no password, so no login): membership,
presence, chat, replay, analytics and export show their name like anyone's. Their access token
works for that room alone (`web/deps.py`); they may be candidates or observers, never
interviewers, and a room with `accounts_required` refuses them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.auth.tokens import InvalidToken, decode_invite_token
from codecollab.db import utcnow
from codecollab.errors import Forbidden, NotFound, Unprocessable
from codecollab.rooms import permissions
from codecollab.rooms.models import Invite, Room
from codecollab.rooms.service import MemberRoom, admit, check_usable, unusable_reason
from codecollab.users.models import User, UserKind

INVITE_NOT_FOUND = "invite not found"
ACCOUNTS_REQUIRED = "this room requires an account: log in or sign up to join"
INTERVIEWER_NEEDS_ACCOUNT = "an interviewer invite needs an account: log in or sign up to join"


@dataclass(frozen=True)
class Preview:
    room: Room
    invite: Invite
    invited_by: str
    reason: str | None
    """Why the invite cannot be used now, or None if it can."""

    @property
    def accounts_required(self) -> bool:
        return guest_refusal(self.room, self.invite) is not None


def guest_refusal(room: Room, invite: Invite) -> str | None:
    """Why a guest may not join by this invite, or None if they may."""
    if room.accounts_required:
        return ACCOUNTS_REQUIRED
    if not permissions.guest_may_hold(invite.role):
        return INTERVIEWER_NEEDS_ACCOUNT
    return None


async def preview_invite(session: AsyncSession, *, token: str, secret: str) -> Preview:
    """What the invite page shows. A token that is not one of ours, or whose room is gone, is
    NotFound; a real invite that is expired, revoked or used up is a Preview with a reason."""
    try:
        invite_id = decode_invite_token(token, secret=secret, verify_exp=False)
    except InvalidToken as exc:
        raise NotFound(INVITE_NOT_FOUND) from exc
    invite = await session.get(Invite, invite_id)
    room = None if invite is None else await session.get(Room, invite.room_id)
    if invite is None or room is None:
        raise NotFound(INVITE_NOT_FOUND)
    inviter = await session.get(User, invite.created_by)
    return Preview(
        room=room,
        invite=invite,
        invited_by="" if inviter is None else inviter.display_name,
        reason=unusable_reason(invite, now=utcnow()),
    )


async def join_as_guest(
    session: AsyncSession, *, token: str, name: str, secret: str
) -> tuple[MemberRoom, User]:
    """Make a guest named `name` a member of the invite's room with its role."""
    invite = await _usable_invite(session, token=token, secret=secret, now=utcnow())
    room = await session.get(Room, invite.room_id)
    if room is None:
        raise NotFound(INVITE_NOT_FOUND)
    refusal = guest_refusal(room, invite)
    if refusal is not None:
        raise Forbidden(refusal)
    guest = User(
        kind=UserKind.GUEST.value,
        email=None,
        password_hash=None,
        display_name=name,
        guest_room_id=room.id,
    )
    session.add(guest)
    await session.flush()
    return await admit(session, invite=invite, user=guest), guest


async def _usable_invite(
    session: AsyncSession, *, token: str, secret: str, now: datetime
) -> Invite:
    try:
        invite_id = decode_invite_token(token, secret=secret)
    except InvalidToken as exc:
        raise Unprocessable(f"invite: {exc}") from exc
    invite = await session.get(Invite, invite_id)
    if invite is None:
        raise NotFound(INVITE_NOT_FOUND)
    check_usable(invite, now=now)
    return invite


async def guest_may_read_problem(
    session: AsyncSession, *, guest: User, problem_id: uuid.UUID
) -> bool:
    """A guest reads one problem of the bank: their room's."""
    if guest.guest_room_id is None:
        return False
    room = await session.get(Room, guest.guest_room_id)
    return room is not None and room.problem_id == problem_id
