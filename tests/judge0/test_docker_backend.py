"""The Judge0 API on the docker backend (podman in CI): the same statuses as on bubblewrap, with
Judge0's limits lowering the container's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.judge0.conftest import new_key, signup
from tests.server import ServerProcess, running_server, server_env

CASES = [
    ("accepted", 71, "print(input())", {"stdin": "hi", "expected_output": "hi"}, 3),
    ("wrong answer", 71, "print('no')", {"expected_output": "yes"}, 4),
    ("nzec", 71, "raise SystemExit(2)", {}, 11),
    ("sigsegv", 50, "int main(void) { volatile int *p = 0; *p = 1; return 0; }", {}, 7),
    ("tle", 71, "while True: pass", {"cpu_time_limit": 0.5, "cpu_extra_time": 0}, 5),
    ("compile error", 50, "int main( {", {}, 6),
]


@pytest.fixture(scope="module")
def docker_judge0(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    docker_host = os.environ.get("CODECOLLAB_TEST_DOCKER_HOST")
    image = os.environ.get("CODECOLLAB_DOCKER_IMAGE")
    if not docker_host or not image:
        pytest.skip("CODECOLLAB_TEST_DOCKER_HOST / CODECOLLAB_DOCKER_IMAGE are not set (podman.sh)")
    data_dir: Path = tmp_path_factory.mktemp("judge0-docker")
    env = server_env(
        data_dir,
        SANDBOX_BACKEND="docker",
        DOCKER_HOST=docker_host,
        CODECOLLAB_DOCKER_IMAGE=image,
        CODECOLLAB_DOCKER_POOL_SIZE="1",
        CODECOLLAB_EXECUTION_RATE_LIMIT="100000/minute",
        CODECOLLAB_COLLAB_EVENT_LOG_WRITER="thread",
    )
    server: ServerProcess
    with running_server(data_dir, env) as server:
        key = new_key(server, signup(server, "docker-user"))
        with httpx.Client(
            base_url=f"{server.base_url}/judge0", headers={"X-Auth-Token": key}, timeout=120
        ) as http:
            yield http


@pytest.mark.parametrize(
    ("case", "language_id", "source", "fields", "status"), CASES, ids=[c[0] for c in CASES]
)
def test_statuses_on_the_docker_backend(
    docker_judge0: httpx.Client,
    case: str,
    language_id: int,
    source: str,
    fields: dict[str, object],
    status: int,
) -> None:
    response = docker_judge0.post(
        "/submissions",
        params={"wait": "true", "fields": "status,stdout,message"},
        json={"language_id": language_id, "source_code": source, **fields},
    )
    assert response.status_code == 201, response.text
    assert response.json()["status"]["id"] == status, (case, response.json())
