"""A guest's token opens their room's documents by the room role, and no other room's."""

from __future__ import annotations

from typing import Any

from codecollab.collab.closecodes import CloseCode
from tests.collab.conftest import ClientFactory, Room
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
