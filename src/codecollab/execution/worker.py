"""`codecollab worker`: runs execution jobs from the shared Redis queue in this machine's sandbox.

Concurrency is the CPU count (or CODECOLLAB_EXECUTION_WORKERS). Start as many workers, on as
many machines, as the load needs; each picks the sandbox backend like the server does.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
from typing import Any

from saq import Worker

from codecollab.config import Settings
from codecollab.execution import queue
from codecollab.execution.catalog import LanguageInfo, available_languages
from codecollab.execution.jobs import Job, result_to_dict, run_job
from codecollab.execution.sandbox.base import Sandbox
from codecollab.execution.service import select_backend

logger = logging.getLogger(__name__)


class WorkerUnavailable(Exception):
    """This machine cannot run code; the message says why."""


@dataclasses.dataclass
class _State:
    sandbox: Sandbox
    languages: asyncio.Future[list[LanguageInfo]] | None = None


def _functions(state: _State) -> list[Any]:
    async def execute_job(_ctx: Any, *, job: dict[str, Any]) -> dict[str, Any]:
        return result_to_dict(await run_job(state.sandbox, Job.from_dict(job)))

    async def list_languages(_ctx: Any) -> list[dict[str, str]]:
        if state.languages is None:
            state.languages = asyncio.ensure_future(available_languages(state.sandbox))
        return [dataclasses.asdict(info) for info in await asyncio.shield(state.languages)]

    return [(queue.EXECUTE, execute_job), (queue.LANGUAGES, list_languages)]


async def run_worker(settings: Settings) -> None:
    """Serve jobs until cancelled (SIGINT/SIGTERM through asyncio.run's cancellation)."""
    if not settings.redis_url:
        raise WorkerUnavailable("the worker needs REDIS_URL (the shared execution queue)")
    sandbox, reason = await select_backend(settings)
    if sandbox is None:
        raise WorkerUnavailable(reason)
    state = _State(sandbox)
    concurrency = settings.execution_workers or os.cpu_count() or 1
    worker = Worker(queue.connect(settings), functions=_functions(state), concurrency=concurrency)
    logger.info("execution worker: %s sandbox, %d at a time", sandbox.name, concurrency)
    try:
        await worker.start()
    finally:
        await worker.stop()
        await sandbox.close()
