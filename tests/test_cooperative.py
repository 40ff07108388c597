"""Long loops on the event loop let other tasks run between slices."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable

from codecollab.cooperative import background_slot, staggered_start, yielding


class Counted:
    """Counts the items a loop consumed; `watch` notes the count each time it gets to run."""

    def __init__(self) -> None:
        self.consumed = 0
        self.seen_by_other_task: list[int] = []

    async def watch(self, until: int) -> None:
        while self.consumed < until:
            self.seen_by_other_task.append(self.consumed)
            await asyncio.sleep(0)


async def _consume_async(counted: Counted, items: AsyncIterator[int]) -> None:
    async for _item in items:
        counted.consumed += 1


def _consume(counted: Counted, items: Iterable[int]) -> None:
    for _item in items:
        counted.consumed += 1


async def test_yielding_gives_every_item_in_order() -> None:
    assert [item async for item in yielding(range(200), every=7)] == list(range(200))


async def test_yielding_lets_other_tasks_run_between_slices() -> None:
    counted = Counted()
    watcher = asyncio.create_task(counted.watch(until=300))
    await asyncio.sleep(0)
    await _consume_async(counted, yielding(range(300), every=100))
    await watcher
    # The other task ran after each slice of 100, never in the middle of one.
    assert counted.seen_by_other_task == [0, 100, 200]


async def test_a_loop_without_yielding_starves_other_tasks() -> None:
    """The behaviour `yielding` exists to avoid: a plain loop runs to its end in one go."""
    counted = Counted()
    watcher = asyncio.create_task(counted.watch(until=300))
    await asyncio.sleep(0)
    _consume(counted, range(300))
    await watcher
    assert counted.seen_by_other_task == [0]


async def test_background_replays_run_one_at_a_time() -> None:
    order: list[tuple[str, int]] = []

    async def replay(name: str) -> None:
        async with background_slot():
            async for item in yielding(range(3), every=1):
                order.append((name, item))

    await asyncio.gather(replay("first"), replay("second"))
    assert order == [(name, item) for name in ("first", "second") for item in range(3)]


async def test_each_event_loop_has_its_own_background_slot() -> None:
    async def slot_id() -> int:
        return id(background_slot())

    here = await slot_id()
    elsewhere = await asyncio.to_thread(asyncio.run, slot_id())
    assert here != elsewhere
    assert await slot_id() == here


def test_a_staggered_start_delays_the_first_trigger_by_at_most_a_quarter() -> None:
    starts = {staggered_start(1000) for _ in range(2000)}
    assert min(starts) >= -250
    assert max(starts) <= 0


def test_rooms_started_together_get_different_starts() -> None:
    assert len({staggered_start(1000) for _ in range(10)}) > 1
