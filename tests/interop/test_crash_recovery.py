"""kill -9 while people type, restart, providers reconnect: nothing lost, nothing doubled."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.collab.servers import HttpApi, ServerProcess, stored_text
from tests.collab.yclient import YClient
from tests.interop.conftest import start_driver


@pytest.fixture
async def server(database_url: str, tmp_path: Path) -> AsyncIterator[ServerProcess]:
    process = ServerProcess(database_url=database_url, data_dir=tmp_path)
    await process.start()
    try:
        yield process
    finally:
        process.kill()


async def _until_stored(database_url: str, room_id: str, text: str) -> None:
    async with asyncio.timeout(20):
        while await stored_text(database_url, room_id) != text:
            await asyncio.sleep(0.1)


async def test_kill_9_and_restart_loses_and_duplicates_nothing(
    node_modules: Path, server: ServerProcess, database_url: str
) -> None:
    api = HttpApi(server.http_url)
    owner = await api.signup()
    room_id = await api.create_room(owner)
    driver = await start_driver(
        node_modules,
        url=f"{server.ws_url}/ws/rooms",
        room=room_id,
        clients=[owner["access_token"]] * 3,
        tokens=120,
        intervalMs=15,
        timeoutMs=90_000,
    )
    try:
        await driver.next_event("typing")
        server.kill()
        await asyncio.sleep(0.3)
        await server.start()
        done = await driver.next_event("done", timeout=120)
    finally:
        await driver.finish()
    lines = [line for line in done["text"].split("\n") if line]
    assert sorted(lines) == sorted(f"c{c}-{k}" for c in range(3) for k in range(120))
    await _until_stored(database_url, room_id, done["text"])


async def _type_then_terminate(server: ServerProcess, text: str) -> str:
    """Start the server, type `text` into a new room, leave, SIGTERM; returns the room id."""
    await server.start()
    try:
        api = HttpApi(server.http_url)
        owner = await api.signup()
        room_id = await api.create_room(owner)
        client = await YClient.connect(
            f"{server.ws_url}/ws/rooms/{room_id}?token={owner['access_token']}"
        )
        await client.wait_synced()
        client.insert(0, text)
        await client.wait_until(lambda: client.received >= 2)
        await asyncio.sleep(0.2)
        await client.close()
        server.terminate()
    finally:
        server.kill()
    return room_id


async def test_sigterm_commits_everything_without_any_client_left(
    database_url: str, tmp_path: Path
) -> None:
    # Group commit held back for a minute: only the shutdown flush can store the edit.
    server = ServerProcess(
        database_url=database_url,
        data_dir=tmp_path,
        CODECOLLAB_COLLAB_FLUSH_INTERVAL_MS="60000",
        CODECOLLAB_COLLAB_FLUSH_MAX_EVENTS="100000",
    )
    room_id = await _type_then_terminate(server, "kept after SIGTERM")
    assert await stored_text(database_url, room_id) == "kept after SIGTERM"


async def test_a_clean_shutdown_logs_the_event_logs_commit_delays(
    database_url: str, tmp_path: Path
) -> None:
    server = ServerProcess(database_url=database_url, data_dir=tmp_path)
    await _type_then_terminate(server, "logged")
    assert re.search(
        r"event log: \d+ events committed in \d+ transactions; "
        r"commit delay p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms",
        server.log.read_text(),
    )
