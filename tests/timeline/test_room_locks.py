"""The checkpoint builders' per-room locks: exclusive per room, and kept only while in use."""

from __future__ import annotations

import asyncio
import uuid

from codecollab.timeline.checkpoints import RoomLocks


async def test_one_holder_per_room_and_nothing_kept_after() -> None:
    locks = RoomLocks()
    room = uuid.uuid4()
    inside: list[str] = []

    async def build(name: str) -> None:
        async with locks.hold(room):
            inside.append(name)
            assert len(inside) == 1
            await asyncio.sleep(0.01)
            inside.remove(name)

    await asyncio.gather(build("recorder"), build("replay"), build("analytics"))
    assert len(locks) == 0


async def test_rooms_do_not_wait_for_each_other() -> None:
    locks = RoomLocks()
    async with locks.hold(uuid.uuid4()):
        async with asyncio.timeout(1):
            async with locks.hold(uuid.uuid4()):
                assert len(locks) == 2
    assert len(locks) == 0
