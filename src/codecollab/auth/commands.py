"""User management for the command line: create accounts, set their instance role, issue
password reset links."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.auth.api_keys import create_api_key
from codecollab.auth.password_policy import WeakPassword, check_password
from codecollab.auth.password_reset import issue_reset_link_by_email
from codecollab.auth.passwords import PasswordService
from codecollab.config import Settings
from codecollab.db import create_engine, create_sessionmaker
from codecollab.errors import Conflict, NotFound
from codecollab.users.roles import InstanceRole
from codecollab.users.service import EmailTaken, create_user, get_user_by_email, set_role_by_email


@asynccontextmanager
async def _session(settings: Settings) -> AsyncIterator[AsyncSession]:
    """A session on an engine of its own, disposed of when the command is done."""
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            yield session
    finally:
        await engine.dispose()


async def create_user_command(
    settings: Settings, *, email: str, display_name: str, password: str, role: InstanceRole
) -> int:
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        print(f"codecollab: invalid e-mail: {exc}", file=sys.stderr)
        return 2
    try:
        check_password(password, email=email)
    except WeakPassword as exc:
        print(f"codecollab: password refused: {exc}", file=sys.stderr)
        return 2
    password_hash = await PasswordService.from_settings(settings).hash(password)
    try:
        async with _session(settings) as session:
            user = await create_user(
                session,
                email=email,
                display_name=display_name,
                password_hash=password_hash,
                role=role,
            )
    except EmailTaken:
        print(f"codecollab: an account with e-mail {email} already exists", file=sys.stderr)
        return 1
    print(f"codecollab: created {role} {user.email} ({user.id})")
    return 0


async def promote_command(settings: Settings, *, email: str, role: InstanceRole) -> int:
    try:
        async with _session(settings) as session:
            user = await set_role_by_email(session, email=email, role=role)
    except NotFound:
        print(f"codecollab: no account with e-mail {email}", file=sys.stderr)
        return 1
    print(f"codecollab: {user.email} is now {role}")
    return 0


DEFAULT_BASE_URL = "http://127.0.0.1:8000"
"""Where `codecollab serve` listens by default: the links' base without CODECOLLAB_PUBLIC_URL."""


async def reset_link_command(settings: Settings, *, email: str) -> int:
    """Print a single-use password reset link for the account (its expiry on stderr)."""
    async with _session(settings) as session:
        link = await issue_reset_link_by_email(
            session,
            email=email,
            base_url=settings.public_url or DEFAULT_BASE_URL,
            ttl_s=settings.password_reset_ttl_s,
        )
    if link is None:
        print(f"codecollab: no account with e-mail {email}", file=sys.stderr)
        return 1
    print(link.url)
    print(
        f"codecollab: the link works once, until {link.expires_at:%Y-%m-%d %H:%M} UTC",
        file=sys.stderr,
    )
    return 0


API_KEY_NAME_CHARS = 100


async def api_key_command(settings: Settings, *, email: str, name: str) -> int:
    """Print a new API key for the account (only the key on stdout, for scripts)."""
    name = name.strip()
    if not name or len(name) > API_KEY_NAME_CHARS or "\x00" in name:
        print(f"codecollab: the name must be 1 to {API_KEY_NAME_CHARS} characters", file=sys.stderr)
        return 2
    try:
        async with _session(settings) as session:
            user = await get_user_by_email(session, email)
            if user is None or user.is_guest:
                print(f"codecollab: no account with e-mail {email}", file=sys.stderr)
                return 1
            created = await create_api_key(
                session, user=user, name=name, max_keys=settings.api_keys_per_account
            )
    except Conflict as exc:
        print(f"codecollab: {exc.detail}", file=sys.stderr)
        return 1
    print(created.secret)
    return 0
