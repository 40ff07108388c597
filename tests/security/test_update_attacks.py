"""Yjs client ids are owned: nobody writes new items under another user's client id.

Yjs numbers items by (client id, clock). An update with items under someone else's client id at
the clocks they will use next (while they edit offline, say) would make their copy and everyone
else's diverge for good, so such an update is refused with 4403: nothing of it is applied, stored
or relayed.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pycrdt import Doc, Text, create_update_message

from codecollab.collab.closecodes import CloseCode
from codecollab.collab.engine import Collaboration
from tests.collab.conftest import ClientFactory, Room, replay, stored_events
from tests.collab.servers import ServerProcess, stored_text
from tests.collab.yclient import YClient
from tests.conftest import Api, _empty_tables

INTERVIEWER_CLIENT_ID = 1_234_567


def forged_update(base: YClient, client_id: int, text: str) -> bytes:
    """An insert under `client_id` at the next clocks the server does not have yet."""
    forger: Doc[Any] = Doc(client_id=client_id)
    forger.apply_update(base.doc.get_update())
    before = forger.get_state()
    forger.get("code", type=Text).insert(0, text)
    return forger.get_update(before)


async def _interviewer_writes_then_leaves(
    connect: ClientFactory, room: Room, interviewer: dict[str, Any], text: str
) -> Doc[Any]:
    """The interviewer's document (client id INTERVIEWER_CLIENT_ID) after writing `text`."""
    doc: Doc[Any] = Doc(client_id=INTERVIEWER_CLIENT_ID)
    client = await connect(room.id, interviewer, doc=doc)
    await client.wait_synced()
    client.insert(0, text)
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(lambda: str(watcher) == text)
    await client.close()
    await watcher.close()
    return doc


