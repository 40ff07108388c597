"""Fuzz the HTTP API with schemathesis from its own /openapi.json: no input may cause a 5xx."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.conftest import create_database, drop_database
from tests.server import ServerProcess, running_server, server_env


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The server on PostgreSQL when one is named (the strictest about what it stores)."""
    data_dir = tmp_path_factory.mktemp("fuzz")
    server_url = os.environ.get("CODECOLLAB_TEST_POSTGRES_URL")
    if not server_url:
        with running_server(data_dir, server_env(data_dir)) as server:
            yield server
        return
    database_url = create_database(server_url)
    try:
        with running_server(data_dir, server_env(data_dir, database_url)) as server:
            yield server
    finally:
        drop_database(server_url, database_url)


@pytest.fixture(scope="module")
def auth_headers(live_server: ServerProcess) -> dict[str, str]:
    """A signed-up user with a room, so authenticated routes are fuzzed past the 401."""
    response = httpx.post(
        f"{live_server.base_url}/api/auth/signup",
        json={"email": "fuzz@example.com", "password": "fuzzing password", "display_name": "Fuzz"},
    )
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    httpx.post(f"{live_server.base_url}/api/rooms", json={"title": "fuzz"}, headers=headers)
    return headers


@pytest.fixture(scope="module")
def api_schema(live_server: ServerProcess) -> Any:
    return schemathesis.openapi.from_url(f"{live_server.base_url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_causes_a_server_error(case: Any, auth_headers: dict[str, str]) -> None:
    case.call_and_validate(headers=auth_headers, checks=[not_a_server_error])


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_unauthenticated_input_causes_a_server_error(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error])


def test_the_server_log_has_no_tracebacks(live_server: ServerProcess, tmp_path: Path) -> None:
    assert "Traceback" not in live_server.log()
