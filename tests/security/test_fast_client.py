"""A fast client is slowed down, never cut off, and a room's event log grows within its budget.

Over its message or byte budget a connection is throttled: the server stops reading from it until
the budget refills, so TCP pushes back on the client and nothing it typed is lost. y-websocket v3
clients never reconnect after a 44xx close, so no such close may answer speed.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from pycrdt import Doc, Text, create_update_message

from tests.collab.conftest import ClientFactory, LiveServer, Room, replay, stored_events
from tests.collab.yclient import YClient
from tests.conftest import Api
from tests.interop.conftest import TRACE_DRIVER, node_modules, start_driver  # noqa: F401

TRACE = Path(__file__).parents[1] / "data" / "editing-traces" / "sveltecomponent.json.gz"
TRANSACTIONS = 10_000
CHECKPOINTS = [1_000, 2_500, 5_000, 7_500]
MIB = 1024 * 1024


def trace_texts(transactions: int, checkpoints: list[int]) -> dict[int, str]:
    """The trace's text after each checkpoint's transaction (positions in code points)."""
    trace = json.loads(gzip.decompress(TRACE.read_bytes()))
    text, texts = trace["startContent"], {}
    for k, txn in enumerate(trace["txns"][:transactions], start=1):
        for pos, deleted, inserted in txn["patches"]:
            text = text[:pos] + inserted + text[pos + deleted :]
        if k in checkpoints:
            texts[k] = text
    return texts


async def _until_stored(app: FastAPI, room_id: str, text: str) -> None:
    async with asyncio.timeout(60):
        while replay(await stored_events(app, room_id)) != text:
            await asyncio.sleep(0.05)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


async def _next_millisecond(after_ms: int) -> None:
    """So that what happens next is logged with a later timestamp than `after_ms`."""
    while _now_ms() <= after_ms:
        await asyncio.sleep(0.001)


@pytest.mark.collab_settings(collab_messages_per_s=400, collab_message_burst=200)
async def test_v3_client_typing_a_real_trace_flat_out_is_slowed_and_loses_nothing(
    node_modules: Path,  # noqa: F811
    live: LiveServer,
    room: Room,
    api: Api,
    collab_app: FastAPI,
) -> None:
    # 10,000 messages against 400/s with bursts of 200: the server throttles this client for most
    # of the run. An unmodified y-websocket v3 provider must never see a 44xx.
    expected = trace_texts(TRANSACTIONS, [*CHECKPOINTS, TRANSACTIONS])
    driver = await start_driver(
        node_modules,
        script=TRACE_DRIVER,
        url=f"{live.base_url}/ws/rooms",
        room=room.id,
        token=room.owner["access_token"],
        trace=str(TRACE),
        txns=TRANSACTIONS,
        checkpoints=CHECKPOINTS,
    )
    moments: dict[int, int] = {}
    try:
        for k in CHECKPOINTS:
            checkpoint = await driver.next_event(f"checkpoint-{k}", timeout=90)
            assert checkpoint["text"] == expected[k]
            await _until_stored(collab_app, room.id, expected[k])
            moments[k] = _now_ms()
            await _next_millisecond(moments[k])
            await driver.say("continue")
        typed = await driver.next_event("typed", timeout=90)
        assert typed["text"] == expected[TRANSACTIONS]
        await _until_stored(collab_app, room.id, expected[TRANSACTIONS])
        await driver.say("continue")
        done = await driver.next_event("done")
    finally:
        await driver.finish()
    assert not [code for code in done["closes"] if 4400 <= code < 4500]

    started_ms = (await stored_events(collab_app, room.id))[0].ts_ms
    for k, moment in moments.items():
        response = await api.http.get(
            f"/api/rooms/{room.id}/replay",
            params={"at_ms": moment - started_ms},
            headers=api.auth(room.owner),
        )
        assert response.status_code == 200, response.text
        assert response.json()["code"] == expected[k], f"replay at checkpoint {k}"


def _insert_and_delete(doc: Doc[Any], size: int) -> list[bytes]:
    """Two updates: `size` characters inserted, then deleted again."""
    text = doc.get("code", type=Text)
    before = doc.get_state()
    text.insert(0, "x" * size)
    inserted = doc.get_update(before)
    before = doc.get_state()
    del text[0:size]
    return [inserted, doc.get_update(before)]


async def _stored_bytes(app: FastAPI, room_id: str) -> int:
    return sum(len(event.data or b"") for event in await stored_events(app, room_id))


async def _flood(attacker: YClient, rounds: int) -> None:
    """Insert and delete 1 MiB `rounds` times, as fast as the connection takes it."""
    forger: Doc[Any] = Doc()
    forger.apply_update(attacker.doc.get_update())
    for _ in range(rounds):
        for update in _insert_and_delete(forger, MIB):
            await attacker.send(create_update_message(update))


ROOM_BUDGET = {
    "collab_room_bytes_per_s": MIB,
    "collab_room_byte_burst": MIB,
    "collab_bytes_per_s": 64 * MIB,
}


@pytest.mark.collab_settings(**ROOM_BUDGET)
async def test_inserting_and_deleting_a_mebibyte_repeatedly_grows_the_log_within_the_budget(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    rounds = 6
    attacker = await connect(room.id, room.owner)
    await attacker.wait_synced()
    before = await _stored_bytes(collab_app, room.id)
    started = time.monotonic()
    await _flood(attacker, rounds)
    async with asyncio.timeout(60):
        while (grown := await _stored_bytes(collab_app, room.id) - before) < rounds * MIB:
            await asyncio.sleep(0.05)
    elapsed = time.monotonic() - started
    # The budget's bound (burst + rate x time), plus one update in flight and the log's framing.
    budget = MIB + MIB * elapsed
    assert grown <= budget + MIB + 64 * 1024, f"{grown} bytes logged in {elapsed:.1f} s"
    assert attacker.close_code is None
    assert replay(await stored_events(collab_app, room.id)) == ""


@pytest.mark.collab_settings(**ROOM_BUDGET)
async def test_a_throttled_room_does_not_slow_another_room(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    rounds = 6
    attacker = await connect(room.id, room.owner)
    await attacker.wait_synced()
    flood = asyncio.create_task(_flood(attacker, rounds))
    other_room = (await api.create_room(room.owner))["id"]
    writer = await connect(other_room, room.owner)
    reader = await connect(other_room, room.owner)
    await writer.wait_synced()
    for k in range(20):
        writer.insert(0, f"{k}\n")
    await reader.wait_until(lambda: str(reader).startswith("19\n"))
    assert await _stored_bytes(collab_app, room.id) < rounds * MIB, "the flood was not throttled"
    await flood
    assert attacker.close_code is None


@pytest.mark.collab_settings(collab_bytes_per_s=MIB, collab_byte_burst=MIB)
async def test_a_connection_over_its_byte_budget_is_slowed_not_closed(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    attacker = await connect(room.id, room.owner)
    watcher = await connect(room.id, room.owner)
    await attacker.wait_synced()
    await _flood(attacker, 3)
    attacker.insert(0, "after the flood")
    await watcher.wait_until(lambda: str(watcher) == "after the flood")
    assert attacker.close_code is None
    assert replay(await stored_events(collab_app, room.id)) == "after the flood"
