"""FastAPI dependencies shared by the views: the runtime, a database session, the current user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.auth.tokens import InvalidToken, decode_access_token
from codecollab.execution.service import ExecutionService
from codecollab.flows.live_rooms import LiveRooms
from codecollab.runtime import Runtime
from codecollab.users import roles
from codecollab.users.models import User
from codecollab.web.services import Services, services_of

bearer = HTTPBearer(auto_error=False)


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


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"}
    )


async def get_current_user(
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    """The authenticated user, loaded in a session of its own that is closed at once.

    A request's own session (SessionDep) starts its transaction only when the view first uses
    it; on SQLite a transaction holds the write lock, so authentication must not keep one open
    through a long request such as a code run.
    """
    if credentials is None:
        raise _unauthorized("not authenticated")
    try:
        user_id = decode_access_token(credentials.credentials, secret=runtime.jwt_secret)
    except InvalidToken as exc:
        raise _unauthorized(str(exc)) from exc
    async with runtime.sessionmaker() as session:
        user = await session.get(User, user_id)
    if user is None:
        raise _unauthorized("invalid token")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


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
