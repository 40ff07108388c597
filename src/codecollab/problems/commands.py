"""`codecollab seed`: load the problem bank into the database."""

from __future__ import annotations

import sys

from codecollab.config import Settings
from codecollab.db import create_engine, create_sessionmaker
from codecollab.problems.files import ProblemFileError
from codecollab.problems.service import UpsertOutcome, seed_bank


async def seed_command(settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            report = await seed_bank(session, directory=settings.problems_dir)
    except ProblemFileError as exc:
        print(f"codecollab: the problem bank is invalid:\n{exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    counts = ", ".join(f"{report.count(outcome)} {outcome}" for outcome in UpsertOutcome)
    print(f"codecollab: problem bank loaded from {settings.problems_dir}: {counts}")
    return 0
