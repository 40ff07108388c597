"""FastAPI dependencies shared by the views: the runtime, a database session, the current user."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.auth.api_keys import user_for_api_key
from codecollab.auth.models import ApiKey
from codecollab.auth.tokens import InvalidToken, decode_access_token
from codecollab.execution.service import ExecutionService
from codecollab.flows.live_rooms import LiveRooms
from codecollab.judge0.errors import Judge0Error
from codecollab.judge0.service import Judge0Service
from codecollab.runtime import Runtime
from codecollab.users import roles
from codecollab.users.models import User
from codecollab.web.services import Services, services_of

bearer = HTTPBearer(auto_error=False)
auth_token = APIKeyHeader(name="X-Auth-Token", auto_error=False)


def get_services(request: Request) -> Services:
    """The app's services (`web/services.py`): the one place routes get them from."""
    return services_of(request.app)


ServicesDep = Annotated[Services, Depends(get_services)]


def get_runtime(services: ServicesDep) -> Runtime:
    return services.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_session(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    async with runtime.sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


def get_live_rooms(services: ServicesDep) -> LiveRooms:
    return services.live


LiveRoomsDep = Annotated[LiveRooms, Depends(get_live_rooms)]


def get_execution(services: ServicesDep) -> ExecutionService:
    return services.execution


ExecutionDep = Annotated[ExecutionService, Depends(get_execution)]


def get_judge0(services: ServicesDep) -> Judge0Service:
    return services.judge0


Judge0Dep = Annotated[Judge0Service, Depends(get_judge0)]


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"}
    )


async def get_any_user(
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    """The authenticated user, an account or a guest, loaded in a session of its own that is
    closed at once. Routes use `CurrentUser` (accounts) or `RoomUser` (a guest's own room)."""
    if credentials is None:
        raise _unauthorized("not authenticated")
    return await _load_user(runtime, credentials.credentials)


AnyUser = Annotated[User, Depends(get_any_user)]


async def get_optional_user(
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User | None:
    """The authenticated user when `Authorization` is sent (a bad token is still a 401), else
    None: for the one route open to both, joining a room."""
    if credentials is None:
        return None
    return await _load_user(runtime, credentials.credentials)


OptionalUser = Annotated[User | None, Depends(get_optional_user)]


async def _load_user(runtime: Runtime, token: str) -> User:
    """The user a valid access token names.

    A request's own session (SessionDep) starts its transaction only when the view first uses
    it; on SQLite a transaction holds the write lock, so authentication must not keep one open
    through a long request such as a code run.
    """
    try:
        user_id = decode_access_token(token, secret=runtime.jwt_secret)
    except InvalidToken as exc:
        raise _unauthorized(str(exc)) from exc
    async with runtime.sessionmaker() as session:
        user = await session.get(User, user_id)
    if user is None:
        raise _unauthorized("invalid token")
    return user


GUEST_REFUSED = "guests can only use the room they joined"


async def get_current_user(user: AnyUser) -> User:
    """The authenticated account; a guest's token is refused (403) everywhere but in their
    room's routes (`RoomUser`)."""
    if user.is_guest:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=GUEST_REFUSED)
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_room_user(room_id: uuid.UUID, user: AnyUser) -> User:
    """The authenticated user for a route of room `room_id`: any account (the room's own
    rules decide next), or a guest of that room. Another room is a 404 for a guest, as for
    any non-member."""
    if user.is_guest and user.guest_room_id != room_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="room not found")
    return user


RoomUser = Annotated[User, Depends(get_room_user)]


async def get_admin_user(user: CurrentUser) -> User:
    """The authenticated user if an admin (else 403). A dependency, so it runs before a view
    reads or parses its body: a non-admin's upload is never looked at."""
    if not roles.is_admin(user.role):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="only admins can do this")
    return user


AdminUser = Annotated[User, Depends(get_admin_user)]


async def get_problem_author(user: CurrentUser) -> User:
    """The authenticated user if staff or an admin (else 403), checked before the body is used."""
    if not roles.may_author_problems(user.role):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="only staff and admins can do this")
    return user


ProblemAuthor = Annotated[User, Depends(get_problem_author)]


async def get_api_key_user(
    runtime: RuntimeDep, token: Annotated[str | None, Depends(auth_token)]
) -> tuple[User, ApiKey]:
    """The account whose API key ``X-Auth-Token`` carries, and the key (the Judge0 API's
    authentication); no key or a bad one is Judge0's 401."""
    if not token:
        raise Judge0Error(401, {"error": "authentication required: send X-Auth-Token"})
    async with runtime.sessionmaker() as session:
        found = await user_for_api_key(session, secret=token)
    if found is None:
        raise Judge0Error(401, {"error": "authentication failed: bad X-Auth-Token"})
    return found


ApiKeyUser = Annotated[tuple[User, ApiKey], Depends(get_api_key_user)]
