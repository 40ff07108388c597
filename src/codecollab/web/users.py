"""The admin API for accounts: list them and set their instance role (admins only)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from codecollab.errors import responses
from codecollab.users import service
from codecollab.users.schemas import UserPublic, UserRoleUpdate
from codecollab.web.deps import AdminUser, SessionDep

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
