"""Everything that executes code for a request goes through the run limits: the execution pool
(at most its size at once, a bounded wait list) and the per-user rate limit; repeats are served
from the cache. Real bubblewrap sandbox, on every database."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from codecollab.app import create_app
from codecollab.config import Settings
from codecollab.events import types as t
from codecollab.execution.pool import LocalPool
from codecollab.execution.service import ExecutionService
from tests.conftest import Api, _empty_tables, checkpoint_every
from tests.problems.conftest import seed
from tests.timeline.conftest import Typist, open_log, user_id

Started = AbstractAsyncContextManager[tuple[FastAPI, Api]]
POOL_SIZE = 2


@pytest.fixture
def start(database_url: str, settings_factory: Callable[..., Settings]) -> Callable[..., Started]:
    """Starts the app with settings overrides (a checkpoint at every event, so each edit is a
    moment the test progress judges)."""

    @asynccontextmanager
    async def started(**overrides: Any) -> AsyncIterator[tuple[FastAPI, Api]]:
        await _empty_tables(database_url)
        app = create_app(settings_factory(**{"execution_workers": POOL_SIZE, **overrides}))
        async with app.router.lifespan_context(app):
            checkpoint_every(app, 1)
            if _pool(app) is None:
                pytest.skip(f"no sandbox here: {app.state.services.judge.reason}")
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
                yield app, Api(http)

    return started


def _pool(app: FastAPI) -> LocalPool:
    execution: ExecutionService = app.state.services.execution
    pool = execution.local_pool
    assert pool is not None
    return pool


def _solution(version: int) -> str:
    return f"a, b = map(int, input().split())\nprint(a + b)  # version {version}\n"


async def _problem_room(app: FastAPI, api: Api, versions: int) -> tuple[dict[str, Any], str]:
    """An owner and their problem room whose code was rewritten ``versions`` times."""
    problem_id = await seed(app)
    owner = await api.signup("owner")
    response = await api.http.post(
        "/api/rooms", json={"title": "t", "problem_id": problem_id}, headers=api.auth(owner)
    )
    room_id = response.json()["id"]
    log = await open_log(app, uuid.UUID(room_id))
    typist = Typist(base=log.base)
    for version in range(versions):
        with typist.doc.transaction():
            del typist.text[0 : len(typist.text)]
            typist.text.insert(0, _solution(version))
        log.add(1000 * (version + 1), t.DOC_UPDATE, actor=user_id(owner), data=typist.take())
    await log.commit()
    return owner, room_id


async def _progress(api: Api, owner: dict[str, Any], room_id: str) -> httpx.Response:
    return await api.http.get(
        f"/api/rooms/{room_id}/analytics/tests", params={"samples": 50}, headers=api.auth(owner)
    )


async def test_concurrent_test_progress_never_runs_more_programs_than_the_pool(
    start: Callable[..., Started],
) -> None:
    async with start() as (app, api):
        owner, room_id = await _problem_room(app, api, versions=6)
        responses = await asyncio.gather(*(_progress(api, owner, room_id) for _ in range(8)))
        pool = _pool(app)
    assert [response.status_code for response in responses] == [200] * 8
    # Every distinct program (six versions, and the starter code if sampled) judged once, in a
    # slot of the pool, however many requests asked for it at the same time.
    assert 6 <= pool.started <= 7
    assert 1 <= pool.peak_running <= POOL_SIZE


async def test_an_identical_test_progress_request_is_served_from_the_cache(
    start: Callable[..., Started],
) -> None:
    async with start() as (app, api):
        owner, room_id = await _problem_room(app, api, versions=3)
        first = await _progress(api, owner, room_id)
        judged = _pool(app).started
        again = await _progress(api, owner, room_id)
        assert _pool(app).started == judged
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert [sample["passed"] for sample in first.json()["samples"]][-1] == 2


async def test_test_progress_counts_against_the_run_rate_limit(
    start: Callable[..., Started],
) -> None:
    async with start(execution_rate_limit="1/minute") as (app, api):
        owner, room_id = await _problem_room(app, api, versions=2)
        run = await api.http.post(
            "/api/executions",
            json={"language": "python", "source": "print(1)"},
            headers=api.auth(owner),
        )
        refused = await _progress(api, owner, room_id)
        assert _pool(app).started == 1  # the run only
    assert run.status_code == 200
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1


async def test_runs_count_against_the_limit_after_test_progress(
    start: Callable[..., Started],
) -> None:
    async with start(execution_rate_limit="1/minute") as (app, api):
        owner, room_id = await _problem_room(app, api, versions=2)
        progress = await _progress(api, owner, room_id)
        run = await api.http.post(
            "/api/executions",
            json={"language": "python", "source": "print(1)"},
            headers=api.auth(owner),
        )
    assert progress.status_code == 200
    assert run.status_code == 429


async def test_a_full_wait_list_is_503_with_retry_after_for_every_kind_of_run(
    start: Callable[..., Started],
) -> None:
    async with start(execution_workers=1, execution_queue_size=0) as (app, api):
        owner, room_id = await _problem_room(app, api, versions=1)
        async with _pool(app).slot():  # the only slot is taken
            progress = await _progress(api, owner, room_id)
            run = await api.http.post(
                "/api/executions",
                json={"language": "python", "source": "print(1)"},
                headers=api.auth(owner),
            )
            replay = await api.http.post(
                f"/api/rooms/{room_id}/replay/run",
                json={"at_ms": 1000, "stdin": "1 2\n"},
                headers=api.auth(owner),
            )
            room_run = await api.http.post(
                f"/api/rooms/{room_id}/runs", json={"stdin": "1 2\n"}, headers=api.auth(owner)
            )
            submission = await api.http.post(
                f"/api/rooms/{room_id}/submissions", headers=api.auth(owner)
            )
    for response in (progress, run, replay, room_run, submission):
        assert response.status_code == 503, response.text
        assert response.headers["Retry-After"] == "2"


async def test_without_a_sandbox_every_kind_of_run_is_503_with_retry_after(
    database_url: str, settings_factory: Callable[..., Settings], tmp_path: Path
) -> None:
    await _empty_tables(database_url)
    closed = tmp_path / "closed" / "runs"  # private to root: the sandbox user cannot reach it
    app = create_app(settings_factory(sandbox_backend="bwrap", sandbox_dir=closed))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            api = Api(http)
            owner, room_id = await _problem_room(app, api, versions=1)
            progress = await _progress(api, owner, room_id)
            run = await api.http.post(
                "/api/executions",
                json={"language": "python", "source": "print(1)"},
                headers=api.auth(owner),
            )
            replay = await api.http.post(
                f"/api/rooms/{room_id}/replay/run",
                json={"at_ms": 1000, "stdin": "1 2\n"},
                headers=api.auth(owner),
            )
            room_run = await api.http.post(
                f"/api/rooms/{room_id}/runs", json={"stdin": "1 2\n"}, headers=api.auth(owner)
            )
            submission = await api.http.post(
                f"/api/rooms/{room_id}/submissions", headers=api.auth(owner)
            )
    for response in (progress, run, replay, room_run, submission):
        assert response.status_code == 503, response.text
        assert int(response.headers["Retry-After"]) >= 60


async def test_a_repeated_replay_run_is_served_from_the_cache_without_counting(
    start: Callable[..., Started],
) -> None:
    async with start(execution_rate_limit="1/minute") as (app, api):
        owner, room_id = await _problem_room(app, api, versions=1)

        async def replay(stdin: str) -> httpx.Response:
            return await api.http.post(
                f"/api/rooms/{room_id}/replay/run",
                json={"at_ms": 1000, "stdin": stdin},
                headers=api.auth(owner),
            )

        first = await replay("1 2\n")
        again = await replay("1 2\n")
        other_input = await replay("3 4\n")
        assert _pool(app).started == 1
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert first.json()["stdout"] == "3\n"
    assert other_input.status_code == 429


async def test_with_the_redis_queue_test_progress_still_judges_in_a_bounded_pool(
    start: Callable[..., Started],
) -> None:
    redis_url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set")
    queue = f"codecollab-test-{uuid.uuid4().hex}"
    async with start(redis_url=redis_url, execution_queue_name=queue) as (app, api):
        owner, room_id = await _problem_room(app, api, versions=2)
        responses = await asyncio.gather(*(_progress(api, owner, room_id) for _ in range(4)))
        pool = _pool(app)
    assert [response.status_code for response in responses] == [200] * 4
    assert 2 <= pool.started <= 3
    assert 1 <= pool.peak_running <= POOL_SIZE


async def _submit(api: Api, owner: dict[str, Any], room_id: str) -> httpx.Response:
    return await api.http.post(f"/api/rooms/{room_id}/submissions", headers=api.auth(owner))


async def test_submissions_are_judged_in_the_execution_pool(
    start: Callable[..., Started],
) -> None:
    async with start() as (app, api):
        owner, room_id = await _problem_room(app, api, versions=1)
        response = await _submit(api, owner, room_id)
        pool = _pool(app)
    assert response.status_code == 200, response.text
    assert pool.started == 1
    assert pool.peak_running == 1


async def test_submissions_count_against_the_run_rate_limit(
    start: Callable[..., Started],
) -> None:
    async with start(execution_rate_limit="1/minute") as (app, api):
        owner, room_id = await _problem_room(app, api, versions=1)
        first = await _submit(api, owner, room_id)
        second = await _submit(api, owner, room_id)
    assert first.status_code == 200, first.text
    assert second.status_code == 429
    assert int(second.headers["Retry-After"]) >= 1
