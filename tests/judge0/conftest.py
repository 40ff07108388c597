"""A live server (`codecollab serve` on SQLite, the bubblewrap sandbox) shared by the Judge0
tests, an account with an API key, and a client of /judge0 that sends the key."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_PASSWORD
from tests.server import ServerProcess, running_server, server_env

CALLBACK_HOST = "localhost"
"""Allow-listed for callbacks: a local HTTP server is reached by this name; 127.0.0.1 itself is
not on the list, so the same server by address is refused."""


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    data_dir: Path = tmp_path_factory.mktemp("judge0")
    env = server_env(
        data_dir,
        SANDBOX_BACKEND="bwrap",
        CODECOLLAB_EXECUTION_RATE_LIMIT="100000/minute",
        CODECOLLAB_JUDGE0_CALLBACK_ALLOW=CALLBACK_HOST,
        CODECOLLAB_COLLAB_EVENT_LOG_WRITER="thread",
    )
    with running_server(data_dir, env) as server:
        yield server


def signup(server: ServerProcess, name: str) -> dict[str, str]:
    """A new account's bearer header."""
    response = httpx.post(
        f"{server.base_url}/api/auth/signup",
        json={"email": f"{name}@example.com", "password": TEST_PASSWORD, "display_name": name},
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def new_key(server: ServerProcess, bearer: dict[str, str], name: str = "tests") -> str:
    response = httpx.post(f"{server.base_url}/api/keys", json={"name": name}, headers=bearer)
    assert response.status_code == 201, response.text
    key: str = response.json()["key"]
    return key


@pytest.fixture(scope="package")
def api_key(live_server: ServerProcess) -> str:
    return new_key(live_server, signup(live_server, "judge0-user"))


@dataclass
class Judge0:
    """A client of /judge0 with an API key, as a Judge0 client would use it."""

    http: httpx.Client

    def submit(self, params: dict[str, str] | None = None, **fields: Any) -> httpx.Response:
        return self.http.post("/submissions", json=fields, params=params or {})

    def run(self, params: dict[str, str] | None = None, **fields: Any) -> dict[str, Any]:
        """Submit with wait=true and every field back."""
        response = self.submit({"wait": "true", "fields": "*", **(params or {})}, **fields)
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def finished(self, token: str, *, fields: str = "*", timeout_s: float = 60) -> dict[str, Any]:
        """Poll the submission until it is neither In Queue nor Processing."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            response = self.http.get(f"/submissions/{token}", params={"fields": fields})
            assert response.status_code == 200, response.text
            body: dict[str, Any] = response.json()
            if body["status"]["id"] not in (1, 2):
                return body
            time.sleep(0.1)
        raise AssertionError(f"submission {token} did not finish in {timeout_s} s")


@pytest.fixture
def judge0(live_server: ServerProcess, api_key: str) -> Iterator[Judge0]:
    with httpx.Client(
        base_url=f"{live_server.base_url}/judge0", headers={"X-Auth-Token": api_key}, timeout=60
    ) as http:
        yield Judge0(http)
