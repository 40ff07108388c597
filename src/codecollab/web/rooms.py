from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.auth.tokens import create_access_token
from codecollab.errors import responses
from codecollab.execution.languages import template
from codecollab.rooms import guests, service
from codecollab.rooms.models import Invite
from codecollab.rooms.schemas import (
    GuestJoined,
    InviteCreate,
    InviteCreated,
    InvitePublic,
    JoinRequest,
    LanguageChange,
    MemberPublic,
    RoleChange,
    RoomCreate,
    RoomPublic,
    RoomUpdate,
)
from codecollab.runtime import Runtime
from codecollab.users.schemas import UserPublic
from codecollab.web.client import client_address, too_many
from codecollab.web.deps import (
    GUEST_REFUSED,
    CurrentUser,
    LiveRoomsDep,
    OptionalUser,
    RoomUser,
    RuntimeDep,
    SessionDep,
)

router = APIRouter(prefix="/rooms", tags=["rooms"])

ERRORS = responses(401, 403, 404)


async def rights_changed(session: AsyncSession, runtime: Runtime, room_id: uuid.UUID) -> None:
    """Tell live connections, with no transaction of ours open: on SQLite an open one would
    hold the write lock the listeners may need."""
    await session.commit()
    await runtime.rights_changed(room_id)


def room_public(
    member_room: service.MemberRoom, members: list[service.Member] | None = None
) -> RoomPublic:
    room = member_room.room
    return RoomPublic(
        id=room.id,
        title=room.title,
        language=room.language,
        problem_id=room.problem_id,
        status=room.status,
        owner_id=room.owner_id,
        my_role=member_room.role,
        can_write=member_room.can_write,
        created_at=room.created_at,
        ended_at=room.ended_at,
        last_activity_at=room.last_activity_at,
        accounts_required=room.accounts_required,
        candidate_replay=room.candidate_replay,
        members=None if members is None else [member_public(member) for member in members],
    )


def member_public(member: service.Member) -> MemberPublic:
    return MemberPublic(
        user_id=member.user.id,
        display_name=member.user.display_name,
        role=member.membership.role,
        color_index=member.membership.color_index,
        joined_at=member.membership.joined_at,
    )


def invite_url(runtime: Runtime, request: Request, token: str) -> str:
    base = runtime.settings.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/join/{token}"


@router.post("", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def create_room(body: RoomCreate, session: SessionDep, user: CurrentUser) -> RoomPublic:
    member_room = await service.create_room(
        session,
        owner=user,
        data=body,
        template=template(body.language) if body.starter == "template" else "",
    )
    members = await service.list_members(session, room_id=member_room.room.id)
    return room_public(member_room, members)


@router.get("", responses=ERRORS)
async def list_rooms(session: SessionDep, user: CurrentUser) -> list[RoomPublic]:
    return [
        room_public(member_room) for member_room in await service.list_rooms(session, user=user)
    ]


@router.post("/join", responses=responses(401, 403, 404, 410, 422, 429))
async def join_room(
    body: JoinRequest,
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    user: OptionalUser,
) -> RoomPublic | GuestJoined:
    """With `Authorization`: the caller joins with the invite's role and gets the room
    (`guest_name` is ignored). Without it, `guest_name` joins as a guest of that room only:
    `{room, access_token, guest: true, …}`."""
    if user is None:
        return await _join_as_guest(body, request, session, runtime)
    if user.is_guest:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=GUEST_REFUSED)
    member_room = await service.join_by_invite(
        session, token=body.invite_token, user=user, secret=runtime.jwt_secret
    )
    members = await service.list_members(session, room_id=member_room.room.id)
    return room_public(member_room, members)


async def _join_as_guest(
    body: JoinRequest, request: Request, session: SessionDep, runtime: RuntimeDep
) -> GuestJoined:
    if body.guest_name is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="not authenticated: log in, or send guest_name to join as a guest",
            headers={"WWW-Authenticate": "Bearer"},
        )
    # Each guest join makes a user: it counts against the sign-ups of the address.
    retry_after = await runtime.signup_limiter.take(address=client_address(request))
    if retry_after is not None:
        raise too_many("too many joins from this address", retry_after)
    member_room, guest = await guests.join_as_guest(
        session, token=body.invite_token, name=body.guest_name, secret=runtime.jwt_secret
    )
    ttl_s = runtime.settings.guest_token_ttl_s
    members = await service.list_members(session, room_id=member_room.room.id)
    return GuestJoined(
        room=room_public(member_room, members),
        access_token=create_access_token(guest.id, secret=runtime.jwt_secret, ttl_s=ttl_s),
        expires_in=ttl_s,
        user=UserPublic.model_validate(guest),
    )


