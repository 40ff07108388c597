"""The Alembic migrations and the models agree, on every backend, and migrate both ways."""

from __future__ import annotations

import asyncio
import uuid

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from codecollab import migrate
from codecollab.db import UTCDateTime, create_engine, utcnow
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


OLD_USERS = sa.table(
    "users",
    sa.column("id", sa.Uuid()),
    sa.column("email", sa.String()),
    sa.column("display_name", sa.String()),
    sa.column("password_hash", sa.String()),
    sa.column("is_admin", sa.Boolean()),
    sa.column("created_at", UTCDateTime()),
)


def _insert_flagged_users(connection: Connection) -> None:
    _delete_users(connection)
    connection.execute(
        sa.insert(OLD_USERS),
        [
            {
                "id": uuid.uuid4(),
                "email": f"{name}@example.com",
                "display_name": name,
                "password_hash": "x",
                "is_admin": is_admin,
                "created_at": utcnow(),
            }
            for name, is_admin in (("root", True), ("ann", False))
        ],
    )
    connection.commit()


def _roles(connection: Connection) -> dict[str, str]:
    rows = connection.execute(sa.text("SELECT email, role FROM users"))
    return {str(row.email): str(row.role) for row in rows}


async def test_the_admin_flag_becomes_the_admin_role(database_url: str) -> None:
    await asyncio.to_thread(migrate.downgrade, database_url, "0200_timeline")
    try:
        await _run(database_url, _insert_flagged_users)
    finally:
        await asyncio.to_thread(migrate.upgrade, database_url)
    assert await _run(database_url, _roles) == {
        "root@example.com": "admin",
        "ann@example.com": "member",
    }
    await _run(database_url, _delete_users)


def _delete_users(connection: Connection) -> None:
    connection.execute(sa.text("DELETE FROM users"))
    connection.commit()
