"""Shared fixtures: a migrated database per backend, an app with its lifespan, an API client.

The database tests run on SQLite, PostgreSQL and MariaDB: the `database_url` fixture is
parametrised over the three; PostgreSQL and MariaDB come from CODECOLLAB_TEST_POSTGRES_URL and
CODECOLLAB_TEST_MYSQL_URL (CI always sets both) and skip with the reason when unset. Each test
session gets its own freshly created database on each server; each test starts from empty tables.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, text
from sqlalchemy.engine import make_url

from codecollab import migrate
from codecollab.app import create_app
from codecollab.config import Settings
from codecollab.db import create_engine
from codecollab.models import Base
from codecollab.web.services import Services, TimelineServices

BACKEND_ENV = {
    "postgresql": "CODECOLLAB_TEST_POSTGRES_URL",
    "mysql": "CODECOLLAB_TEST_MYSQL_URL",
}
TEST_SECRET = "test-secret-" + "x" * 40
TEST_PASSWORD = "correct horse battery staple"
"""Strong enough for the password policy (length, not a common password)."""
TEST_SIGNUP_RATE_LIMIT = "10000/minute"
"""Tests sign up many accounts from one address; the sign-up limit has tests of its own."""


def _server_url(backend: str) -> str:
    variable = BACKEND_ENV[backend]
    url = os.environ.get(variable)
    if not url:
        pytest.skip(f"{variable} is not set: no {backend} server to test against")
    return url


async def admin_execute(server_url: str, statement: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def checkpoint_every(app: FastAPI, every: int) -> None:
    """Give the app's timeline routes fresh services that checkpoint every `every` events (the
    writer copied, so it shares the app's per-room locks with the recorder's)."""
    services: Services = app.state.services
    checkpoints = dataclasses.replace(services.timeline.checkpoints, every=every)
    app.state.services = dataclasses.replace(services, timeline=TimelineServices(checkpoints))


def create_database(server_url: str) -> str:
    name = f"cc_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(admin_execute(server_url, f"CREATE DATABASE {name}"))
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    name = make_url(url).database
    # A server process a test killed may still hold a connection for a moment.
    force = " WITH (FORCE)" if make_url(url).get_backend_name() == "postgresql" else ""
    asyncio.run(admin_execute(server_url, f"DROP DATABASE IF EXISTS {name}{force}"))


@pytest.fixture(scope="session", params=["sqlite", "postgresql", "mysql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated, empty database on each backend, shared by the session's tests."""
    backend: str = request.param
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        migrate.upgrade(url)
        yield url
        return
    server_url = _server_url(backend)
    url = create_database(server_url)
    try:
        migrate.upgrade(url)
        yield url
    finally:
        drop_database(server_url, url)


async def _empty_tables(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                await connection.execute(delete(table))
    finally:
        await engine.dispose()


def make_settings(database_url: str, data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "data_dir": data_dir,
        "jwt_secret": TEST_SECRET,
        "argon2_time_cost": 1,
        "argon2_memory_cost_kib": 1024,
        # The docker backend has its own tests; app tests must not start a container pool each.
        "sandbox_backend": "bwrap",
        # The event-log process has its own tests; app tests must not start a process each.
        "collab_event_log_writer": "thread",
        "signup_rate_limit": TEST_SIGNUP_RATE_LIMIT,
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings_factory(database_url: str, tmp_path: Path) -> Callable[..., Settings]:
    def factory(**overrides: Any) -> Settings:
        return make_settings(database_url, tmp_path / "data", **overrides)

    return factory


@pytest.fixture
async def app(
    database_url: str, settings_factory: Callable[..., Settings]
) -> AsyncIterator[FastAPI]:
    """The application with its lifespan running, on empty tables."""
    await _empty_tables(database_url)
    application = create_app(settings_factory())
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


class Api:
    """Small helpers over the HTTP API, so tests read as the user's steps."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self._count = 0

    async def signup(self, name: str = "", password: str = TEST_PASSWORD) -> dict[str, Any]:
        self._count += 1
        name = name or f"user{self._count}"
        response = await self.http.post(
            "/api/auth/signup",
            json={
                "email": f"{name}@example.com",
                "password": password,
                "display_name": name.title(),
            },
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    @staticmethod
    def auth(account: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": f"Bearer {account['access_token']}"}

    async def create_room(
        self, owner: dict[str, Any], title: str = "Interview", *, starter: str = "empty"
    ) -> dict[str, Any]:
        """A room without a problem; empty unless `starter="template"` (the API's default)."""
        response = await self.http.post(
            "/api/rooms", json={"title": title, "starter": starter}, headers=self.auth(owner)
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    async def invite(
        self, inviter: dict[str, Any], room_id: str, role: str, **extra: Any
    ) -> dict[str, Any]:
        response = await self.http.post(
            f"/api/rooms/{room_id}/invites",
            json={"role": role, **extra},
            headers=self.auth(inviter),
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    async def join(self, account: dict[str, Any], token: str) -> httpx.Response:
        return await self.http.post(
            "/api/rooms/join", json={"invite_token": token}, headers=self.auth(account)
        )

    async def member_of(self, inviter: dict[str, Any], room_id: str, role: str) -> dict[str, Any]:
        """A new account that joined the room with `role`."""
        account = await self.signup()
        invite = await self.invite(inviter, room_id, role)
        response = await self.join(account, invite["token"])
        assert response.status_code == 200, response.text
        return account


@pytest.fixture
def api(client: httpx.AsyncClient) -> Api:
    return Api(client)


AsyncCallable = Callable[..., Awaitable[Any]]
