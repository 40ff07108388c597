"""Users: creation and lookup by normalised e-mail."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.users.models import User


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
    is_admin: bool = False,
) -> User:
    """Create and commit a user; raises EmailTaken if the address is already registered."""
    user = User(
        email=normalize_email(email),
        display_name=display_name,
        password_hash=password_hash,
        is_admin=is_admin,
    )
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise EmailTaken(email) from exc
    return user
