"""Presence over awareness: server-owned identity, distinct colours, no ghost cursors."""

from __future__ import annotations

from codecollab.collab.identity import PALETTE
from tests.collab.conftest import ClientFactory, Room
from tests.collab.yclient import awareness_users
from tests.conftest import Api


async def test_user_field_is_set_from_the_account(room: Room, connect: ClientFactory) -> None:
    alice = await connect(room.id, room.owner)
    bob = await connect(room.id, room.owner)
    await alice.wait_synced()
    await alice.set_awareness({"user": {"name": "Mallory", "color": "#000"}, "cursor": 3})
    await bob.wait_until(lambda: bool(awareness_users(bob)))
    (user,) = awareness_users(bob)
    assert user["name"] == room.owner["user"]["display_name"]
    assert user["id"] == room.owner["user"]["id"]
    assert user["color"] in PALETTE
    assert bob.awareness[alice.doc.client_id]["cursor"] == 3


async def test_awareness_for_another_clients_id_closes_the_sender_with_4403(
    room: Room, connect: ClientFactory
) -> None:
    alice = await connect(room.id, room.owner)
    mallory = await connect(room.id, room.owner)
    bob = await connect(room.id, room.owner)
    await alice.wait_synced()
    await alice.set_awareness({"cursor": 1})
    await bob.wait_until(lambda: alice.doc.client_id in bob.awareness)
    await mallory.set_awareness({"cursor": 99}, clock=5, client_id=alice.doc.client_id)
    assert await mallory.wait_closed() == 4403
    await alice.set_awareness({"cursor": 2}, clock=2)
    await bob.wait_until(lambda: (bob.awareness.get(alice.doc.client_id) or {}).get("cursor") == 2)


async def test_colours_are_distinct_per_member(
    room: Room, api: Api, connect: ClientFactory
) -> None:
    members = [room.owner] + [
        await api.member_of(room.owner, room.id, "candidate") for _ in range(3)
    ]
    clients = [await connect(room.id, member) for member in members]
    for client in clients:
        await client.wait_synced()
        await client.set_awareness({"cursor": 0})
    watcher = clients[0]
    await watcher.wait_until(lambda: len(awareness_users(watcher)) == len(members))
    colours = {user["color"] for user in awareness_users(watcher)}
    assert len(colours) == len(members)


async def test_colour_is_stable_across_reconnects(room: Room, connect: ClientFactory) -> None:
    seen = []
    for _ in range(2):
        client = await connect(room.id, room.owner)
        await client.wait_synced()
        await client.set_awareness({"cursor": 0})
        await client.wait_until(lambda c=client: bool(awareness_users(c)))
        seen.append(awareness_users(client)[0]["color"])
        await client.close()
    assert seen[0] == seen[1]


async def test_disconnect_removes_the_cursor_for_everyone(
    room: Room, connect: ClientFactory
) -> None:
    alice = await connect(room.id, room.owner)
    bob = await connect(room.id, room.owner)
    await alice.wait_synced()
    await alice.set_awareness({"cursor": 1})
    await bob.wait_until(lambda: bob.awareness.get(alice.doc.client_id) is not None)
    await alice.close()
    await bob.wait_until(lambda: bob.awareness.get(alice.doc.client_id) is None)


async def test_newcomer_sees_existing_cursors(room: Room, connect: ClientFactory) -> None:
    alice = await connect(room.id, room.owner)
    await alice.wait_synced()
    await alice.set_awareness({"cursor": 4})
    await alice.wait_until(lambda: alice.doc.client_id in alice.awareness)
    bob = await connect(room.id, room.owner)
    await bob.wait_until(lambda: bob.awareness.get(alice.doc.client_id) is not None)
