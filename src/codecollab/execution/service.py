"""Code execution for the API: the chosen backend, its languages, limits, rate limits, jobs.

Runs go through an executor: the in-process bounded pool by default, the Redis queue to
`codecollab worker` processes when REDIS_URL is set. If no backend works here the service
still starts: it lists no languages and answers every run with 503 and the reason.

The service owns its state, for its lifetime: the languages found (a `LanguageCatalog`), the
results kept for repeats (a bounded `ResultCache`) and the run rate limiter.

Work that needs the sandbox itself (judging a past moment for the timeline) takes a slot of the
in-process pool (`sandbox_slot`) under the same per-user rate limit: nothing that executes code
on behalf of a request reaches the sandbox around the pool.
"""

from __future__ import annotations

import logging
import math
import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Protocol

from limits import parse as parse_rate
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from codecollab import metrics
from codecollab.config import Settings
from codecollab.errors import DomainError, Unavailable, Unprocessable
from codecollab.execution.cache import ResultCache, digest
from codecollab.execution.catalog import LanguageCatalog, LanguageInfo, available_languages
from codecollab.execution.jobs import Job
from codecollab.execution.languages import Language, load_languages
from codecollab.execution.pool import ExecutorBusy, LocalPool
from codecollab.execution.program_files import ProgramFilesError, check_names
from codecollab.execution.queue import ExecutorUnavailable, QueueExecutor
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    ExecutionResult,
    Limits,
    Sandbox,
    SourceFile,
    Status,
)

logger = logging.getLogger(__name__)

RUN_PROCESSES = 64
KIB = 1024
LANGUAGES_TTL_S = 60.0
"""How long languages the queue's workers reported are kept (workers come and go)."""
BUSY_RETRY_AFTER_S = 2
"""What a 503 for a full wait list tells the client to wait before trying again."""
QUEUE_RETRY_AFTER_S = 10
"""... for a queue no worker answers on (workers restart within seconds)."""
NO_BACKEND_RETRY_AFTER_S = 300
"""... on a server with no working sandbox (an operator has to act)."""
CACHED_RESULTS = 128
"""Run results kept for repeats (each holds at most the output limit twice over)."""


class ExecutionUnavailable(Unavailable):
    """No sandbox here, or the queue's workers do not answer (503 with Retry-After)."""


class ExecutionBusy(ExecutionUnavailable):
    """Every slot runs and the wait list is full: a moment later it may not be."""

    retry_after_s = BUSY_RETRY_AFTER_S


class RateLimited(DomainError):
    status_code = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many runs; slow down")
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str] | None:
        return {"Retry-After": str(self.retry_after)}


class Executor(Protocol):
    async def submit(self, job: Job) -> ExecutionResult: ...

    async def close(self) -> None: ...


# --- backend choice ----------------------------------------------------------------------


def _bwrap(settings: Settings) -> Sandbox:
    from codecollab.execution.sandbox.bwrap import BwrapSandbox

    return BwrapSandbox.from_settings(settings)


def _docker(settings: Settings) -> Sandbox:
    from codecollab.execution.sandbox.docker import DockerSandbox

    sandbox: Sandbox = DockerSandbox.from_settings(settings)  # type: ignore[attr-defined,unused-ignore]
    return sandbox


BACKENDS: dict[str, Callable[[Settings], Sandbox]] = {"docker": _docker, "bwrap": _bwrap}


async def select_backend(settings: Settings) -> tuple[Sandbox | None, str]:
    """The configured backend if it works (``auto``: docker if an engine answers, else bwrap),
    or None and why none does."""
    names = (
        ["docker", "bwrap"] if settings.sandbox_backend == "auto" else [settings.sandbox_backend]
    )
    reasons = []
    for name in names:
        try:
            sandbox = BACKENDS[name](settings)
            availability = await sandbox.probe()
        except Exception as exc:  # a backend that cannot even be built is just unavailable
            logger.warning("sandbox backend %s failed to start", name, exc_info=True)
            reasons.append(f"{name}: {exc}")
            continue
        if availability.available:
            logger.info("code execution uses the %s sandbox", name)
            return sandbox, ""
        reasons.append(f"{name}: {availability.reason}")
        await sandbox.close()
    reason = "code execution is unavailable: " + "; ".join(reasons)
    logger.warning(reason)
    return None, reason


# --- limits ------------------------------------------------------------------------------


