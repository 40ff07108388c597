"""Fuzz the HTTP API with schemathesis from its own /openapi.json: no input may cause a 5xx.

Schemathesis generates what the schema describes, in valid JSON and without lone surrogates;
`test_no_unstorable_input_causes_a_server_error` adds what it never sends: lone surrogates and
NUL in every string, NaN, Infinity, 1e999 and integers past 64 bits in every field.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from tests.conftest import create_database, drop_database
from tests.security.openapi import inputs, nested, with_ids
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


UNSTORABLE_TEXT = st.text(
    alphabet=st.characters(categories=["Cs", "Cc"]) | st.characters(), min_size=1, max_size=12
).filter(lambda text: "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text))
"""Strings holding a NUL or a lone surrogate (json.dumps writes those as \\u escapes)."""
UNREPRESENTABLE_NUMBERS = st.sampled_from(
    ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e308", str(2**63), str(-(2**63) - 1)]
) | st.integers(min_value=2**63).map(str)
"""JSON literals no 64-bit column or finite float holds (Python's json accepts them all)."""
WITH_NUL = st.text(min_size=1, max_size=12).map(lambda text: text + "\x00")


@pytest.fixture(scope="module")
def api_inputs(live_server: ServerProcess) -> list[tuple[str, str, str, tuple[str, ...]]]:
    document = httpx.get(f"{live_server.base_url}/openapi.json").json()
    return [(method, url, where, field) for method, url, where, field, _schema in inputs(document)]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_unstorable_input_causes_a_server_error(
    live_server: ServerProcess,
    auth_headers: dict[str, str],
    api_inputs: list[tuple[str, str, str, tuple[str, ...]]],
    data: st.DataObject,
) -> None:
    method, url, where, field = data.draw(st.sampled_from(api_inputs))
    target = live_server.base_url + with_ids(url)
    if where == "body":
        literal = data.draw(UNSTORABLE_TEXT.map(json.dumps) | UNREPRESENTABLE_NUMBERS)
        headers = {**auth_headers, "Content-Type": "application/json"}
        response = httpx.request(
            method, target, content=nested(field, literal).encode(), headers=headers
        )
    else:  # a URL cannot carry a lone surrogate (UTF-8 has none): NUL and numbers
        value = data.draw(WITH_NUL | UNREPRESENTABLE_NUMBERS)
        response = httpx.request(method, target, params={field[0]: value}, headers=auth_headers)
    assert response.status_code < 500, (method, url, field, response.text)
    response.json()  # every error is valid JSON, whatever the input held


def test_the_server_log_has_no_tracebacks(live_server: ServerProcess, tmp_path: Path) -> None:
    assert "Traceback" not in live_server.log()
