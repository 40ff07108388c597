"""Rooms and their members: creation, access, invites, roles, ending a session, deletion.

Every function that acts on a room takes the acting user and checks their right here, so no
transport can forget to. Non-members get NotFound, exactly as for a room that does not exist.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.auth.tokens import InvalidToken, create_invite_token, decode_invite_token
from codecollab.db import utcnow
from codecollab.errors import Forbidden, Gone, NotFound, Unprocessable
from codecollab.events import types as event_types
from codecollab.events.service import NewEvent, append_events
from codecollab.problems.service import PROBLEM_NOT_FOUND, initial_code_for_room, problem_exists
from codecollab.rooms import permissions
from codecollab.rooms.initial import initial_document_update
from codecollab.rooms.models import Invite, Membership, Role, Room, RoomStatus
from codecollab.rooms.schemas import InviteCreate, RoomCreate
from codecollab.users.models import User

ROOM_NOT_FOUND = "room not found"


@dataclass(frozen=True)
class MemberRoom:
    """A room as seen by one of its members."""

    room: Room
    membership: Membership

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def can_write(self) -> bool:
        return permissions.can_write(self.membership.role, self.room.status)


@dataclass(frozen=True)
class Member:
    membership: Membership
    user: User


async def get_membership(
    session: AsyncSession, *, room_id: uuid.UUID, user_id: uuid.UUID
) -> MemberRoom | None:
    """The room and the user's membership in it, or None if either does not exist."""
    result = await session.execute(
        select(Room, Membership)
        .join(Membership, Membership.room_id == Room.id)
        .where(Room.id == room_id, Membership.user_id == user_id)
    )
    row = result.one_or_none()
    return MemberRoom(room=row[0], membership=row[1]) if row else None


async def get_member_room(session: AsyncSession, *, room_id: uuid.UUID, user: User) -> MemberRoom:
    member_room = await get_membership(session, room_id=room_id, user_id=user.id)
    if member_room is None:
        raise NotFound(ROOM_NOT_FOUND)
    return member_room


async def create_room(
    session: AsyncSession, *, owner: User, data: RoomCreate, template: str = ""
) -> MemberRoom:
    """A new room owned by `owner`; its code starts as its problem's starter in its language,
    or `template` in a room without a problem."""
    if data.problem_id is not None and not await problem_exists(
        session, problem_id=data.problem_id
    ):
        raise NotFound(PROBLEM_NOT_FOUND)
    room = Room(
        title=data.title, language=data.language, owner_id=owner.id, problem_id=data.problem_id
    )
    session.add(room)
    await session.flush()
    membership = Membership(room_id=room.id, user_id=owner.id, role=Role.OWNER, color_index=0)
    session.add(membership)
    await append_events(
        session,
        room_id=room.id,
        events=[
            NewEvent(
                type=event_types.SESSION_STARTED,
                actor_id=owner.id,
                payload={
                    "title": room.title,
                    "language": room.language,
                    "problem_id": None if room.problem_id is None else str(room.problem_id),
                },
            ),
            _joined_event(owner, Role.OWNER),
            NewEvent(
                type=event_types.DOC_UPDATE,
                data=initial_document_update(
                    code=template
                    if room.problem_id is None
                    else await initial_code_for_room(
                        session, problem_id=room.problem_id, language=room.language
                    ),
                    language=room.language,
                ),
            ),
        ],
    )
    await session.commit()
    await session.refresh(room)
    return MemberRoom(room=room, membership=membership)


async def set_language(session: AsyncSession, *, room_id: uuid.UUID, language: str) -> None:
    """Record the language the room shows now (what room lists show); the caller commits."""
    await session.execute(update(Room).where(Room.id == room_id).values(language=language))


async def list_rooms(session: AsyncSession, *, user: User) -> list[MemberRoom]:
    result = await session.execute(
        select(Room, Membership)
        .join(Membership, Membership.room_id == Room.id)
        .where(Membership.user_id == user.id)
        .order_by(Room.last_activity_at.desc())
    )
    return [MemberRoom(room=room, membership=membership) for room, membership in result.all()]


async def list_members(session: AsyncSession, *, room_id: uuid.UUID) -> list[Member]:
    result = await session.execute(
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.room_id == room_id)
        .order_by(Membership.joined_at, Membership.id)
    )
    return [Member(membership=membership, user=user) for membership, user in result.all()]


async def create_invite(
    session: AsyncSession,
    *,
    room_id: uuid.UUID,
    actor: User,
    data: InviteCreate,
    secret: str,
    default_ttl_s: int,
) -> tuple[Invite, str]:
    """Create an invite and its signed token (the token itself is never stored)."""
    member_room = await get_member_room(session, room_id=room_id, user=actor)
    if not permissions.can_invite(member_room.role, data.role):
        raise Forbidden(
            "only the owner can invite interviewers"
            if permissions.is_staff(member_room.role)
            else "only the owner and interviewers can invite"
        )
    expires_at = utcnow() + timedelta(seconds=data.expires_in_s or default_ttl_s)
    invite = Invite(
        room_id=room_id,
        role=data.role,
        created_by=actor.id,
        expires_at=expires_at,
        max_uses=data.max_uses,
    )
    session.add(invite)
    await session.commit()
    return invite, create_invite_token(invite.id, secret=secret, expires_at=expires_at)


