"""Attacks on accounts: locking a victim out, guessing, weak passwords, sign-up floods, readable
database files, and the problem importer parsing a non-admin's upload.

Client addresses are chosen per HTTP client (the ASGI `client` of each request), so "the
attacker" and "the owner" are two real addresses as the server sees them.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import stat
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from codecollab import migrate
from codecollab.auth.ratelimit import LoginLimiter, SignupLimiter
from codecollab.config import Settings
from codecollab.runtime import Runtime
from tests.conftest import TEST_PASSWORD, Api
from tests.problems.conftest import make_admin

ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"
OWNER_EMAIL = "owner@example.com"


def client_at(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def attacker(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_at(app, ATTACKER) as http:
        yield http


@pytest.fixture
async def owner(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_at(app, OWNER) as http:
        yield http


def use_limits(app: FastAPI, settings: Settings) -> None:
    """Give the running app limiters made from `settings` (the limits under test)."""
    runtime: Runtime = app.state.services.runtime
    runtime.login_limiter = LoginLimiter.from_settings(settings)
    runtime.signup_limiter = SignupLimiter.from_settings(settings)


async def login(http: httpx.AsyncClient, password: str) -> httpx.Response:
    return await http.post("/api/auth/login", json={"email": OWNER_EMAIL, "password": password})


# --- login limiting -------------------------------------------------------------------------


async def test_an_attackers_failures_do_not_stop_the_owner_logging_in_from_elsewhere(
    api: Api, attacker: httpx.AsyncClient, owner: httpx.AsyncClient
) -> None:
    await api.signup("owner")
    statuses = [(await login(attacker, "wrong guess number")).status_code for _ in range(30)]
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}
    response = await login(owner, TEST_PASSWORD)
    assert response.status_code == 200, response.text


async def test_the_attackers_address_is_refused_even_with_the_right_password(
    api: Api, attacker: httpx.AsyncClient
) -> None:
    await api.signup("owner")
    for _ in range(5):
        await login(attacker, "wrong guess number")
    response = await login(attacker, TEST_PASSWORD)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


async def test_guessing_many_accounts_from_one_address_is_limited(
    api: Api, attacker: httpx.AsyncClient, owner: httpx.AsyncClient
) -> None:
    await api.signup("owner")
    for attempt in range(20):
        await attacker.post(
            "/api/auth/login",
            json={"email": f"guess{attempt}@example.com", "password": "wrong guess number"},
        )
    assert (await login(attacker, TEST_PASSWORD)).status_code == 429
    assert (await login(owner, TEST_PASSWORD)).status_code == 200


async def test_each_failure_past_the_allowance_waits_longer(
    app: FastAPI,
    api: Api,
    attacker: httpx.AsyncClient,
    settings_factory: Callable[..., Settings],
) -> None:
    use_limits(app, settings_factory(login_failures_per_account_address=1, login_backoff_base_s=2))
    await api.signup("owner")
    assert (await login(attacker, "wrong guess number")).status_code == 401
    first = await login(attacker, "wrong guess number")
    assert first.status_code == 429
    await asyncio.sleep(int(first.headers["Retry-After"]))  # Retry-After is rounded up
    assert (await login(attacker, "wrong guess number")).status_code == 401
    second = await login(attacker, "wrong guess number")
    assert second.status_code == 429
    assert int(second.headers["Retry-After"]) > int(first.headers["Retry-After"])


async def test_a_successful_login_forgets_the_pairs_failures(
    api: Api, owner: httpx.AsyncClient
) -> None:
    await api.signup("owner")
    for _ in range(4):
        await login(owner, "my typo password")
    assert (await login(owner, TEST_PASSWORD)).status_code == 200
    for _ in range(4):
        await login(owner, "my typo password")
    assert (await login(owner, TEST_PASSWORD)).status_code == 200


# --- passwords ------------------------------------------------------------------------------

WEAK_PASSWORDS = {
    "common": "password123",
    "common, padded with spaces": "password        ",
    "common, another case": "QwertyUiop",
    "short": "k7#Lq2!x9",
    "only spaces": " " * 12,
    "only tabs and newlines": "\t\n\t\n\t\n\t\n\t\n",
    "the e-mail address": "plum.tractor.ann@example.com",
    "the e-mail's name": "Plum.Tractor.Ann",
}


@pytest.mark.parametrize("password", list(WEAK_PASSWORDS.values()), ids=list(WEAK_PASSWORDS))
async def test_a_weak_password_is_refused_at_sign_up(api: Api, password: str) -> None:
    response = await api.http.post(
        "/api/auth/signup",
        json={"email": "plum.tractor.ann@example.com", "password": password, "display_name": "A"},
    )
    assert response.status_code == 422, response.text
    assert "password" in response.text


async def test_a_long_uncommon_password_is_accepted(api: Api) -> None:
    account = await api.signup("ann", password="plum tractor weather 91")
    assert account["user"]["role"] == "member"


# --- sign-ups -------------------------------------------------------------------------------


async def test_a_sign_up_flood_from_one_address_gets_429(
    app: FastAPI,
    attacker: httpx.AsyncClient,
    owner: httpx.AsyncClient,
    settings_factory: Callable[..., Settings],
) -> None:
    use_limits(app, settings_factory(signup_rate_limit="3/hour"))

    async def sign_up(http: httpx.AsyncClient, name: str) -> httpx.Response:
        body = {"email": f"{name}@example.com", "password": TEST_PASSWORD, "display_name": name}
        return await http.post("/api/auth/signup", json=body)

    statuses = [(await sign_up(attacker, f"bot{number}")).status_code for number in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    refused = await sign_up(attacker, "bot9")
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert (await sign_up(owner, "ann")).status_code == 201


# --- files ----------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def start(settings: Settings) -> None:
    """What `codecollab serve` does to the data directory: migrate, then the runtime starts."""
    await asyncio.to_thread(migrate.upgrade, settings.database_url)
    runtime = Runtime.from_settings(settings)
    await runtime.close()


def dev_settings(data_dir: Path) -> Settings:
    """Development mode: the signing secret is generated and kept in the data directory."""
    return Settings(
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'codecollab.db'}",
        jwt_secret="",
        _env_file=None,  # type: ignore[call-arg]
    )


async def test_a_new_data_directory_is_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    await start(dev_settings(data_dir))
    database = data_dir / "codecollab.db"
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "jwt_secret") == 0o600
    assert mode(database) == 0o600
    companions = [data_dir / "codecollab.db-wal", data_dir / "codecollab.db-shm"]
    assert all(mode(path) == 0o600 for path in companions if path.exists())


async def test_an_existing_readable_installation_is_made_private_at_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    await start(dev_settings(data_dir))
    names = ("codecollab.db", "codecollab.db-wal", "codecollab.db-shm", "jwt_secret")
    files = [data_dir / name for name in names]
    # A connection left open keeps the -wal and -shm files as a running older server would.
    with contextlib.closing(sqlite3.connect(files[0])) as older_server:
        older_server.execute("PRAGMA journal_mode=WAL")
        older_server.execute("CREATE TABLE kept_open (x)")
        data_dir.chmod(0o755)
        for path in files:
            path.chmod(0o644)
        await start(dev_settings(data_dir))
        assert mode(data_dir) == 0o700
        assert [mode(path) for path in files] == [0o600] * 4


# --- admin endpoints authorise before reading the body --------------------------------------


async def _endless_yaml() -> AsyncIterator[bytes]:
    for _ in range(64):
        yield b"slug: [" * 8192  # invalid YAML, and far past the body limit


async def test_a_members_invalid_problem_upload_gets_403_unparsed(api: Api) -> None:
    member = await api.signup("ann")
    response = await api.http.post(
        "/api/problems/import",
        content=b"{{{ not: [yaml",
        headers={**api.auth(member), "Content-Type": "application/yaml"},
    )
    assert response.status_code == 403


async def test_a_members_huge_streamed_upload_gets_403_without_being_read(api: Api) -> None:
    member = await api.signup("ann")
    response = await api.http.post(
        "/api/problems/import",
        content=_endless_yaml(),
        headers={**api.auth(member), "Content-Type": "application/yaml"},
    )
    assert response.status_code == 403


async def test_an_admins_invalid_upload_is_parsed_and_refused_with_422(
    api: Api, app: FastAPI
) -> None:
    admin = await api.signup("admin")
    await make_admin(app, admin)
    response = await api.http.post(
        "/api/problems/import",
        content=b"{{{ not: [yaml",
        headers={**api.auth(admin), "Content-Type": "application/yaml"},
    )
    assert response.status_code == 422
