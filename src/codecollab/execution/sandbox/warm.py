"""A pool of pre-started sandboxes, so starting one is off the request path.

A *shape* is everything fixed when a sandbox starts (for bubblewrap: the command, its
environment, the rlimits and cgroup limits, the mount layout). For each shape in use the pool
keeps up to ``size`` sandboxes started and blocked before their program runs; a request takes
one (or, when none is ready, waits for one started just for it) and, once that run is over,
the pool starts a replacement in the background (after the run, so that starting it does not
compete with the run for the CPU; with two kept per shape the next request still finds one).
A sandbox is used by exactly one run and then destroyed: the pool never reuses one, it only
starts them early.

Sandboxes are started on the pool's own threads, which live as long as the pool: a started
process's parent-death signal (bwrap ``--die-with-parent``) fires when the *thread* that
forked it exits, and the pool must not depend on any one event loop (the server has one, the
tests one per test).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, Protocol, TypeVar

logger = logging.getLogger(__name__)

STARTERS = 2
"""Threads starting sandboxes (a request's own start never waits behind more than one refill)."""


class Warm(Protocol):
    def alive(self) -> bool:
        """Still blocked and usable."""
        ...

    def destroy(self) -> None:
        """Kill it and release everything it holds (never run)."""
        ...


S = TypeVar("S", bound=Hashable)
W = TypeVar("W", bound=Warm)


class WarmPool(Generic[S, W]):
    def __init__(self, start: Callable[[S], W], *, size: int, shapes: int) -> None:
        self._start = start
        self._size = size
        self._shapes = shapes
        self._executor = ThreadPoolExecutor(STARTERS, thread_name_prefix="codecollab-sandbox")
        self._idle: OrderedDict[S, list[W]] = OrderedDict()
        self._starting: Counter[S] = Counter()
        self._changed = threading.Condition()
        self._closed = False

    async def take(self, shape: S) -> W:
        """A ready sandbox of this shape: pre-started if one is idle, else started now. Call
        ``refill(shape)`` when its run is over."""
        warm: W | None = None
        dead: list[W] = []
        with self._changed:
            if self._closed:
                raise RuntimeError("the sandbox pool is closed")
            idle = self._idle.get(shape, [])
            while idle and warm is None:
                candidate = idle.pop()
                if candidate.alive():
                    warm = candidate
                else:
                    dead.append(candidate)
        for candidate in dead:
            self._executor.submit(candidate.destroy)
        if warm is None:
            return await asyncio.wrap_future(self._executor.submit(self._start, shape))
        return warm

    async def start(self, shape: S) -> W:
        """A sandbox of this shape started now, on the pool's threads, and not kept warm."""
        return await asyncio.wrap_future(self._executor.submit(self._start, shape))

    def refill(self, shape: S) -> None:
        """Start sandboxes of this shape in the background until ``size`` are kept."""
        evicted: list[W] = []
        with self._changed:
            if self._closed:
                return
            self._idle.setdefault(shape, [])
            self._idle.move_to_end(shape)
            while len(self._idle) > self._shapes:  # least recently used shapes go cold
                _, dropped = self._idle.popitem(last=False)
                evicted += dropped
            wanted = self._size - len(self._idle[shape]) - self._starting[shape]
            self._starting[shape] += max(0, wanted)
        for warm in evicted:
            self._executor.submit(warm.destroy)
        for _ in range(wanted):
            self._executor.submit(self._fill, shape)

    def _fill(self, shape: S) -> None:
        warm: W | None
        try:
            warm = self._start(shape)
        except Exception:
            logger.warning("could not pre-start a sandbox", exc_info=True)
            warm = None
        with self._changed:
            self._starting[shape] -= 1
            if warm is not None and not self._closed and shape in self._idle and warm.alive():
                self._idle[shape].append(warm)
                warm = None
            self._changed.notify_all()
        if warm is not None:
            warm.destroy()

    def idle(self) -> list[W]:
        """The sandboxes started ahead and waiting for a run."""
        with self._changed:
            return [warm for warms in self._idle.values() for warm in warms]

    def drain(self) -> None:
        """Wait until no sandbox is being started in the background."""
        with self._changed:
            while sum(self._starting.values()) > 0:
                self._changed.wait()

    def close(self) -> None:
        """Destroy every idle sandbox and stop the threads (waits for starts in progress)."""
        with self._changed:
            self._closed = True
            idle = [warm for warms in self._idle.values() for warm in warms]
            self._idle.clear()
        for warm in idle:
            warm.destroy()
        self._executor.shutdown(wait=True)
