"""A key acts as its account: Judge0 submissions count against the same run rate as the
account's other runs, and are refused with 429 and Retry-After beyond it; a process's queue of
unfinished submissions is bounded (503 with Retry-After)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.judge0.conftest import new_key, signup
from tests.server import ServerProcess, running_server, server_env

SUBMISSION = {"source_code": "print(1)", "language_id": 71}


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    data_dir: Path = tmp_path_factory.mktemp("judge0-rate")
    env = server_env(
        data_dir,
        SANDBOX_BACKEND="bwrap",
        CODECOLLAB_EXECUTION_RATE_LIMIT="3/minute",
        CODECOLLAB_COLLAB_EVENT_LOG_WRITER="thread",
    )
    with running_server(data_dir, env) as server:
        yield server


def test_submissions_share_the_accounts_run_rate(strict_server: ServerProcess) -> None:
    bearer = signup(strict_server, "rated")
    key = new_key(strict_server, bearer)
    base = strict_server.base_url
    run = httpx.post(
        f"{base}/api/executions",
        json={"language": "python", "source": "print(1)"},
        headers=bearer,
        timeout=60,
    )
    assert run.status_code == 200
    with httpx.Client(base_url=f"{base}/judge0", headers={"X-Auth-Token": key}) as judge0:
        answers = [judge0.post("/submissions", json=SUBMISSION) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    refused = answers[-1]
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.json() == {"error": "too many runs; slow down"}


def test_another_account_is_not_slowed_down(strict_server: ServerProcess) -> None:
    key = new_key(strict_server, signup(strict_server, "unhurried"))
    response = httpx.post(
        f"{strict_server.base_url}/judge0/submissions",
        json=SUBMISSION,
        headers={"X-Auth-Token": key},
    )
    assert response.status_code == 201


@pytest.fixture(scope="module")
def small_queue_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    data_dir: Path = tmp_path_factory.mktemp("judge0-queue")
    env = server_env(
        data_dir,
        SANDBOX_BACKEND="bwrap",
        CODECOLLAB_JUDGE0_MAX_PENDING="1",
        CODECOLLAB_COLLAB_EVENT_LOG_WRITER="thread",
    )
    with running_server(data_dir, env) as server:
        yield server


def test_a_batch_past_the_queues_room_is_503_with_retry_after(
    small_queue_server: ServerProcess,
) -> None:
    key = new_key(small_queue_server, signup(small_queue_server, "queuer"))
    response = httpx.post(
        f"{small_queue_server.base_url}/judge0/submissions/batch",
        json={"submissions": [SUBMISSION, SUBMISSION]},
        headers={"X-Auth-Token": key},
    )
    assert response.status_code == 503
    assert response.json() == {"error": "queue is full"}
    assert int(response.headers["Retry-After"]) >= 1