def run_limits(
    settings: Settings,
    *,
    time_limit_ms: int | None,
    memory_limit_mb: int | None,
    stack_limit_kb: int | None = None,
) -> Limits:
    """The run's limits: what the request asks, within the server's ceilings."""
    cpu_ms = time_limit_ms or settings.execution_time_limit_ms
    if cpu_ms > settings.execution_max_time_limit_ms:
        raise Unprocessable(f"time_limit_ms is at most {settings.execution_max_time_limit_ms}")
    memory = memory_limit_mb * MIB if memory_limit_mb else settings.memory_limit_bytes
    if memory > settings.memory_limit_bytes:
        raise Unprocessable(f"memory_limit_mb is at most {settings.memory_limit_bytes // MIB}")
    if stack_limit_kb is None:  # the server's default, never past the run's memory
        stack = min(settings.sandbox_stack_mb * MIB, memory)
    elif stack_limit_kb * KIB > memory:
        raise Unprocessable(f"stack_limit_kb is at most the memory limit, {memory // KIB} KiB")
    else:
        stack = stack_limit_kb * KIB
    return Limits(
        cpu_time_ms=cpu_ms,
        wall_time_ms=2 * cpu_ms + 1_000,  # room for I/O waits, never unbounded
        memory_bytes=memory,
        processes=RUN_PROCESSES,
        output_bytes=settings.execution_output_limit_bytes,
        cpus=settings.docker_cpu_limit,
        stack_bytes=stack,
    )


LOWERABLE_LIMITS = frozenset({"wall_time_ms", "processes", "file_size_bytes", "open_files"})


def lowered(limits: Limits, lower: Mapping[str, int]) -> Limits:
    """``limits`` with some fields lowered to what ``lower`` asks (a higher value is ignored)."""
    changes = {
        name: min(value, getattr(limits, name))
        for name, value in lower.items()
        if name in LOWERABLE_LIMITS
    }
    return limits.with_(**changes)


def compile_limits(settings: Settings) -> Limits:
    return replace(COMPILE_LIMITS, cpus=settings.docker_cpu_limit)


def check_program(
    language: Language, *, extra_files: Sequence[SourceFile], compiler_options: Sequence[str]
) -> None:
    """Refuse (422, saying why) files the language cannot take beside its entry point and
    compiler options outside its allow-list."""
    try:
        check_names(language.file, [file.name for file in extra_files])
    except ProgramFilesError as exc:
        raise Unprocessable(str(exc)) from exc
    refused = language.refused_option(compiler_options)
    if refused is not None:
        if not language.compiler_options:
            raise Unprocessable(f"{language.name} takes no compiler options (got {refused!r})")
        raise Unprocessable(
            f"compiler option {refused[:64]!r} is not allowed for {language.name}; allowed: "
            + " ".join(language.compiler_options)
        )


# --- the service -------------------------------------------------------------------------


class RunLimiter:
    """Runs per user (moving window), shared through Redis when there is one; fails open."""

    def __init__(self, storage: Storage, rate: str) -> None:
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        self._item = parse_rate(rate)

    @classmethod
    def from_settings(cls, settings: Settings) -> RunLimiter:
        storage: Storage = (
            RedisStorage(f"async+{settings.redis_url}", key_prefix="codecollab-runs")
            if settings.redis_url
            else MemoryStorage()
        )
        return cls(storage, settings.execution_rate_limit)

    async def check(self, user_id: uuid.UUID) -> None:
        try:
            if await self._limiter.hit(self._item, "runs", str(user_id)):
                return
            stats = await self._limiter.get_window_stats(self._item, "runs", str(user_id))
        except Exception:  # the storage is down: an outage must not stop every run
            logger.warning("run rate limiter unavailable; not limiting", exc_info=True)
            return
        raise RateLimited(max(1, math.ceil(stats.reset_time - time.time())))


