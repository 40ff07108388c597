"""Two server processes on one database: a submission accepted by one is answered by the other
(submissions live in the database, not in the process that runs them)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.judge0.conftest import new_key, signup
from tests.server import running_server, server_env


def test_a_submission_made_on_one_server_is_read_on_another(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'shared.db'}"
    settings = {"SANDBOX_BACKEND": "bwrap", "CODECOLLAB_COLLAB_EVENT_LOG_WRITER": "thread"}
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    with (
        running_server(first_dir, server_env(first_dir, database_url, **settings)) as first,
        running_server(second_dir, server_env(second_dir, database_url, **settings)) as second,
    ):
        key = {"X-Auth-Token": new_key(first, signup(first, "two-servers"))}
        token = httpx.post(
            f"{first.base_url}/judge0/submissions",
            json={"language_id": 71, "source_code": "print('from the first')"},
            headers=key,
        ).json()["token"]
        deadline = time.monotonic() + 60
        body = {}
        while time.monotonic() < deadline:
            body = httpx.get(f"{second.base_url}/judge0/submissions/{token}", headers=key).json()
            if body["status"]["id"] not in (1, 2):
                break
            time.sleep(0.1)
    assert body["status"]["id"] == 3
    assert body["stdout"] == "from the first\n"