@router.get("/{room_id}", responses=ERRORS)
async def get_room(room_id: uuid.UUID, session: SessionDep, user: RoomUser) -> RoomPublic:
    member_room = await service.get_member_room(session, room_id=room_id, user=user)
    return room_public(member_room, await service.list_members(session, room_id=room_id))


@router.patch("/{room_id}", responses=ERRORS)
async def update_room(
    room_id: uuid.UUID, body: RoomUpdate, session: SessionDep, user: CurrentUser
) -> RoomPublic:
    """Change the room's settings: `accounts_required` (owner and interviewers),
    `candidate_replay` (owner)."""
    member_room = await service.update_settings(
        session,
        room_id=room_id,
        actor=user,
        accounts_required=body.accounts_required,
        candidate_replay=body.candidate_replay,
    )
    return room_public(member_room, await service.list_members(session, room_id=room_id))


@router.delete("/{room_id}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def delete_room(
    room_id: uuid.UUID, session: SessionDep, runtime: RuntimeDep, user: CurrentUser
) -> Response:
    await service.delete_room(session, room_id=room_id, actor=user)
    await rights_changed(session, runtime, room_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{room_id}/invites", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def create_invite(
    room_id: uuid.UUID,
    body: InviteCreate,
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    user: CurrentUser,
) -> InviteCreated:
    invite, token = await service.create_invite(
        session,
        room_id=room_id,
        actor=user,
        data=body,
        secret=runtime.jwt_secret,
        default_ttl_s=runtime.settings.invite_default_ttl_s,
    )
    return InviteCreated(
        **_invite_fields(invite), token=token, url=invite_url(runtime, request, token)
    )


@router.get("/{room_id}/invites", responses=ERRORS)
async def list_invites(
    room_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> list[InvitePublic]:
    invites = await service.list_invites(session, room_id=room_id, actor=user)
    return [InvitePublic.model_validate(invite) for invite in invites]


@router.delete(
    "/{room_id}/invites/{invite_id}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS
)
async def revoke_invite(
    room_id: uuid.UUID, invite_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> Response:
    await service.revoke_invite(session, room_id=room_id, invite_id=invite_id, actor=user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.patch("/{room_id}/members/{user_id}", responses=ERRORS)
async def change_role(
    room_id: uuid.UUID,
    user_id: uuid.UUID,
    body: RoleChange,
    session: SessionDep,
    runtime: RuntimeDep,
    user: CurrentUser,
) -> MemberPublic:
    member = await service.change_role(
        session, room_id=room_id, user_id=user_id, role=body.role, actor=user
    )
    await rights_changed(session, runtime, room_id)
    return member_public(member)


@router.delete(
    "/{room_id}/members/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS
)
async def remove_member(
    room_id: uuid.UUID,
    user_id: uuid.UUID,
    session: SessionDep,
    runtime: RuntimeDep,
    user: CurrentUser,
) -> Response:
    await service.remove_member(session, room_id=room_id, user_id=user_id, actor=user)
    await rights_changed(session, runtime, room_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{room_id}/language", responses=responses(401, 403, 404, 409, 422))
async def change_language(
    room_id: uuid.UUID, body: LanguageChange, live: LiveRoomsDep, user: RoomUser
) -> RoomPublic:
    """Show the room's code in another language. The code of the language shown now is kept
    and comes back when the room switches back; a language shown for the first time starts
    with the problem's starter code (in a room without a problem, a short template). Members
    who may edit only (403 otherwise); 422 for a language the server does not define."""
    member_room, _switch = await live.languages.switch(
        room_id=room_id, user=user, language=body.language
    )
    return room_public(member_room)


@router.post("/{room_id}/end", responses=ERRORS)
async def end_session(
    room_id: uuid.UUID, session: SessionDep, runtime: RuntimeDep, user: CurrentUser
) -> RoomPublic:
    member_room = await service.end_session(session, room_id=room_id, actor=user)
    await rights_changed(session, runtime, room_id)
    return room_public(member_room, await service.list_members(session, room_id=room_id))


@router.post("/{room_id}/reopen", responses=ERRORS)
async def reopen_session(
    room_id: uuid.UUID, session: SessionDep, runtime: RuntimeDep, user: CurrentUser
) -> RoomPublic:
    member_room = await service.reopen_session(session, room_id=room_id, actor=user)
    await rights_changed(session, runtime, room_id)
    return room_public(member_room, await service.list_members(session, room_id=room_id))


def _invite_fields(invite: Invite) -> dict[str, object]:
    return InvitePublic.model_validate(invite).model_dump()