async def list_invites(session: AsyncSession, *, room_id: uuid.UUID, actor: User) -> list[Invite]:
    member_room = await get_member_room(session, room_id=room_id, user=actor)
    if not permissions.can_manage_invites(member_room.role):
        raise Forbidden("only the owner and interviewers can see invites")
    result = await session.execute(
        select(Invite).where(Invite.room_id == room_id).order_by(Invite.created_at)
    )
    return list(result.scalars())


async def revoke_invite(
    session: AsyncSession, *, room_id: uuid.UUID, invite_id: uuid.UUID, actor: User
) -> None:
    member_room = await get_member_room(session, room_id=room_id, user=actor)
    if not permissions.can_manage_invites(member_room.role):
        raise Forbidden("only the owner and interviewers can revoke invites")
    invite = await session.get(Invite, invite_id)
    if invite is None or invite.room_id != room_id:
        raise NotFound("invite not found")
    if invite.revoked_at is None:
        invite.revoked_at = utcnow()
        await session.commit()


async def join_by_invite(
    session: AsyncSession, *, token: str, user: User, secret: str
) -> MemberRoom:
    """Become a member with the invite's role. A member who joins again keeps their role."""
    try:
        invite_id = decode_invite_token(token, secret=secret)
    except InvalidToken as exc:
        raise Unprocessable(f"invite: {exc}") from exc
    invite = await session.get(Invite, invite_id)
    if invite is None:
        raise NotFound("invite not found")
    existing = await get_membership(session, room_id=invite.room_id, user_id=user.id)
    if existing is not None:
        return existing
    check_usable(invite, now=utcnow())
    return await admit(session, invite=invite, user=user)