async def test_offline_interviewer_edits_survive_a_candidate_reusing_their_client_id(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    interviewer = await api.member_of(room.owner, room.id, "interviewer")
    candidate = await api.member_of(room.owner, room.id, "candidate")
    bystander = await connect(room.id, room.owner)
    await bystander.wait_synced()
    offline = await _interviewer_writes_then_leaves(connect, room, interviewer, "hello\n")
    offline.get("code", type=Text).insert(6, "offline edit\n")  # not sent: the interviewer is away

    attacker = await connect(room.id, candidate)
    await attacker.wait_synced()
    await attacker.send(create_update_message(forged_update(attacker, INTERVIEWER_CLIENT_ID, "X")))
    assert await attacker.wait_closed() == CloseCode.FORBIDDEN

    back = await connect(room.id, interviewer, doc=offline)
    await back.wait_until(lambda: str(back) == "hello\noffline edit\n")
    await bystander.wait_until(lambda: str(bystander) == str(back))
    newcomer = await connect(room.id, candidate)
    await newcomer.wait_until(lambda: str(newcomer) == str(back))
    assert replay(await stored_events(collab_app, room.id)) == "hello\noffline edit\n"


async def test_a_client_id_shown_in_presence_cannot_be_taken_before_its_first_keystroke(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    interviewer = await api.member_of(room.owner, room.id, "interviewer")
    candidate = await api.member_of(room.owner, room.id, "candidate")
    joined = await connect(room.id, interviewer, doc=Doc(client_id=INTERVIEWER_CLIENT_ID))
    await joined.wait_synced()
    await joined.set_awareness({"cursor": None})  # present, nothing typed yet

    attacker = await connect(room.id, candidate)
    await attacker.wait_synced()
    await attacker.wait_until(lambda: INTERVIEWER_CLIENT_ID in attacker.awareness)
    await attacker.send(create_update_message(forged_update(attacker, INTERVIEWER_CLIENT_ID, "X")))
    assert await attacker.wait_closed() == CloseCode.FORBIDDEN

    joined.insert(0, "mine\n")
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(lambda: str(watcher) == "mine\n")
    assert joined.close_code is None
    assert replay(await stored_events(collab_app, room.id)) == "mine\n"


async def test_client_id_ownership_survives_the_document_leaving_memory(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    interviewer = await api.member_of(room.owner, room.id, "interviewer")
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await _interviewer_writes_then_leaves(connect, room, interviewer, "kept\n")
    collaboration: Collaboration = collab_app.state.services.live.collaboration
    async with asyncio.timeout(15):
        while collaboration.documents:  # unloaded after the grace period: ownership is reloaded
            await asyncio.sleep(0.05)

    attacker = await connect(room.id, candidate)
    await attacker.wait_synced()
    await attacker.send(create_update_message(forged_update(attacker, INTERVIEWER_CLIENT_ID, "X")))
    assert await attacker.wait_closed() == CloseCode.FORBIDDEN
    assert replay(await stored_events(collab_app, room.id)) == "kept\n"


async def test_the_servers_own_client_id_is_refused_to_clients(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    collaboration: Collaboration = collab_app.state.services.live.collaboration
    (document,) = collaboration.documents.values()
    server_id = document.doc.client_id
    await client.send(create_update_message(forged_update(client, server_id, "as the server")))
    assert await client.wait_closed() == CloseCode.FORBIDDEN
    assert replay(await stored_events(collab_app, room.id)) == ""


async def test_same_user_may_use_its_client_id_on_two_connections_at_once(
    room: Room, connect: ClientFactory
) -> None:
    # A reconnecting page often opens its new connection before the server saw the old one drop.
    first = await connect(room.id, room.owner, doc=Doc(client_id=INTERVIEWER_CLIENT_ID))
    await first.wait_synced()
    first.insert(0, "one\n")
    second = await connect(room.id, room.owner)
    await second.wait_until(lambda: str(second) == "one\n")
    await second.send(create_update_message(forged_update(second, INTERVIEWER_CLIENT_ID, "two\n")))
    await first.wait_until(lambda: str(first) == "two\none\n")
    assert first.close_code is None
    assert second.close_code is None


async def test_deleting_someone_elses_text_is_ordinary_editing(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    owner = await connect(room.id, room.owner)
    await owner.wait_synced()
    owner.insert(0, "owner's line\n")
    other = await connect(room.id, candidate)
    await other.wait_until(lambda: str(other) == "owner's line\n")
    other.delete(0, 8)
    await owner.wait_until(lambda: str(owner) == "line\n")
    assert other.close_code is None
    assert replay(await stored_events(collab_app, room.id)) == "line\n"


async def test_an_update_claiming_many_new_client_ids_is_refused(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    merged: Doc[Any] = Doc()
    for client_id in range(100, 120):
        forger: Doc[Any] = Doc(client_id=client_id)
        forger.get("code", type=Text).insert(0, "x")
        merged.apply_update(forger.get_update())
    await client.send(create_update_message(merged.get_update()))
    assert await client.wait_closed() == CloseCode.FORBIDDEN
    assert replay(await stored_events(collab_app, room.id)) == ""


@pytest.fixture
async def two_servers(database_url: str, tmp_path: Path) -> AsyncIterator[list[ServerProcess]]:
    redis_url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set: no Redis to relay through")
    await _empty_tables(database_url)
    servers = [
        ServerProcess(database_url=database_url, data_dir=tmp_path, redis_url=redis_url)
        for _ in range(2)
    ]
    try:
        for server in servers:
            await server.start()
        yield servers
    finally:
        for server in servers:
            server.kill()


@pytest.mark.redis
async def test_client_id_ownership_holds_across_server_processes(
    two_servers: list[ServerProcess], database_url: str
) -> None:
    first, second = two_servers
    async with httpx.AsyncClient(base_url=first.http_url) as http:
        api = Api(http)
        owner = await api.signup("owner")
        room_id = (await api.create_room(owner))["id"]
        interviewer = await api.member_of(owner, room_id, "interviewer")
        candidate = await api.member_of(owner, room_id, "candidate")
    token = "?token="
    writer = await YClient.connect(
        f"{first.ws_url}/ws/rooms/{room_id}{token}{interviewer['access_token']}",
        Doc(client_id=INTERVIEWER_CLIENT_ID),
    )
    attacker = await YClient.connect(
        f"{second.ws_url}/ws/rooms/{room_id}{token}{candidate['access_token']}"
    )
    try:
        await writer.wait_synced()
        writer.insert(0, "mine\n")
        await attacker.wait_until(lambda: str(attacker) == "mine\n")
        forged = forged_update(attacker, INTERVIEWER_CLIENT_ID, "X")
        await attacker.send(create_update_message(forged))
        assert await attacker.wait_closed() == CloseCode.FORBIDDEN
        writer.insert(5, "still mine\n")
        async with asyncio.timeout(15):
            while await stored_text(database_url, room_id) != "mine\nstill mine\n":
                await asyncio.sleep(0.05)
    finally:
        await writer.close()
        await attacker.close()
