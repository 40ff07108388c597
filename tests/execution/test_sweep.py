"""The execution queue's sweep aborts abandoned jobs and only those (real Redis)."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
from redis.asyncio import from_url
from saq import Worker
from saq.job import Job, Status

from codecollab.execution import sweep
from codecollab.execution.sweep import SweepSafeRedisQueue

pytestmark = pytest.mark.redis


@pytest.fixture
async def queue(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[SweepSafeRedisQueue]:
    url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set: no Redis to test the queue against")
    monkeypatch.setattr(sweep, "DEQUEUE_GRACE_S", 0.3)
    queue = SweepSafeRedisQueue(from_url(url), name="codecollab-sweep-" + secrets.token_hex(6))
    yield queue
    keys = [key async for key in queue.redis.scan_iter(match=f"saq:*{queue.name}*")]
    if keys:
        await queue.redis.delete(*keys)
    await queue.disconnect()


async def dequeued(queue: SweepSafeRedisQueue, **kwargs: Any) -> Job:
    """A job a worker has just taken off the queue but not yet marked active."""
    enqueued = await queue.enqueue("noop", **kwargs)
    assert enqueued is not None
    job = await queue.dequeue()
    assert job is not None
    assert job.status is Status.QUEUED
    return job


async def test_a_job_turning_active_within_the_grace_period_is_not_swept(
    queue: SweepSafeRedisQueue,
) -> None:
    job = await dequeued(queue)

    async def start_running() -> None:
        await asyncio.sleep(0.1)
        job.started = job.touched = queue.started
        await job.update(status=Status.ACTIVE)

    swept, _ = await asyncio.gather(queue.sweep(), start_running())

    assert swept == []
    await job.refresh()
    assert job.status is Status.ACTIVE


async def test_a_job_left_queued_on_the_active_list_goes_back_to_the_queue(
    queue: SweepSafeRedisQueue,
) -> None:
    job = await dequeued(queue)

    swept = await queue.sweep(abort=0.1)

    assert swept == [job.id]
    await job.refresh()
    assert (job.status, job.error) == (Status.QUEUED, "swept")
    assert (await queue.count("active"), await queue.count("queued")) == (0, 1)


async def test_a_job_left_queued_with_no_retries_left_is_aborted(
    queue: SweepSafeRedisQueue,
) -> None:
    job = await dequeued(queue, retries=0)

    swept = await queue.sweep(abort=0.1)

    assert swept == [job.id]
    await job.refresh()
    assert (job.status, job.error) == (Status.ABORTED, "swept")


async def test_a_job_that_finished_keeps_its_result_and_leaves_the_active_list(
    queue: SweepSafeRedisQueue,
) -> None:
    job = await dequeued(queue)
    await job.update(status=Status.COMPLETE, result=42)

    swept = await queue.sweep()

    assert swept == []
    await job.refresh()
    assert (job.status, job.result) == (Status.COMPLETE, 42)
    assert await queue.count("active") == 0


async def test_an_active_job_past_its_timeout_is_swept(queue: SweepSafeRedisQueue) -> None:
    job = await dequeued(queue, timeout=1)
    job.started = job.touched = queue.started - 5_000
    job.attempts = 1
    await job.update(status=Status.ACTIVE)

    swept = await queue.sweep(abort=0.1)

    assert swept == [job.id]
    await job.refresh()
    assert job.status is Status.ABORTED


async def test_jobs_waiting_when_a_worker_starts_are_all_run(queue: SweepSafeRedisQueue) -> None:
    async def double(_ctx: Any, *, value: int) -> int:
        return value * 2

    jobs = [await queue.enqueue("double", value=value) for value in range(8)]
    worker = Worker(queue, functions=[("double", double)], concurrency=2)
    task = asyncio.create_task(worker.start())
    try:
        for job in jobs:
            assert job is not None
            await job.refresh(until_complete=10)
        assert [(job.status, job.result) for job in jobs if job] == [
            (Status.COMPLETE, value * 2) for value in range(8)
        ]
    finally:
        await worker.stop()
        task.cancel()
