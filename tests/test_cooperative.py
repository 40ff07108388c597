"""Long loops on the event loop let other tasks run between slices."""

from __future__ import annotations

import asyncio

from codecollab.cooperative import yielding


async def test_yielding_gives_every_item_in_order() -> None:
    assert [item async for item in yielding(range(200), every=7)] == list(range(200))


async def test_yielding_lets_other_tasks_run_between_slices() -> None:
    seen_by_other_task: list[int] = []
    consumed = 0

    async def watch() -> None:
        while consumed < 300:
            seen_by_other_task.append(consumed)
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    await asyncio.sleep(0)
    async for _item in yielding(range(300), every=100):
        consumed += 1
    await watcher
    # The other task ran after each slice of 100, never in the middle of one.
    assert seen_by_other_task == [0, 100, 200]


async def test_a_loop_without_yielding_starves_other_tasks() -> None:
    """The behaviour `yielding` exists to avoid: a plain loop runs to its end in one go."""
    seen_by_other_task: list[int] = []
    consumed = 0

    async def watch() -> None:
        while consumed < 300:
            seen_by_other_task.append(consumed)
            await asyncio.sleep(0)

    watcher = asyncio.create_task(watch())
    await asyncio.sleep(0)
    for _item in range(300):
        consumed += 1
    await watcher
    assert seen_by_other_task == [0]
