"""Password reset links: issued by an admin (API or command line) or e-mailed on request.

A link holds a random token; only its SHA-256 is stored. It works once, until it expires
(`CODECOLLAB_PASSWORD_RESET_TTL_S`, an hour by default). Setting a new password through it
applies the password policy, marks every reset link of the account used and revokes every
refresh token of the account, so each signed-in session ends when its access token does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.auth.models import PasswordResetToken, RefreshToken
from codecollab.auth.password_policy import WeakPassword, check_password
from codecollab.auth.passwords import PasswordService
from codecollab.auth.ratelimit import PasswordResetLimiter
from codecollab.auth.service import RateLimited
from codecollab.auth.tokens import hash_refresh_token, new_refresh_token
from codecollab.config import Settings
from codecollab.db import utcnow
from codecollab.errors import Conflict, Gone, NotFound, Unprocessable
from codecollab.users.models import User
from codecollab.users.service import USER_NOT_FOUND, get_user_by_email

RESET_PATH = "/reset-password"
NO_EMAIL = "this server does not send e-mail; ask an administrator for a password reset link"
INVALID_LINK = "this password reset link is not valid"


@dataclass(frozen=True)
class ResetLink:
    url: str
    expires_at: datetime


def reset_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{RESET_PATH}?token={token}"


async def issue_reset_link(
    session: AsyncSession, *, user: User, base_url: str, ttl_s: int
) -> ResetLink:
    """A new single-use link for `user`, committed; earlier links stay valid until used or
    expired (whichever link is used first spends them all)."""
    token = new_refresh_token()
    expires_at = utcnow() + timedelta(seconds=ttl_s)
    session.add(
        PasswordResetToken(
            user_id=user.id, token_hash=hash_refresh_token(token), expires_at=expires_at
        )
    )
    await session.commit()
    return ResetLink(url=reset_url(base_url, token), expires_at=expires_at)


async def issue_reset_link_for(
    session: AsyncSession, *, user_id: uuid.UUID, base_url: str, ttl_s: int
) -> ResetLink:
    """The admin API's link for the account `user_id` (NotFound if none; a guest has no
    password to reset, so it is not an account here)."""
    user = await session.get(User, user_id)
    if user is None or user.is_guest:
        raise NotFound(USER_NOT_FOUND)
    return await issue_reset_link(session, user=user, base_url=base_url, ttl_s=ttl_s)


async def issue_reset_link_by_email(
    session: AsyncSession, *, email: str, base_url: str, ttl_s: int
) -> ResetLink | None:
    """A link for the account with `email`, or None when there is no such account."""
    user = await get_user_by_email(session, email)
    if user is None:
        return None
    return await issue_reset_link(session, user=user, base_url=base_url, ttl_s=ttl_s)


async def request_reset_email(
    session: AsyncSession,
    *,
    settings: Settings,
    limiter: PasswordResetLimiter,
    email: str,
    address: str,
) -> tuple[str, ResetLink] | None:
    """The account's address and the link to e-mail to it, or None when nothing is to be sent
    (no such account, or it was sent enough links lately): the requester is answered the same
    either way.
    Conflict when this server does not e-mail links; RateLimited past the per-address limit."""
    if not settings.reset_by_email:
        raise Conflict(NO_EMAIL)
    retry_after = await limiter.take_address(address=address)
    if retry_after is not None:
        raise RateLimited("too many password reset requests", retry_after)
    if not await limiter.take_account(account=email.strip().lower()):
        return None
    user = await get_user_by_email(session, email)
    if user is None or user.email is None:
        return None
    link = await issue_reset_link(
        session, user=user, base_url=settings.public_url, ttl_s=settings.password_reset_ttl_s
    )
    return user.email, link


async def reset_password(
    session: AsyncSession, passwords: PasswordService, *, token: str, password: str
) -> User:
    """Set the password of the link's account and end its sessions. NotFound for an unknown
    link, Gone for a used or expired one, Unprocessable for a password the policy refuses."""
    reset = await session.scalar(
        select(PasswordResetToken).where(PasswordResetToken.token_hash == hash_refresh_token(token))
    )
    if reset is None:
        raise NotFound(INVALID_LINK)
    now = utcnow()
    if reset.used_at is not None:
        raise Gone("this password reset link was already used; ask for a new one")
    if reset.expires_at <= now:
        raise Gone("this password reset link has expired; ask for a new one")
    user = await session.get(User, reset.user_id)
    if user is None:
        raise NotFound(INVALID_LINK)
    try:
        check_password(password, email=user.email)
    except WeakPassword as exc:
        raise Unprocessable(f"password: {exc}") from exc
    user.password_hash = await passwords.hash(password)
    await _spend_links_and_sessions(session, user_id=user.id, now=now)
    await session.commit()
    return user


async def _spend_links_and_sessions(
    session: AsyncSession, *, user_id: uuid.UUID, now: datetime
) -> None:
    await session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user_id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
    )
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
