"""Users: creation, lookup by normalised e-mail, and instance roles."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.errors import Conflict, NotFound
from codecollab.users.models import User
from codecollab.users.roles import InstanceRole

USER_NOT_FOUND = "user not found"


class EmailTaken(Exception):
    pass


def normalize_email(email: str) -> str:
    """E-mail addresses are unique case-insensitively: store and compare them lower-cased."""
    return email.strip().lower()


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    result = await session.execute(select(User).where(User.email == normalize_email(email)))
    return result.scalar_one_or_none()


async def create_user(
    session: AsyncSession,
    *,
    email: str,
    display_name: str,
    password_hash: str,
    role: InstanceRole = InstanceRole.MEMBER,
) -> User:
    """Create and commit a user; raises EmailTaken if the address is already registered."""
    user = User(
        email=normalize_email(email),
        display_name=display_name,
        password_hash=password_hash,
        role=role.value,
    )
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise EmailTaken(email) from exc
    return user


async def list_users(session: AsyncSession) -> list[User]:
    return list(await session.scalars(select(User).order_by(User.created_at, User.email)))


async def set_role(
    session: AsyncSession, *, user_id: uuid.UUID, role: InstanceRole, actor: User
) -> User:
    """Change an account's instance role (the caller checked that the actor is an admin).

    Admins cannot change their own role, so an instance always keeps the admin who acts."""
    if user_id == actor.id:
        raise Conflict("admins cannot change their own role")
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound(USER_NOT_FOUND)
    if user.is_guest:
        raise Conflict("a guest has no instance role: they can use one room only")
    user.role = role.value
    await session.commit()
    return user


async def set_role_by_email(session: AsyncSession, *, email: str, role: InstanceRole) -> User:
    """The command line's promote: any account, by e-mail."""
    user = await get_user_by_email(session, email)
    if user is None:
        raise NotFound(USER_NOT_FOUND)
    user.role = role.value
    await session.commit()
    return user
