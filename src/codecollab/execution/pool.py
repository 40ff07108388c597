"""The in-process executor: a bounded number of concurrent runs behind a bounded wait list."""

from __future__ import annotations

import asyncio

from codecollab.execution.jobs import Job, run_job
from codecollab.execution.sandbox.base import ExecutionResult, Sandbox


class ExecutorBusy(Exception):
    """Every slot is running and the wait list is full."""


class LocalPool:
    def __init__(self, sandbox: Sandbox, *, workers: int, queue_size: int) -> None:
        self._sandbox = sandbox
        self._slots = asyncio.Semaphore(workers)
        self._capacity = workers + queue_size
        self._pending = 0

    @property
    def pending(self) -> int:
        """Jobs running or waiting."""
        return self._pending

    async def submit(self, job: Job) -> ExecutionResult:
        if self._pending >= self._capacity:
            raise ExecutorBusy("too many runs in progress; try again shortly")
        self._pending += 1
        try:
            async with self._slots:
                return await run_job(self._sandbox, job)
        finally:
            self._pending -= 1

    async def close(self) -> None:
        await self._sandbox.close()
