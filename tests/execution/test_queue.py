"""With REDIS_URL, runs go through the Redis queue to a real `codecollab worker` process."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from codecollab import migrate
from codecollab.app import create_app
from tests.conftest import TEST_SECRET, Api, make_settings

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def redis_url() -> str:
    url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set: no Redis to test the queue against")
    return url


@pytest.fixture(scope="module")
def queue_name() -> str:
    return "codecollab-test-" + secrets.token_hex(6)


@pytest.fixture(scope="module")
def worker(redis_url: str, queue_name: str) -> Iterator[subprocess.Popen[bytes]]:
    scratch = Path(tempfile.mkdtemp(prefix="codecollab-worker-"))
    scratch.chmod(0o711)
    env = {key: value for key, value in os.environ.items() if not key.startswith("CODECOLLAB_")}
    env.update(
        REDIS_URL=redis_url,
        JWT_SECRET=TEST_SECRET,
        SANDBOX_BACKEND="bwrap",
        CODECOLLAB_SANDBOX_DIR=str(scratch / "runs"),
        CODECOLLAB_EXECUTION_QUEUE_NAME=queue_name,
        CODECOLLAB_EXECUTION_WORKERS="2",
        CODECOLLAB_DATA_DIR=str(scratch / "data"),
    )
    process = subprocess.Popen([sys.executable, "-m", "codecollab", "worker"], env=env)
    yield process
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'queue.db'}"
    migrate.upgrade(url)
    return url


@pytest.fixture
async def api(
    worker: subprocess.Popen[bytes], redis_url: str, queue_name: str, database: str, tmp_path: Path
) -> AsyncIterator[tuple[Api, dict[str, Any]]]:
    settings = make_settings(
        database, tmp_path / "data", redis_url=redis_url, execution_queue_name=queue_name
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            client = Api(http)
            yield client, await client.signup("queue" + secrets.token_hex(4))


async def test_a_run_is_executed_by_a_worker_process(api: tuple[Api, dict[str, Any]]) -> None:
    client, account = api
    response = await client.http.post(
        "/api/executions",
        json={
            "language": "python",
            "source": "print(sum(map(int, input().split())))",
            "stdin": "2 40",
        },
        headers=client.auth(account),
    )
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["stdout"]) == ("ok", "42\n")


async def test_files_args_options_and_stack_travel_to_the_worker(
    api: tuple[Api, dict[str, Any]],
) -> None:
    client, account = api
    main = (
        '#include <stdio.h>\n#include <sys/resource.h>\n#include "util.h"\n'
        "int main(int argc, char **argv) {\n"
        "    struct rlimit stack;\n"
        "    getrlimit(RLIMIT_STACK, &stack);\n"
        '    printf("%ld %s %d %ld", __STDC_VERSION__, argv[1], twice(21), (long)stack.rlim_cur);\n'
        "}\n"
    )
    response = await client.http.post(
        "/api/executions",
        json={
            "language": "c",
            "files": [
                {"name": "main.c", "content": main},
                {"name": "util.h", "content": "int twice(int x);\n"},
                {"name": "util.c", "content": "int twice(int x) { return 2 * x; }\n"},
            ],
            "args": ["hi"],
            "compiler_options": ["-std=c11"],
            "stack_limit_kb": 2048,
        },
        headers=client.auth(account),
    )
    assert response.status_code == 200, response.text
    assert response.json()["stdout"] == f"201112 hi 42 {2048 * 1024}", response.json()


async def test_limits_are_classified_by_the_worker_too(api: tuple[Api, dict[str, Any]]) -> None:
    client, account = api
    response = await client.http.post(
        "/api/executions",
        json={"language": "c", "source": "int main(void){for(;;);}", "time_limit_ms": 300},
        headers=client.auth(account),
    )
    assert response.json()["status"] == "time_limit_exceeded"


async def test_languages_come_from_the_workers(api: tuple[Api, dict[str, Any]]) -> None:
    client, _ = api
    response = await client.http.get("/api/languages")
    assert {"python", "c", "java"} <= {entry["id"] for entry in response.json()}


async def test_a_judge0_submission_is_run_by_a_worker_process_too(
    api: tuple[Api, dict[str, Any]],
) -> None:
    client, account = api
    key = (
        await client.http.post("/api/keys", json={"name": "q"}, headers=client.auth(account))
    ).json()["key"]
    response = await client.http.post(
        "/judge0/submissions",
        params={"wait": "true"},
        json={"language_id": 71, "source_code": "print(6 * 7)", "expected_output": "42"},
        headers={"X-Auth-Token": key},
    )
    assert response.status_code == 201, response.text
    assert response.json()["status"] == {"id": 3, "description": "Accepted"}
    assert response.json()["stdout"] == "42\n"


async def test_a_full_queue_is_503_with_retry_after(
    redis_url: str, queue_name: str, database: str, tmp_path: Path
) -> None:
    settings = make_settings(
        database,
        tmp_path / "data",
        redis_url=redis_url,
        execution_queue_name=queue_name + "-full",
        execution_queue_size=0,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            client = Api(http)
            account = await client.signup("full" + secrets.token_hex(4))
            response = await client.http.post(
                "/api/executions",
                json={"language": "python", "source": "print(1)"},
                headers=client.auth(account),
            )
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "2"
