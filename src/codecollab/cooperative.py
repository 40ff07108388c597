"""Long loops on the event loop hand control back every so often.

Replaying a log (compaction, checkpoints, seeks, analytics) applies thousands of updates, each a
few tens of microseconds of CPU; done in one go it stalls every live room of the process for
tens or hundreds of milliseconds. Iterating through `yielding` lets the loop serve other tasks
between slices of `every` items.

Background replays (snapshot compaction, timeline checkpoints) also take the process's one
`background_slot()`: rooms edited at the same rate reach their thresholds together, and ten
replays interleaving slice by slice would make a live update wait behind ten slices, not one.
Their per-room counters start at `staggered_start(every)`, so rooms that started together (a
batch of interviews on the hour, a benchmark) do not reach their thresholds in the same second
and queue ten replays behind each other.
"""

from __future__ import annotations

import asyncio
import random
import weakref
from collections.abc import AsyncIterator, Iterable
from typing import TypeVar

T = TypeVar("T")

# A slice of replayed updates or events costs at most a few hundred microseconds.
YIELD_EVERY = 16

_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def background_slot() -> asyncio.Lock:
    """The running loop's one slot for background replays: hold it while replaying."""
    loop = asyncio.get_running_loop()
    slot = _slots.get(loop)
    if slot is None:
        slot = _slots[loop] = asyncio.Lock()
    return slot


async def yielding(items: Iterable[T], *, every: int = YIELD_EVERY) -> AsyncIterator[T]:
    """The items of `items`, letting other tasks run after every `every` of them."""
    for index, item in enumerate(items, start=1):
        yield item
        if index % every == 0:
            await asyncio.sleep(0)


def staggered_start(every: int) -> int:
    """Where a per-room counter that triggers background work at `every` starts: a random
    0 to -every/4, so the first trigger comes after `every` to 1.25 x `every` items."""
    return -random.randrange(every // 4 + 1)
