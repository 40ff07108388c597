"""The shared execution queue (saq on Redis): the server enqueues, `codecollab worker`s run.

Used instead of the in-process pool when REDIS_URL is set, so execution scales out to more
machines. The server waits for each result through Redis pub/sub, not by polling.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from redis import asyncio as aioredis
from redis.exceptions import RedisError
from saq.job import Job as QueueJob
from saq.job import Status as JobStatus

from codecollab.config import Settings
from codecollab.execution.jobs import Job, result_from_dict
from codecollab.execution.pool import ExecutorBusy
from codecollab.execution.sandbox.base import ExecutionResult
from codecollab.execution.sweep import SweepSafeRedisQueue

EXECUTE = "execute_job"
LANGUAGES = "list_languages"
SLACK_S = 30
"""Time beyond a job's own limits for queueing, start-up and cleanup."""
LANGUAGES_TIMEOUT_S = 60

logger = logging.getLogger(__name__)


class ExecutorUnavailable(Exception):
    """No worker took or finished the job."""


def connect(settings: Settings) -> SweepSafeRedisQueue:
    assert settings.redis_url
    redis = aioredis.from_url(settings.redis_url)
    return SweepSafeRedisQueue(redis, name=settings.execution_queue_name)


class QueueExecutor:
    def __init__(self, queue: SweepSafeRedisQueue, *, capacity: int) -> None:
        self._queue = queue
        self._capacity = capacity

    @classmethod
    def from_settings(cls, settings: Settings) -> QueueExecutor:
        return cls(connect(settings), capacity=settings.execution_queue_size)

    async def submit(self, job: Job) -> ExecutionResult:
        try:
            waiting = await self._queue.count("queued")
        except (RedisError, OSError) as exc:
            raise ExecutorUnavailable(f"the execution queue is unreachable: {exc}") from exc
        if waiting >= self._capacity:
            raise ExecutorBusy("too many runs waiting; try again shortly")
        budget_s = (job.compile_limits.wall_time_ms + job.limits.wall_time_ms) / 1000 + SLACK_S
        result = await self._call(EXECUTE, budget_s, job=job.to_dict())
        return result_from_dict(result)

    async def languages(self) -> list[dict[str, str]]:
        """The languages the workers can run, as a worker reports them."""
        result: list[dict[str, str]] = await self._call(LANGUAGES, LANGUAGES_TIMEOUT_S)
        return result

    async def _call(self, function: str, timeout_s: float, **kwargs: Any) -> Any:
        try:
            queued = await self._queue.enqueue(
                function, timeout=int(timeout_s), retries=1, **kwargs
            )
            if queued is None:
                raise ExecutorUnavailable("the execution queue refused the job")
            with contextlib.suppress(TimeoutError):
                await queued.refresh(until_complete=timeout_s)
            await queued.refresh()
            return await self._outcome(queued)
        except (RedisError, OSError) as exc:
            raise ExecutorUnavailable(f"the execution queue is unreachable: {exc}") from exc

    async def _outcome(self, queued: QueueJob) -> Any:
        if queued.status is JobStatus.COMPLETE:
            return queued.result
        if queued.status not in (JobStatus.FAILED, JobStatus.ABORTED):
            await self._queue.abort(queued, "no worker finished the job in time")
            raise ExecutorUnavailable("no execution worker answered in time")
        raise ExecutorUnavailable(f"the execution worker failed: {queued.error or queued.status}")

    async def close(self) -> None:
        try:
            await self._queue.disconnect()
        except (RedisError, OSError):  # nothing left to release on a connection that is gone
            logger.warning("the execution queue was unreachable at shutdown", exc_info=True)