async def admit(session: AsyncSession, *, invite: Invite, user: User) -> MemberRoom:
    """Spend one use of a usable invite and make `user` a member with its role; commits."""
    claimed = await session.execute(
        update(Invite)
        .where(
            Invite.id == invite.id, (Invite.max_uses.is_(None)) | (Invite.uses < Invite.max_uses)
        )
        .values(uses=Invite.uses + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Gone("invite already used")
    membership = Membership(
        room_id=invite.room_id,
        user_id=user.id,
        role=invite.role,
        color_index=await _free_color_index(session, invite.room_id),
    )
    session.add(membership)
    await append_events(session, room_id=invite.room_id, events=[_joined_event(user, invite.role)])
    await _touch(session, invite.room_id)
    await session.commit()
    room = await session.get(Room, invite.room_id)
    assert room is not None
    return MemberRoom(room=room, membership=membership)


def unusable_reason(invite: Invite, *, now: datetime) -> str | None:
    """Why the invite cannot be used now ("invite revoked", …), or None if it can."""
    if invite.revoked_at is not None:
        return "invite revoked"
    if invite.expires_at <= now:
        return "invite expired"
    if invite.max_uses is not None and invite.uses >= invite.max_uses:
        return "invite already used"
    return None


def check_usable(invite: Invite, *, now: datetime) -> None:
    reason = unusable_reason(invite, now=now)
    if reason is not None:
        raise Gone(reason)


async def change_role(
    session: AsyncSession, *, room_id: uuid.UUID, user_id: uuid.UUID, role: str, actor: User
) -> Member:
    actor_room = await get_member_room(session, room_id=room_id, user=actor)
    if not permissions.is_staff(actor_room.role):
        raise Forbidden("only the owner and interviewers can change roles")
    target = await get_membership(session, room_id=room_id, user_id=user_id)
    if target is None:
        raise NotFound("member not found")
    if not permissions.can_change_role(actor_room.role, target.role, role):
        raise Forbidden(f"a {actor_room.role} cannot make a {target.role} an {role}")
    user = await session.get(User, user_id)
    assert user is not None
    if user.is_guest and not permissions.guest_may_hold(role):
        raise Forbidden(f"a guest cannot be an {role}: they need an account")
    previous = target.membership.role
    target.membership.role = role
    await append_events(
        session,
        room_id=room_id,
        events=[
            NewEvent(
                type=event_types.MEMBER_ROLE_CHANGED,
                actor_id=actor.id,
                payload={"user_id": str(user_id), "from": previous, "to": role},
            )
        ],
    )
    await _touch(session, room_id)
    await session.commit()
    return Member(membership=target.membership, user=user)


async def remove_member(
    session: AsyncSession, *, room_id: uuid.UUID, user_id: uuid.UUID, actor: User
) -> None:
    actor_room = await get_member_room(session, room_id=room_id, user=actor)
    target = await get_membership(session, room_id=room_id, user_id=user_id)
    if target is None:
        raise NotFound("member not found")
    leaving_self = user_id == actor.id and target.role != Role.OWNER
    if not leaving_self and not permissions.can_change_role(
        actor_room.role, target.role, Role.OBSERVER
    ):
        raise Forbidden(f"a {actor_room.role} cannot remove a {target.role}")
    await session.delete(target.membership)
    await append_events(
        session,
        room_id=room_id,
        events=[
            NewEvent(
                type=event_types.MEMBER_REMOVED,
                actor_id=actor.id,
                payload={"user_id": str(user_id)},
            )
        ],
    )
    await session.commit()


async def end_session(session: AsyncSession, *, room_id: uuid.UUID, actor: User) -> MemberRoom:
    """End the session: from now on only the owner and interviewers may write. Idempotent."""
    member_room = await get_member_room(session, room_id=room_id, user=actor)
    if not permissions.can_end_session(member_room.role):
        raise Forbidden("only the owner and interviewers can end the session")
    room = member_room.room
    if room.status != RoomStatus.ENDED:
        room.status = RoomStatus.ENDED
        room.ended_at = utcnow()
        await append_events(
            session,
            room_id=room_id,
            events=[NewEvent(type=event_types.SESSION_ENDED, actor_id=actor.id)],
        )
        await _touch(session, room_id)
        await session.commit()
    return member_room


async def reopen_session(session: AsyncSession, *, room_id: uuid.UUID, actor: User) -> MemberRoom:
    """Reopen an ended session: candidates may write again. Idempotent (an active room stays
    as it is, nothing is logged)."""
    member_room = await get_member_room(session, room_id=room_id, user=actor)
    if not permissions.can_reopen_session(member_room.role):
        raise Forbidden("only the owner can reopen the session")
    room = member_room.room
    if room.status == RoomStatus.ENDED:
        room.status = RoomStatus.ACTIVE
        room.ended_at = None
        await append_events(
            session,
            room_id=room_id,
            events=[NewEvent(type=event_types.SESSION_REOPENED, actor_id=actor.id)],
        )
        await _touch(session, room_id)
        await session.commit()
    return member_room


async def get_replayable_room(
    session: AsyncSession, *, room_id: uuid.UUID, user: User
) -> MemberRoom:
    """The room for its replay, timeline, event log or export: a candidate only when the owner
    allowed candidates to replay (403 otherwise; a non-member: 404)."""
    member_room = await get_member_room(session, room_id=room_id, user=user)
    if not permissions.can_replay(
        member_room.role, candidate_replay=member_room.room.candidate_replay
    ):
        raise Forbidden("the owner has not allowed candidates to replay this session")
    return member_room


async def delete_room(session: AsyncSession, *, room_id: uuid.UUID, actor: User) -> None:
    member_room = await get_member_room(session, room_id=room_id, user=actor)
    if not permissions.can_delete_room(member_room.role):
        raise Forbidden("only the owner can delete the room")
    await session.execute(delete(Room).where(Room.id == room_id))
    # Guests exist for one room: they go with it.
    await session.execute(delete(User).where(User.guest_room_id == room_id))
    await session.commit()


async def update_settings(
    session: AsyncSession,
    *,
    room_id: uuid.UUID,
    actor: User,
    accounts_required: bool | None,
    candidate_replay: bool | None,
) -> MemberRoom:
    """Change the room's settings; a None leaves one as it is. Whether joining needs an account:
    the owner and interviewers. Whether candidates may replay the session: the owner. Nothing
    changes unless the actor may change every setting given."""
    member_room = await get_member_room(session, room_id=room_id, user=actor)
    if accounts_required is not None and not permissions.can_require_accounts(member_room.role):
        raise Forbidden("only the owner and interviewers can require accounts")
    if candidate_replay is not None and not permissions.can_set_candidate_replay(member_room.role):
        raise Forbidden("only the owner can decide whether candidates may replay the session")
    if accounts_required is not None:
        member_room.room.accounts_required = accounts_required
    if candidate_replay is not None:
        member_room.room.candidate_replay = candidate_replay
    await session.commit()
    return member_room


async def _free_color_index(session: AsyncSession, room_id: uuid.UUID) -> int:
    """The smallest palette index no current member of the room has."""
    result = await session.execute(
        select(Membership.color_index).where(Membership.room_id == room_id)
    )
    taken = set(result.scalars())
    return next(index for index in range(len(taken) + 1) if index not in taken)


async def _touch(session: AsyncSession, room_id: uuid.UUID) -> None:
    await session.execute(
        update(Room)
        .where(Room.id == room_id)
        .values(last_activity_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _joined_event(user: User, role: str) -> NewEvent:
    return NewEvent(
        type=event_types.MEMBER_JOINED,
        actor_id=user.id,
        payload={"user_id": str(user.id), "display_name": user.display_name, "role": role},
    )
