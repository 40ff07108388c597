"""The in-process executor: a bounded number of concurrent runs behind a bounded wait list."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from codecollab.execution.jobs import Job, run_job
from codecollab.execution.sandbox.base import ExecutionResult, Sandbox


class ExecutorBusy(Exception):
    """Every slot is running and the wait list is full."""


class LocalPool:
    def __init__(self, sandbox: Sandbox, *, workers: int, queue_size: int) -> None:
        self._sandbox = sandbox
        self._slots = asyncio.Semaphore(workers)
        self.workers = workers
        self._capacity = workers + queue_size
        self._pending = 0
        self._running = 0
        self.peak_running = 0
        """The most jobs that ever ran at once (never more than ``workers``)."""
        self.started = 0
        """Jobs that got a slot, ever."""

    @property
    def pending(self) -> int:
        """Jobs running or waiting."""
        return self._pending

    @property
    def running(self) -> int:
        """Jobs holding a slot now."""
        return self._running

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[Sandbox]:
        """The sandbox, for one job's work (a run, or judging one program) in one of the
        pool's slots, after waiting in the bounded wait list; ExecutorBusy when it is full."""
        if self._pending >= self._capacity:
            raise ExecutorBusy("too many runs in progress; try again shortly")
        self._pending += 1
        try:
            async with self._slots:
                self._running += 1
                self.started += 1
                self.peak_running = max(self.peak_running, self._running)
                try:
                    yield self._sandbox
                finally:
                    self._running -= 1
        finally:
            self._pending -= 1

    async def submit(self, job: Job) -> ExecutionResult:
        async with self.slot() as sandbox:
            return await run_job(sandbox, job)

    async def close(self) -> None:
        """Nothing to release: the sandbox belongs to whoever selected it (the app)."""
