"""A guest's token opens their room's documents by the room role, and no other room's."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI

from codecollab.collab.closecodes import CloseCode
from codecollab.events import types as event_types
from tests.collab.conftest import ClientFactory, Room, stored_events
from tests.collab.yclient import awareness_users
from tests.conftest import Api


async def _guest(api: Api, room: Room, role: str = "candidate") -> dict[str, Any]:
    invite = await api.invite(room.owner, room.id, role)
    response = await api.http.post(
        "/api/rooms/join", json={"invite_token": invite["token"], "guest_name": "Gus"}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _refused(connect: ClientFactory, room_id: str, account: dict[str, Any], **kw: Any) -> int:
    client = await connect(room_id, account, handshake=False, **kw)
    code = await client.wait_closed()
    assert client.received == 0, "a refused connection must learn nothing"
    return code


async def test_a_guest_candidates_edits_reach_the_owner(
    room: Room, api: Api, connect: ClientFactory
) -> None:
    guest = await _guest(api, room)
    owner = await connect(room.id, room.owner)
    writer = await connect(room.id, guest)
    await owner.wait_synced()
    await writer.wait_synced()
    writer.insert(len(str(writer.text)), "# by the guest")
    await owner.wait_until(lambda: "# by the guest" in str(owner.text))


async def test_a_guest_is_named_in_presence(room: Room, api: Api, connect: ClientFactory) -> None:
    guest = await _guest(api, room)
    owner = await connect(room.id, room.owner)
    writer = await connect(room.id, guest)
    await writer.wait_synced()
    await writer.set_awareness({"user": {"name": "Someone else"}, "cursor": 0})
    await owner.wait_until(lambda: bool(awareness_users(owner)))
    (user,) = awareness_users(owner)
    assert (user["name"], user["id"]) == ("Gus", guest["user"]["id"])


async def test_a_guest_cannot_open_the_private_notes(
    room: Room, api: Api, connect: ClientFactory
) -> None:
    guest = await _guest(api, room)
    assert await _refused(connect, room.id, guest, notes=True) == CloseCode.FORBIDDEN


async def test_a_guest_cannot_open_another_room(
    room: Room, api: Api, connect: ClientFactory
) -> None:
    guest = await _guest(api, room)
    other = await api.create_room(room.owner, "Other")
    assert await _refused(connect, other["id"], guest) == CloseCode.NOT_FOUND


async def test_a_connected_guest_is_named_in_the_replay(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    guest = await _guest(api, room)
    client = await connect(room.id, guest)
    await client.wait_synced()
    async with asyncio.timeout(10):  # the recorder writes the join asynchronously
        while not any(
            event.type == event_types.PRESENCE_JOINED
            for event in await stored_events(collab_app, room.id)
        ):
            await asyncio.sleep(0.02)
    response = await api.http.get(
        f"/api/rooms/{room.id}/replay", params={"at_ms": 10**12}, headers=api.auth(room.owner)
    )
    present = {user["user_id"]: user["name"] for user in response.json()["present"]}
    assert present == {guest["user"]["id"]: "Gus"}
