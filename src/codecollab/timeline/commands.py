"""`codecollab import FILE --owner EMAIL`: restore an exported session as a new room."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import func, select

from codecollab.config import Settings
from codecollab.db import create_engine, create_sessionmaker
from codecollab.timeline.export import InvalidExport, import_session
from codecollab.users.models import User


async def import_command(settings: Settings, *, path: Path, owner_email: str) -> int:
    try:
        with path.open(encoding="utf-8") as file:
            lines = file.readlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"codecollab: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            owner = await session.scalar(
                select(User).where(func.lower(User.email) == owner_email.lower())
            )
            if owner is None:
                print(f"codecollab: no user with the email {owner_email}", file=sys.stderr)
                return 2
            room = await import_session(session, lines=lines, owner=owner)
    except InvalidExport as exc:
        print(f"codecollab: {path} is not a session export: {exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(f"codecollab: imported {path} as room {room.id} ({room.last_event_seq} events)")
    return 0
