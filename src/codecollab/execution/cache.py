"""Results of runs kept for repeats: a bounded, least-recently-used map keyed by a digest.

Reading a session's past (replay runs, test progress) asks for the same program on the same
input again and again; a repeat is answered from here instead of running it again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

V = TypeVar("V")


class ResultCache(Generic[V]):
    """At most ``max_entries`` values; the least recently used goes first."""

    def __init__(self, max_entries: int) -> None:
        self._entries: OrderedDict[str, V] = OrderedDict()
        self._max_entries = max_entries

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> V | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def put(self, key: str, value: V) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)


class SharedResults(Generic[V]):
    """A ResultCache that also joins concurrent work: while one caller computes a key, the
    others wait for it instead of computing the same thing again."""

    def __init__(self, max_entries: int) -> None:
        self.cache: ResultCache[V] = ResultCache(max_entries)
        self._computing: dict[str, asyncio.Event] = {}

    async def get_or_compute(self, key: str, compute: Callable[[], Awaitable[V]]) -> V:
        """The kept value of ``key``, else ``compute()``'s, kept. If that fails (or its caller
        is cancelled) a waiting caller computes it itself."""
        while (known := self.cache.get(key)) is None and key in self._computing:
            await self._computing[key].wait()
        if known is not None:
            return known
        done = self._computing[key] = asyncio.Event()
        try:
            value = await compute()
            self.cache.put(key, value)
            return value
        finally:
            del self._computing[key]
            done.set()


def digest(*parts: object) -> str:
    """A key for ``parts`` (JSON-able values): equal parts, equal key."""
    data = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()
