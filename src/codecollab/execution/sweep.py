"""saq's Redis queue with a sweep that leaves a just-dequeued job alone.

A saq worker moves a job from the queued list to the active list (BLMOVE) and only then marks it
active. saq 0.26's sweep treats every job on the active list whose status is not `active` as
abandoned and aborts it, so a sweep landing between those two steps aborts a job that is about to
run, and the caller sees "swept" (tobymao/saq#277). Each worker sweeps as it starts, so a worker
starting while runs wait hit this every time. Here a job still marked `queued` on the active list
is given a grace period to turn active before it counts as abandoned, and a job that finished
while the sweep looked is only taken off the active list, never re-marked aborted.
"""

from __future__ import annotations

import asyncio
import logging

from saq.job import Job, Status
from saq.queue.redis import RedisQueue

logger = logging.getLogger(__name__)

DEQUEUE_GRACE_S = 1.0
"""How long a dequeued job may stay `queued` before a sweep takes it for abandoned."""

_CLAIM_ACTIVE = """
if redis.call('EXISTS', KEYS[1]) == 0 then
    redis.call('SETEX', KEYS[1], ARGV[1], 1)
    return redis.call('LRANGE', KEYS[2], 0, -1)
end
return {}
"""


class SweepSafeRedisQueue(RedisQueue):
    """A `RedisQueue` whose sweep waits out the dequeue-to-active window."""

    async def sweep(self, lock: int = 60, abort: float = 5.0) -> list[str]:
        claim = self.redis.register_script(_CLAIM_ACTIVE)
        claimed: list[bytes] = await claim(keys=[self._sweep, self._active], args=[lock])
        swept = []
        for job_id in (raw.decode() for raw in claimed):
            job = await self._settled(job_id)
            if job is None:
                await self._off_active_list(job_id)
                logger.info("Sweeping missing job %s", job_id)
            elif job.status is Status.ACTIVE and not job.stuck:
                continue
            elif job.status in (Status.COMPLETE, Status.FAILED, Status.ABORTED):
                await self._off_active_list(job_id)
                continue
            else:
                await self._sweep_job(job, abort)
            swept.append(job_id)
        return swept

    async def _settled(self, job_id: str) -> Job | None:
        """The job, once it has left the `queued` state or the grace period is over."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + DEQUEUE_GRACE_S
        while True:
            job = await self._get_job_by_id(job_id)
            if job is None or job.status is not Status.QUEUED or loop.time() >= deadline:
                return job
            await asyncio.sleep(0.05)

    async def _sweep_job(self, job: Job, abort: float) -> None:
        logger.info("Sweeping job %s", job.info(logger.isEnabledFor(logging.DEBUG)))
        await self.abort(job, error=self.swept_error_message)
        try:
            await job.refresh(abort)
        except TimeoutError:
            logger.info("Could not abort job %s", job.id)
        if job.retryable:
            await self.retry(job, error=self.swept_error_message)
        else:
            await self.finish(job, Status.ABORTED, error=self.swept_error_message)

    async def _off_active_list(self, job_id: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.lrem(self._active, 0, job_id)
            pipe.zrem(self._incomplete, job_id)
            await pipe.execute()
