"""API keys: an account's long-lived credentials for the Judge0-compatible API.

A key is ``cck_`` and 32 random bytes (URL-safe base64): shown once, when it is made; only its
SHA-256 is stored. Keys are high-entropy, so a fast hash is right (nothing to brute-force) and
a lookup by hash is one indexed query. A key acts as its account: the same rate limits apply.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.auth.models import ApiKey
from codecollab.db import utcnow
from codecollab.errors import Conflict, NotFound
from codecollab.users.models import User

KEY_PREFIX = "cck_"
SHOWN_PREFIX_CHARS = 12
"""How much of a key its listing shows, for recognition (``cck_`` and 8 random characters)."""
MAX_KEY_CHARS = 128
"""Longer X-Auth-Token values are refused before any hashing or lookup."""
LAST_USED_RESOLUTION = timedelta(minutes=1)
"""``last_used_at`` is written at most this often per key: a busy key costs no write a request."""


@dataclass(frozen=True, slots=True)
class NewApiKey:
    key: ApiKey
    secret: str
    """The key itself: shown once, never stored."""


def hash_api_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def create_api_key(
    session: AsyncSession, *, user: User, name: str, max_keys: int
) -> NewApiKey:
    """A new key for ``user`` (Conflict when the account already has ``max_keys``)."""
    count = await session.scalar(
        select(func.count()).select_from(ApiKey).where(ApiKey.user_id == user.id)
    )
    if (count or 0) >= max_keys:
        raise Conflict(f"an account has at most {max_keys} API keys; revoke one first")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        user_id=user.id,
        name=name,
        prefix=secret[:SHOWN_PREFIX_CHARS],
        key_hash=hash_api_key(secret),
    )
    session.add(key)
    await session.commit()
    return NewApiKey(key=key, secret=secret)


async def list_api_keys(session: AsyncSession, *, user: User) -> list[ApiKey]:
    rows = await session.scalars(
        select(ApiKey).where(ApiKey.user_id == user.id).order_by(ApiKey.created_at, ApiKey.id)
    )
    return list(rows)


async def revoke_api_key(session: AsyncSession, *, user: User, key_id: uuid.UUID) -> None:
    """Delete one of the caller's keys; another account's key is NotFound, like a missing one."""
    key = await session.get(ApiKey, key_id)
    if key is None or key.user_id != user.id:
        raise NotFound("API key not found")
    await session.delete(key)
    await session.commit()


async def user_for_api_key(session: AsyncSession, *, secret: str) -> tuple[User, ApiKey] | None:
    """The account a key belongs to and the key, or None for an unknown or malformed key.
    Records when the key was last used (at most once a minute)."""
    if not secret.startswith(KEY_PREFIX) or len(secret) > MAX_KEY_CHARS:
        return None
    key = await session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_api_key(secret)))
    if key is None:
        return None
    user = await session.get(User, key.user_id)
    if user is None or user.is_guest:
        return None
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        key.last_used_at = now
        await session.commit()
    return user, key
