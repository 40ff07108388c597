"""Long loops on the event loop hand control back every so often.

Replaying a log (compaction, checkpoints, seeks, analytics) applies thousands of updates, each a
few tens of microseconds of CPU; done in one go it stalls every live room of the process for
tens or hundreds of milliseconds. Iterating through `yielding` lets the loop serve other tasks
between slices of `every` items.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import TypeVar

T = TypeVar("T")

YIELD_EVERY = 64


async def yielding(items: Iterable[T], *, every: int = YIELD_EVERY) -> AsyncIterator[T]:
    """The items of `items`, letting other tasks run after every `every` of them."""
    for index, item in enumerate(items, start=1):
        yield item
        if index % every == 0:
            await asyncio.sleep(0)
