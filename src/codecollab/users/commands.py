"""User management for the command line."""

from __future__ import annotations

import sys

from email_validator import EmailNotValidError, validate_email

from codecollab.auth.passwords import PasswordService
from codecollab.config import Settings
from codecollab.db import create_engine, create_sessionmaker
from codecollab.users.service import EmailTaken, create_user


async def create_user_command(
    settings: Settings, *, email: str, display_name: str, password: str, admin: bool
) -> int:
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        print(f"codecollab: invalid e-mail: {exc}", file=sys.stderr)
        return 2
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            password_hash = await PasswordService.from_settings(settings).hash(password)
            user = await create_user(
                session,
                email=email,
                display_name=display_name,
                password_hash=password_hash,
                is_admin=admin,
            )
    except EmailTaken:
        print(f"codecollab: an account with e-mail {email} already exists", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(f"codecollab: created {'admin ' if admin else ''}user {user.email} ({user.id})")
    return 0
