"""Accounts: sign-up, login, refresh-token rotation with reuse detection, logout."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab import metrics
from codecollab.auth.models import RefreshToken
from codecollab.auth.passwords import PasswordService
from codecollab.auth.ratelimit import LoginLimiter, SignupLimiter
from codecollab.auth.tokens import create_access_token, hash_refresh_token, new_refresh_token
from codecollab.config import Settings
from codecollab.db import utcnow
from codecollab.users.models import User
from codecollab.users.service import create_user, get_user_by_email, normalize_email


class AuthContext(Protocol):
    """What accounts need of the running server (`runtime.Runtime` is one): its settings, the
    signing secret, the password hasher and the limiters."""

    @property
    def settings(self) -> Settings: ...

    @property
    def jwt_secret(self) -> str: ...

    @property
    def passwords(self) -> PasswordService: ...

    @property
    def login_limiter(self) -> LoginLimiter: ...

    @property
    def signup_limiter(self) -> SignupLimiter: ...


class InvalidCredentials(Exception):
    """Login failed; deliberately says nothing about which part was wrong."""


class RateLimited(Exception):
    def __init__(self, what: str, retry_after_s: int) -> None:
        super().__init__(f"{what}; retry in {retry_after_s} s")
        self.retry_after_s = retry_after_s


class InvalidRefreshToken(Exception):
    pass


@dataclass(frozen=True)
class IssuedTokens:
    user: User
    access_token: str
    refresh_token: str
    expires_in: int


async def signup(
    session: AsyncSession,
    runtime: AuthContext,
    *,
    email: str,
    password: str,
    display_name: str,
    address: str,
) -> IssuedTokens:
    """A new member account (the password policy was checked by the request's schema)."""
    retry_after = await runtime.signup_limiter.take(address=address)
    if retry_after is not None:
        raise RateLimited("too many sign-ups from this address", retry_after)
    password_hash = await runtime.passwords.hash(password)
    user = await create_user(
        session, email=email, display_name=display_name, password_hash=password_hash
    )
    return await _start_session(session, runtime, user=user, family_id=uuid.uuid4())


async def login(
    session: AsyncSession, runtime: AuthContext, *, email: str, password: str, address: str
) -> IssuedTokens:
    account = normalize_email(email)
    retry_after = await runtime.login_limiter.retry_after(account=account, address=address)
    if retry_after is not None:
        metrics.LOGIN_FAILURES.labels("rate_limited").inc()
        raise RateLimited("too many failed logins", retry_after)
    user = await get_user_by_email(session, account)
    verification = await runtime.passwords.verify(user.password_hash if user else None, password)
    if user is None or not verification.valid:
        await runtime.login_limiter.record_failure(account=account, address=address)
        metrics.LOGIN_FAILURES.labels("invalid_credentials").inc()
        raise InvalidCredentials
    await runtime.login_limiter.record_success(account=account, address=address)
    if verification.new_hash is not None:
        user.password_hash = verification.new_hash
    return await _start_session(session, runtime, user=user, family_id=uuid.uuid4())


async def refresh(
    session: AsyncSession, runtime: AuthContext, *, refresh_token: str
) -> IssuedTokens:
    """Rotate a refresh token. Presenting a spent one revokes its whole family (theft signal)."""
    token = await _find_refresh_token(session, refresh_token)
    now = utcnow()
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        raise InvalidRefreshToken("invalid refresh token")
    if token.used_at is not None:
        await _revoke_family(session, token.family_id)
        await session.commit()
        raise InvalidRefreshToken("refresh token already used; its session has been revoked")
    token.used_at = now
    user = await session.get(User, token.user_id)
    if user is None:
        raise InvalidRefreshToken("invalid refresh token")
    return await _start_session(session, runtime, user=user, family_id=token.family_id)


async def logout(session: AsyncSession, *, refresh_token: str) -> None:
    """Revoke the session the refresh token belongs to; unknown tokens are ignored."""
    token = await _find_refresh_token(session, refresh_token)
    if token is not None:
        await _revoke_family(session, token.family_id)
        await session.commit()


async def _find_refresh_token(session: AsyncSession, raw: str) -> RefreshToken | None:
    result = await session.execute(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(raw))
    )
    return result.scalar_one_or_none()


async def _revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def _start_session(
    session: AsyncSession, runtime: AuthContext, *, user: User, family_id: uuid.UUID
) -> IssuedTokens:
    settings = runtime.settings
    raw = new_refresh_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=hash_refresh_token(raw),
            expires_at=utcnow() + timedelta(seconds=settings.refresh_token_ttl_s),
        )
    )
    await session.commit()
    access = create_access_token(
        user.id, secret=runtime.jwt_secret, ttl_s=settings.access_token_ttl_s
    )
    return IssuedTokens(
        user=user, access_token=access, refresh_token=raw, expires_in=settings.access_token_ttl_s
    )
