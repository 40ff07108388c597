"""GET /metrics: the Prometheus text format, and the series that move with real work.

The metrics live in the process's default registry, shared by every app a test process starts:
each test reads them before and after, and checks the difference.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from codecollab import migrate
from codecollab.app import create_app
from tests.collab.conftest import serve
from tests.collab.yclient import YClient
from tests.conftest import TEST_PASSWORD, Api, make_settings

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]
Started = tuple[FastAPI, Api]
Start = Callable[..., Any]
METRIC_FAMILIES = {
    "codecollab_websocket_connections",
    "codecollab_documents_loaded",
    "codecollab_updates_received",
    "codecollab_frames_sent",
    "codecollab_event_log_commit_delay_seconds",
    "codecollab_relay_publish_seconds",
    "codecollab_executions",
    "codecollab_execution_duration_seconds",
    "codecollab_execution_pool_running",
    "codecollab_execution_pool_waiting",
    "codecollab_execution_pool_size",
    "codecollab_login_failures",
}


@pytest.fixture(scope="module")
def database_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('metricsdb') / 'test.db'}"
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="module")
def sandbox_dir() -> Iterator[Path]:
    parent = Path(tempfile.mkdtemp(prefix="codecollab-metrics-"))
    parent.chmod(0o711)
    yield parent / "runs"
    shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture
def server(database_file: str, sandbox_dir: Path, tmp_path: Path) -> Start:
    """The app, with its lifespan, with settings overrides; yields it and an API client."""

    @asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[Started]:
        values = {"sandbox_dir": sandbox_dir, "collab_flush_interval_ms": 5, **overrides}
        app = create_app(make_settings(database_file, tmp_path / "data", **values))
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                yield app, Api(http)

    return start


async def scrape(api: Api, **headers: str) -> Samples:
    response = await api.http.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


async def until(api: Api, moved: Callable[[Samples], bool], timeout_s: float = 5.0) -> Samples:
    """Scrape until `moved` holds of the samples (a commit lands a few milliseconds later)."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        samples = await scrape(api)
        if moved(samples) or asyncio.get_running_loop().time() > deadline:
            return samples
        await asyncio.sleep(0.02)


async def test_metrics_answer_in_the_prometheus_text_format(server: Start) -> None:
    async with server() as (_, api):
        response = await api.http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    families = {family.name for family in text_string_to_metric_families(response.text)}
    assert families >= METRIC_FAMILIES


async def test_metrics_are_outside_the_openapi_schema(server: Start) -> None:
    async with server() as (_, api):
        schema = (await api.http.get("/openapi.json")).json()
    assert "/metrics" not in schema["paths"]


async def test_with_a_token_set_metrics_need_it_as_a_bearer_token(server: Start) -> None:
    token = "metrics-token-" + "y" * 20
    async with server(metrics_token=token) as (_, api):
        missing = await api.http.get("/metrics")
        wrong = await api.http.get("/metrics", headers={"Authorization": "Bearer nope"})
        right = await api.http.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert (missing.status_code, wrong.status_code, right.status_code) == (401, 401, 200)
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "CODECOLLAB_METRICS_TOKEN" in missing.text


async def test_a_websocket_edit_moves_connections_documents_updates_frames_and_commits(
    server: Start,
) -> None:
    async with server() as (app, api), serve(app) as base_url:
        owner = await api.signup("owner")
        room = await api.create_room(owner)
        before = await scrape(api)
        url = f"{base_url}/ws/rooms/{room['id']}?token={owner['access_token']}"
        client = await YClient.connect(url)
        try:
            await client.wait_synced()
            client.insert(0, "print('hello')")
            during = await until(
                api,
                lambda s: (
                    value(s, "codecollab_updates_received_total")
                    > value(before, "codecollab_updates_received_total")
                    and value(s, "codecollab_event_log_commit_delay_seconds_count")
                    > value(before, "codecollab_event_log_commit_delay_seconds_count")
                ),
            )
        finally:
            await client.close()
        after = await until(
            api,
            lambda s: (
                value(s, "codecollab_websocket_connections")
                == value(before, "codecollab_websocket_connections")
            ),
        )

    def moved(samples: Samples, name: str) -> float:
        return value(samples, name) - value(before, name)

    assert moved(during, "codecollab_websocket_connections") == 1
    assert moved(during, "codecollab_documents_loaded") >= 1
    assert moved(during, "codecollab_updates_received_total") >= 1  # and the sync answer
    assert moved(during, "codecollab_frames_sent_total") >= 1  # at least the sync step
    assert moved(during, "codecollab_event_log_commit_delay_seconds_count") >= 1
    assert moved(after, "codecollab_websocket_connections") == 0


async def one_edit_moves(server: Start, metric: str, **settings: Any) -> None:
    """A live server started with `settings`; one edit over a real connection moves `metric`."""
    async with server(**settings) as (app, api), serve(app) as base_url:
        owner = await api.signup(metric.removeprefix("codecollab_").replace("_", "-"))
        room = await api.create_room(owner)
        before = value(await scrape(api), metric)
        client = await YClient.connect(
            f"{base_url}/ws/rooms/{room['id']}?token={owner['access_token']}"
        )
        try:
            await client.wait_synced()
            client.insert(0, "x")
            after = await until(api, lambda s: value(s, metric) > before)
        finally:
            await client.close()
    assert value(after, metric) > before


async def test_commit_delays_of_the_event_log_process_reach_the_server_metrics(
    server: Start,
) -> None:
    await one_edit_moves(
        server,
        "codecollab_event_log_commit_delay_seconds_count",
        collab_event_log_writer="process",
    )


async def test_a_run_is_counted_by_language_and_status_with_its_duration(server: Start) -> None:
    async with server(sandbox_backend="bwrap") as (_, api):
        account = await api.signup("runner")
        before = await scrape(api)
        response = await api.http.post(
            "/api/executions",
            json={"language": "python", "source": "print(1)"},
            headers=api.auth(account),
        )
        assert response.status_code == 200, response.text
        after = await scrape(api)
    runs = "codecollab_executions_total"
    durations = "codecollab_execution_duration_seconds_count"
    assert (
        value(after, runs, language="python", status="ok")
        - value(before, runs, language="python", status="ok")
        == 1
    )
    assert (
        value(after, durations, language="python") - value(before, durations, language="python")
        == 1
    )
    assert value(after, "codecollab_execution_pool_size") >= 1


async def test_a_failed_login_is_counted(server: Start) -> None:
    async with server() as (_, api):
        account = await api.signup("ann")
        before = await scrape(api)
        response = await api.http.post(
            "/api/auth/login",
            json={"email": account["user"]["email"], "password": TEST_PASSWORD + "!"},
        )
        assert response.status_code == 401
        after = await scrape(api)
    failures = "codecollab_login_failures_total"
    assert (
        value(after, failures, reason="invalid_credentials")
        - value(before, failures, reason="invalid_credentials")
        == 1
    )


async def test_a_relayed_edit_is_timed_on_its_way_to_redis(server: Start) -> None:
    redis_url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set: no Redis to relay through")
    await one_edit_moves(server, "codecollab_relay_publish_seconds_count", redis_url=redis_url)
