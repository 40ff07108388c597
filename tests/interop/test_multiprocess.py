"""Two `codecollab serve` processes share rooms through Redis; Redis going away loses nothing."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pycrdt import Array
from sqlalchemy.engine import make_url

from tests.collab.proxy import CuttableProxy
from tests.collab.servers import HttpApi, ServerProcess, stored_text
from tests.collab.yclient import YClient
from tests.interop.conftest import start_driver
from tests.interop.test_presence_heals import HEALS_WITHIN_S, PRESENCE_DRIVER, Pair

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set: no Redis to relay through")
    return url


@pytest.fixture
async def proxy(redis_url: str) -> AsyncIterator[CuttableProxy]:
    url = make_url(redis_url.replace("redis://", "postgresql://", 1))
    relay = CuttableProxy(url.host or "127.0.0.1", url.port or 6379)
    await relay.start()
    yield relay
    await relay.cut()


@pytest.fixture
async def two_servers(
    database_url: str, tmp_path: Path, proxy: CuttableProxy, redis_url: str
) -> AsyncIterator[tuple[ServerProcess, ServerProcess]]:
    # Through the proxy, on the Redis database the test run was given.
    database = make_url(redis_url.replace("redis://", "postgresql://", 1)).database or "0"
    servers = [
        ServerProcess(
            database_url=database_url,
            data_dir=tmp_path,
            redis_url=f"redis://127.0.0.1:{proxy.port}/{database}",
        )
        for _ in range(2)
    ]
    try:
        for server in servers:
            await server.start()
        yield servers[0], servers[1]
    finally:
        for server in servers:
            server.kill()


async def _stored_events_by_clients(database_url: str, room_id: str) -> int:
    import uuid

    from sqlalchemy import func, select

    from codecollab.db import create_engine
    from codecollab.events.models import SessionEvent

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            count = await connection.scalar(
                select(func.count())
                .select_from(SessionEvent)
                .where(
                    SessionEvent.room_id == uuid.UUID(room_id),
                    SessionEvent.type == "doc.update",
                    SessionEvent.actor_id.is_not(None),
                )
            )
            return int(count or 0)
    finally:
        await engine.dispose()


async def test_clients_on_two_processes_converge_and_each_update_is_stored_once(
    node_modules: Path, two_servers: tuple[ServerProcess, ServerProcess], database_url: str
) -> None:
    first, second = two_servers
    api = HttpApi(first.http_url)
    owner = await api.signup()
    room_id = await api.create_room(owner)
    tokens = 40
    drivers = [
        await start_driver(
            node_modules,
            url=f"{server.ws_url}/ws/rooms",
            room=room_id,
            clients=[owner["access_token"]] * 2,
            tokens=tokens,
            intervalMs=10,
            prefix=prefix,
            expectLines=4 * tokens,
            timeoutMs=60_000,
        )
        for server, prefix in ((first, "a"), (second, "b"))
    ]
    try:
        results = [await driver.next_event("done") for driver in drivers]
    finally:
        for driver in drivers:
            await driver.finish()
    assert results[0]["text"] == results[1]["text"]
    lines = sorted(line for line in results[0]["text"].split("\n") if line)
    assert lines == sorted(f"{p}{c}-{k}" for p in "ab" for c in range(2) for k in range(tokens))
    async with asyncio.timeout(20):
        while await stored_text(database_url, room_id) != results[0]["text"]:
            await asyncio.sleep(0.1)
    # One insert, one log entry, whichever process accepted it.
    assert await _stored_events_by_clients(database_url, room_id) == 4 * tokens


async def test_redis_outage_keeps_local_clients_served_and_catches_up(
    two_servers: tuple[ServerProcess, ServerProcess], proxy: CuttableProxy, database_url: str
) -> None:
    first, second = two_servers
    api = HttpApi(first.http_url)
    owner = await api.signup()
    room_id = await api.create_room(owner)
    path = f"/ws/rooms/{room_id}?token={owner['access_token']}"
    a1, a2 = [await YClient.connect(first.ws_url + path) for _ in range(2)]
    b1 = await YClient.connect(second.ws_url + path)
    try:
        for client in (a1, a2, b1):
            await client.wait_synced()
        a1.insert(0, "before\n")
        await b1.wait_until(lambda: "before" in str(b1))
        await proxy.cut()
        a1.insert(0, "during-a\n")
        b1.insert(0, "during-b\n")
        # Same process: still served while Redis is away.
        await a2.wait_until(lambda: "during-a" in str(a2))
        await proxy.start()
        for client in (a1, a2, b1):
            await client.wait_until(
                lambda c=client: "during-a" in str(c) and "during-b" in str(c), timeout=30
            )
    finally:
        for client in (a1, a2, b1):
            await client.close()
    async with asyncio.timeout(20):
        while sorted((await stored_text(database_url, room_id)).split()) != [
            "before",
            "during-a",
            "during-b",
        ]:
            await asyncio.sleep(0.1)


async def test_what_the_server_writes_into_the_state_document_reaches_the_other_process(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    first, second = two_servers
    api = HttpApi(first.http_url)
    owner = await api.signup()
    room_id = await api.create_room(owner)
    url = f"{second.ws_url}/ws/rooms/{room_id}/state?token={owner['access_token']}"
    reader = await YClient.connect(url)
    try:
        await reader.wait_synced()
        await api.post_chat(owner, room_id, "from the first process")
        chat = reader.doc.get("chat", type=Array)
        await reader.wait_until(lambda: len(chat) == 1)
        assert chat[0]["text"] == "from the first process"
    finally:
        await reader.close()


@pytest.mark.parametrize("to_other", [False, True], ids=["same process", "other process"])
async def test_a_provider_reconnecting_is_seen_again_on_the_other_process_within_2_s(
    node_modules: Path, two_servers: tuple[ServerProcess, ServerProcess], to_other: bool
) -> None:
    """A on the first process (through a relay), B on the second; A's socket closes and A
    reconnects, to the first process or to the second."""
    first, second = two_servers
    api = HttpApi(first.http_url)
    owner = await api.signup()
    room_id = await api.create_room(owner)
    relay = CuttableProxy("127.0.0.1", first.port)
    await relay.start()
    driver = await start_driver(
        node_modules,
        script=PRESENCE_DRIVER,
        urlA=f"ws://127.0.0.1:{relay.port}/ws/rooms",
        urlB=f"{second.ws_url}/ws/rooms",
        room=room_id,
        tokenA=owner["access_token"],
        tokenB=owner["access_token"],
        version="v3",
    )
    pair = Pair(driver, relay)
    try:
        await pair.next("seen", present=True, cursor=1)
        if to_other:
            relay.target = ("127.0.0.1", second.port)
        await driver.say("drop")
        await pair.next("seen", present=False)
        await pair.next("a-status", status="connected")
        await pair.next("seen", present=True, cursor=1, timeout=HEALS_WITHIN_S)
    finally:
        await driver.say("quit")
        await driver.finish()
        await relay.cut()
