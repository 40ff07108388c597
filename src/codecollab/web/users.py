"""The admin API for accounts: list them, set their instance role, issue password reset links
(admins only)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, status

from codecollab.auth.password_reset import issue_reset_link_for
from codecollab.auth.schemas import ResetLinkPublic
from codecollab.errors import responses
from codecollab.users import service
from codecollab.users.schemas import UserPublic, UserRoleUpdate
from codecollab.web.deps import AdminUser, RuntimeDep, SessionDep

router = APIRouter(prefix="/admin/users", tags=["admin"])


@router.get("", responses=responses(401, 403))
async def list_users(session: SessionDep, _admin: AdminUser) -> list[UserPublic]:
    return [UserPublic.model_validate(user) for user in await service.list_users(session)]


@router.patch("/{user_id}", responses=responses(401, 403, 404, 409, 422))
async def set_role(
    user_id: uuid.UUID, body: UserRoleUpdate, session: SessionDep, admin: AdminUser
) -> UserPublic:
    """Make an account a member, staff or admin; admins cannot change their own role."""
    user = await service.set_role(session, user_id=user_id, role=body.role, actor=admin)
    return UserPublic.model_validate(user)


@router.post(
    "/{user_id}/reset-link",
    status_code=status.HTTP_201_CREATED,
    responses=responses(401, 403, 404),
)
async def create_reset_link(
    user_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    runtime: RuntimeDep,
    _admin: AdminUser,
) -> ResetLinkPublic:
    """A single-use password reset link for the account, to hand to its owner (admins only)."""
    settings = runtime.settings
    link = await issue_reset_link_for(
        session,
        user_id=user_id,
        base_url=settings.public_url or str(request.base_url),
        ttl_s=settings.password_reset_ttl_s,
    )
    return ResetLinkPublic(url=link.url, expires_at=link.expires_at)
