"""The Alembic migrations and the models agree, on every backend, and migrate both ways."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from codecollab import migrate
from codecollab.db import create_engine
from codecollab.models import Base


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def _run(database_url: str, function):  # type: ignore[no-untyped-def]
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(function)
    finally:
        await engine.dispose()


async def test_migrated_schema_matches_the_models(database_url: str) -> None:
    assert await _run(database_url, _differences) == []


async def test_migrations_downgrade_to_empty_and_upgrade_again(database_url: str) -> None:
    await asyncio.to_thread(migrate.downgrade, database_url, "base")
    assert await _run(database_url, _tables) <= {"alembic_version"}
    await asyncio.to_thread(migrate.upgrade, database_url)
    assert {table.name for table in Base.metadata.sorted_tables} <= await _run(
        database_url, _tables
    )
