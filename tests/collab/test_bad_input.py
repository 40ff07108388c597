"""Bad input closes only the offending connection, with a clear code; nothing of it is stored."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import FastAPI
from pycrdt import create_awareness_message, create_update_message, write_var_uint
from pycrdt._sync import create_sync_step1_message

from codecollab.collab.closecodes import CloseCode
from tests.collab.conftest import ClientFactory, Room, replay, stored_events
from tests.collab.yclient import YClient


async def _offend(
    connect: ClientFactory, room: Room, frame: bytes | str
) -> tuple[YClient, YClient]:
    """A bystander and an offender in the room; the offender sends `frame`."""
    bystander = await connect(room.id, room.owner)
    offender = await connect(room.id, room.owner)
    await bystander.wait_synced()
    await offender.wait_synced()
    await offender.websocket.send(frame)
    return bystander, offender


async def _room_carries_on(bystander: YClient, connect: ClientFactory, room: Room) -> None:
    bystander.insert(0, "still fine")
    newcomer = await connect(room.id, room.owner)
    await newcomer.wait_until(lambda: str(newcomer) == "still fine")


async def _assert_nothing_stored(app: FastAPI, room: Room, text: str = "still fine") -> None:
    events = await stored_events(app, room.id)
    assert replay(events) == text


BAD_FRAMES = {
    "unknown message type": b"\x07",
    "unknown sync type": b"\x00\x09\x00",
    "truncated varint": b"\x00\x02\xff",
    "payload shorter than declared": b"\x00\x02\x05ab",
    "trailing bytes": b"\x03\x00",
    "empty frame": b"",
    "awareness not json": create_awareness_message(b"\x01\x05\x01\x03{{{"),
    "awareness not an object": create_awareness_message(b"\x01\x05\x01\x01" + b"7"),
    "malformed state vector": create_sync_step1_message(write_var_uint(2**28)),
    "text frame": "hello",
}


@pytest.mark.parametrize("frame", BAD_FRAMES.values(), ids=BAD_FRAMES.keys())
async def test_malformed_frame_closes_with_4400(
    frame: bytes | str, room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    bystander, offender = await _offend(connect, room, frame)
    assert await offender.wait_closed() == CloseCode.PROTOCOL_ERROR
    await _room_carries_on(bystander, connect, room)
    await _assert_nothing_stored(collab_app, room)


@pytest.mark.parametrize(
    "update",
    [b"\x01\x02\x03", write_var_uint(2**28) + b"\x00", b"\x01\x01\xff\xff\xff\xff\x0f\x00\x27\x01"],
    ids=["garbage", "huge client count", "truncated struct"],
)
async def test_update_that_fails_to_apply_closes_with_4422(
    update: bytes, room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    bystander, offender = await _offend(connect, room, create_update_message(update))
    assert await offender.wait_closed() == CloseCode.UPDATE_REJECTED
    await _room_carries_on(bystander, connect, room)
    await _assert_nothing_stored(collab_app, room)


async def test_frame_over_2_mib_closes_with_4413(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    big = create_update_message(b"\x00" * (2 * 1024 * 1024))
    bystander, offender = await _offend(connect, room, big)
    assert await offender.wait_closed() == CloseCode.FRAME_TOO_LARGE
    await _room_carries_on(bystander, connect, room)
    await _assert_nothing_stored(collab_app, room)


@pytest.mark.collab_settings(collab_max_document_bytes=4096)
async def test_document_past_its_size_limit_closes_with_4413(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    # A retry would send the same update again: a refusal, not a transient condition.
    bystander = await connect(room.id, room.owner)
    offender = await connect(room.id, room.owner)
    await offender.wait_synced()
    offender.insert(0, "x" * 8000)
    assert await offender.wait_closed() == CloseCode.DOCUMENT_TOO_LARGE == 4413
    await _room_carries_on(bystander, connect, room)
    await _assert_nothing_stored(collab_app, room)


@pytest.mark.collab_settings(collab_messages_per_s=20, collab_message_burst=10)
async def test_flood_past_the_rate_limit_is_slowed_not_closed(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    bystander = await connect(room.id, room.owner)
    flooder = await connect(room.id, room.owner)
    await flooder.wait_synced()
    for clock in range(1, 50):
        await flooder.set_awareness({"cursor": clock}, clock=clock)
    await bystander.wait_until(
        lambda: any(state and state.get("cursor") == 49 for state in bystander.awareness.values())
    )
    assert flooder.close_code is None
    await _room_carries_on(bystander, connect, room)


async def test_offender_updates_before_the_bad_frame_still_count(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    # Only the bad frame is refused; what the client legitimately did before stays.
    client = await connect(room.id, room.owner)
    watcher = await connect(room.id, room.owner)
    await client.wait_synced()
    client.insert(0, "ok")
    await watcher.wait_until(lambda: str(watcher) == "ok")
    await client.websocket.send(b"\x07")
    assert await client.wait_closed() == CloseCode.PROTOCOL_ERROR
    await asyncio.sleep(0)
    assert replay(await stored_events(collab_app, room.id)) == "ok"