class ExecutionService:
    def __init__(
        self,
        settings: Settings,
        *,
        executor: Executor | None,
        reason: str,
        catalog: LanguageCatalog,
        local: LocalPool | None = None,
    ) -> None:
        self._settings = settings
        self._executor = executor
        self._local = local
        self._results: ResultCache[ExecutionResult] = ResultCache(CACHED_RESULTS)
        self._reason = reason
        self._catalog = catalog
        self._limiter = RunLimiter.from_settings(settings)

    @classmethod
    def start(cls, settings: Settings, *, sandbox: Sandbox | None, reason: str) -> ExecutionService:
        """Runs go to the Redis queue when REDIS_URL is set, else to a pool on `sandbox`
        (the backend the server selected; None with the reason when none works)."""
        pool = None
        if sandbox is not None:
            pool = LocalPool(
                sandbox,
                workers=settings.execution_workers or os.cpu_count() or 1,
                queue_size=settings.execution_queue_size,
            )
        if settings.redis_url:
            queue = QueueExecutor.from_settings(settings)

            async def from_workers() -> list[LanguageInfo]:
                return [LanguageInfo(**entry) for entry in await queue.languages()]

            return cls(
                settings,
                executor=queue,
                reason="",
                catalog=LanguageCatalog(from_workers, ttl_s=LANGUAGES_TTL_S),
                local=pool,
            )
        if sandbox is None or pool is None:
            empty = LanguageCatalog(None, ttl_s=None)
            return cls(settings, executor=None, reason=reason, catalog=empty)

        async def from_sandbox() -> list[LanguageInfo]:
            return await available_languages(sandbox)

        return cls(
            settings,
            executor=pool,
            reason="",
            catalog=LanguageCatalog(from_sandbox, ttl_s=None),  # toolchains do not change
            local=pool,
        )

    @property
    def local_pool(self) -> LocalPool | None:
        """The in-process pool on this server's sandbox, if it has one."""
        return self._local

    async def languages(self) -> list[LanguageInfo]:
        """What this server can run now (found on first use, then kept by the catalog)."""
        return await self._catalog.languages()

    async def execute(
        self,
        *,
        user_id: uuid.UUID,
        language: str,
        source: str,
        stdin: str,
        time_limit_ms: int | None,
        memory_limit_mb: int | None,
        stack_limit_kb: int | None = None,
        extra_files: Sequence[SourceFile] = (),
        compiler_options: Sequence[str] = (),
        args: Sequence[str] = (),
        redirect_stderr: bool = False,
        reuse: bool = False,
        lower_limits: Mapping[str, int] | None = None,
        charge: bool = True,
    ) -> ExecutionResult:
        """Run once through the executor, within the user's rate limit: ``source`` is the
        entry point, ``extra_files`` sit beside it, ``args`` follow the run command,
        ``redirect_stderr`` writes the program's stderr into its stdout. With
        ``reuse``, a repeat of a run already made (same program, input and limits) is answered
        from the cache without running or counting against the limit. ``lower_limits`` lowers
        fields of the run's ``Limits`` (never raises one past the server's); ``charge=False``
        is for a run already counted with ``charge()`` (the Judge0 API counts when it
        accepts)."""
        if self._executor is None:
            raise ExecutionUnavailable(self._reason, retry_after_s=NO_BACKEND_RETRY_AFTER_S)
        definition = self._language(language)
        check_program(  # with the entry point's own name (Java's is its public class's)
            definition.for_source(source),
            extra_files=extra_files,
            compiler_options=compiler_options,
        )
        limits = run_limits(
            self._settings,
            time_limit_ms=time_limit_ms,
            memory_limit_mb=memory_limit_mb,
            stack_limit_kb=stack_limit_kb,
        )
        if lower_limits:
            limits = lowered(limits, lower_limits)
        job = Job(
            language,
            source,
            stdin,
            limits,
            compile_limits(self._settings),
            extra_files=tuple(extra_files),
            compiler_options=tuple(compiler_options),
            args=tuple(args),
            redirect_stderr=redirect_stderr,
        )
        key = digest(job.to_dict())
        cached = self._results.get(key) if reuse else None
        if cached is not None:
            return cached
        if charge:
            await self._limiter.check(user_id)
        started = time.monotonic()
        try:
            result = await self._executor.submit(job)
        except ExecutorBusy as exc:
            metrics.EXECUTIONS.labels(language, "busy").inc()
            raise ExecutionBusy(str(exc)) from exc
        except ExecutorUnavailable as exc:
            metrics.EXECUTIONS.labels(language, "unavailable").inc()
            raise ExecutionUnavailable(str(exc), retry_after_s=QUEUE_RETRY_AFTER_S) from exc
        metrics.EXECUTIONS.labels(language, result.status.value).inc()
        metrics.EXECUTION_DURATION.labels(language).observe(time.monotonic() - started)
        if reuse and result.status is not Status.INTERNAL_ERROR:
            self._results.put(key, result)
        return result

    def _language(self, language: str) -> Language:
        """The language by id, if this server can run it (else 422)."""
        known = self._catalog.known()
        definition = load_languages().get(language)
        if definition is None or (known is not None and language not in {i.id for i in known}):
            raise Unprocessable(f"language {language!r} is not available on this server")
        return definition

    async def charge(self, user_id: uuid.UUID) -> None:
        """Count one run against the user's rate limit (RateLimited when over it)."""
        await self._limiter.check(user_id)

    @asynccontextmanager
    async def sandbox_slot(self) -> AsyncIterator[Sandbox]:
        """The server's sandbox for one program's work, in a slot of the in-process pool:
        at most its size run at once, the rest wait in its bounded wait list (ExecutionBusy
        when that is full)."""
        if self._local is None:
            raise ExecutionUnavailable(
                self._reason or "code execution is unavailable here",
                retry_after_s=NO_BACKEND_RETRY_AFTER_S,
            )
        try:
            async with self._local.slot() as sandbox:
                yield sandbox
        except ExecutorBusy as exc:  # raised on entry only: the work itself uses the sandbox
            raise ExecutionBusy(str(exc)) from exc

    async def close(self) -> None:
        if self._executor is not None:
            await self._executor.close()
