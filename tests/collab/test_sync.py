"""Two or more clients of one room converge; state is loaded before the first sync."""

from __future__ import annotations

from tests.collab.conftest import ClientFactory, Room


async def test_edits_reach_every_client(room: Room, connect: ClientFactory) -> None:
    alice = await connect(room.id, room.owner)
    bob = await connect(room.id, room.owner)
    await alice.wait_synced()
    await bob.wait_synced()
    alice.insert(0, "hello")
    await bob.wait_until(lambda: str(bob) == "hello")
    bob.insert(5, " world")
    await alice.wait_until(lambda: str(alice) == "hello world")


async def test_late_joiner_receives_the_document(room: Room, connect: ClientFactory) -> None:
    alice = await connect(room.id, room.owner)
    await alice.wait_synced()
    alice.insert(0, "def f(): pass")
    await alice.wait_until(lambda: alice.received >= 2)
    carol = await connect(room.id, room.owner)
    await carol.wait_until(lambda: str(carol) == "def f(): pass")
