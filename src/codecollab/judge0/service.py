"""Judge0 submissions: accepted and stored, run in the background through the execution
service (its queue, limits and per-account rate), finished in the table, called back.

Any server process answers a GET from the table. Runs are tasks of the process that accepted
the submission; a submission whose process died unfinished is marked Internal Error by the
next sweep, which also deletes submissions past the retention period.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.config import Settings, split_allow_list
from codecollab.db import utcnow
from codecollab.errors import DomainError, Unavailable
from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import ExecutionResult, SourceFile, Status
from codecollab.execution.service import ExecutionBusy, ExecutionService
from codecollab.judge0 import program
from codecollab.judge0.callbacks import CallbackPolicy, deliver, is_callback_url
from codecollab.judge0.languages import AvailableLanguage, available
from codecollab.judge0.limits import EffectiveLimits, Maxima, effective_limits
from codecollab.judge0.models import Judge0Submission
from codecollab.judge0.render import DEFAULT_FIELDS, render
from codecollab.judge0.schemas import (
    MAX_SOURCE_CHARS,
    MAX_STDIN_CHARS,
    Errors,
    InvalidSubmission,
    SubmissionRequest,
    decode_text,
    parse_request,
)
from codecollab.judge0.statuses import Judge0Status, verdict

logger = logging.getLogger(__name__)

SWEEP_EVERY_S = 60.0
STALE_AFTER = timedelta(minutes=15)
"""A submission unfinished this long lost its process (runs end within a minute)."""
BUSY_RETRIES = 30
BUSY_PAUSE_S = 1.0

NOT_SUPPORTED_YET = "is not supported yet on this server"
"""For ``redirect_stderr_to_stdout``: the sandbox keeps the two streams apart."""
NOT_ALLOWED = "is not allowed on this server"


class QueueFull(Unavailable):
    """This process holds as many unfinished submissions as it may (Judge0's "queue is full")."""

    retry_after_s = 5


class Judge0Service:
    def __init__(
        self,
        settings: Settings,
        *,
        execution: ExecutionService,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        self._settings = settings
        self._execution = execution
        self._sessionmaker = sessionmaker
        self._callbacks = CallbackPolicy(split_allow_list(settings.judge0_callback_allow))
        self._maxima = Maxima.of(settings)
        self._tasks: set[asyncio.Task[None]] = set()
        self._last_sweep = 0.0

    @property
    def maxima(self) -> Maxima:
        return self._maxima

    async def languages(self) -> dict[int, AvailableLanguage]:
        """The Judge0 language ids this server runs now."""
        return available(await self._execution.languages())

    def check_capacity(self, count: int) -> None:
        """QueueFull unless ``count`` more submissions fit in this process's queue."""
        if len(self._tasks) + count > self._settings.judge0_max_pending:
            raise QueueFull("queue is full")

    # --- accepting ------------------------------------------------------------------------

    async def accept(
        self, data: Any, *, user_id: uuid.UUID, api_key_id: uuid.UUID | None, base64_encoded: bool
    ) -> Judge0Submission:
        """Check and store one submission (InvalidSubmission with Judge0's errors, RateLimited
        when the account is over its run rate); ``start`` runs it."""
        request = parse_request(data)
        stored = await self._prepare(request, base64_encoded=base64_encoded)
        for _ in range(stored["number_of_runs"]):
            await self._execution.charge(user_id)
        submission = Judge0Submission(
            token=str(uuid.uuid4()),
            user_id=user_id,
            api_key_id=api_key_id,
            request=stored,
            status_id=Judge0Status.IN_QUEUE.value,
            created_at=utcnow(),
        )
        async with self._sessionmaker() as session:
            session.add(submission)
            await session.commit()
        await self._sweep_now_and_then()
        return submission

    async def _prepare(self, request: SubmissionRequest, *, base64_encoded: bool) -> dict[str, Any]:
        errors = _unsupported(request)
        languages = await self.languages()
        if request.language_id is None:
            errors.setdefault("language_id", []).append("can't be blank")
        elif request.language_id not in languages:
            errors.setdefault("language_id", []).append(
                f"language with id {request.language_id} doesn't exist"
            )
        if request.source_code is None or not request.source_code.strip():
            errors.setdefault("source_code", []).append("can't be blank")
        if request.callback_url and not is_callback_url(request.callback_url):
            errors.setdefault("callback_url", []).append("is not a valid http(s) URL")
        if errors:
            raise InvalidSubmission(errors)
        texts = {
            name: decode_text(
                getattr(request, name), field=name, base64_encoded=base64_encoded, max_chars=limit
            )
            for name, limit in (
                ("source_code", MAX_SOURCE_CHARS),
                ("stdin", MAX_STDIN_CHARS),
                ("expected_output", MAX_STDIN_CHARS),
            )
        }
        limits = effective_limits(request, self._maxima)
        language = load_languages()[languages[request.language_id or 0].language]
        files = program.additional_files(request.additional_files, language)
        if sum(len(file.content) for file in files) + len(texts["source_code"]) > MAX_SOURCE_CHARS:
            raise InvalidSubmission(
                {"additional_files": [f"the program holds at most {MAX_SOURCE_CHARS} characters"]}
            )
        stack = program.stack_kb(request.stack_limit, memory_kb=limits.memory_limit)
        return {
            # What runs (not shown: Judge0's fields are below).
            "program": {
                "args": program.arguments(request.command_line_arguments),
                "compiler_options": program.compiler_options(request.compiler_options, language),
                "files": [{"name": file.name, "content": file.content} for file in files],
                "stack_limit_kb": stack,
            },
            "language_id": request.language_id,
            "source_code": texts["source_code"],
            "stdin": texts["stdin"] if request.stdin is not None else None,
            "expected_output": (
                texts["expected_output"] if request.expected_output is not None else None
            ),
            **limits.as_fields(),
            "stack_limit": stack if stack is not None else self._default_stack_kb(limits),
            "enable_per_process_and_thread_time_limit": False,
            "enable_per_process_and_thread_memory_limit": False,
            "compiler_options": request.compiler_options or None,
            "command_line_arguments": request.command_line_arguments or None,
            "redirect_stderr_to_stdout": False,
            "additional_files": request.additional_files or None,
            "enable_network": False,
            "callback_url": request.callback_url or None,
        }

    def _default_stack_kb(self, limits: EffectiveLimits) -> int:
        return min(self._settings.sandbox_stack_mb * 1024, limits.memory_limit_mb * 1024)

    # --- running --------------------------------------------------------------------------

    def start(self, submission: Judge0Submission) -> asyncio.Task[None]:
        """Run the submission in the background (this process's task until it is done)."""
        task = asyncio.create_task(self.run(submission.token), name=f"judge0-{submission.token}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def run_and_wait(self, submission: Judge0Submission) -> None:
        """Run the submission and wait for its end (``wait=true``); a client that goes away
        meanwhile does not stop the run, which still ends and calls back."""
        await asyncio.shield(self.start(submission))

    async def run(self, token: str) -> None:
        """Run a stored submission to its end, store the result, call its callback back."""
        async with self._sessionmaker() as session:
            submission = await session.get(Judge0Submission, token)
            if submission is None or submission.status_id != Judge0Status.IN_QUEUE.value:
                return
            submission.status_id = Judge0Status.PROCESSING.value
            await session.commit()
            request = dict(submission.request)
            user_id = submission.user_id
        try:
            status, result = await self._execute(request, user_id=user_id)
        except Exception:  # the submission must end, whatever failed
            logger.exception("judge0 submission %s failed", token)
            status, result = Judge0Status.INTERNAL_ERROR, {"message": "Internal Error"}
        async with self._sessionmaker() as session:
            submission = await session.get(Judge0Submission, token)
            if submission is None:
                return
            submission.status_id = status.value
            submission.result = result
            submission.finished_at = utcnow()
            await session.commit()
            callback_url = submission.request.get("callback_url")
            body = render(
                submission, fields=DEFAULT_FIELDS, base64_encoded=True, language_name=None
            )
        if callback_url:
            try:
                await deliver(self._callbacks, callback_url, body)
            except Exception:  # a callback must never take the run's task down with it
                logger.exception("judge0 callback for %s failed", token)

    async def _execute(
        self, request: dict[str, Any], *, user_id: uuid.UUID
    ) -> tuple[Judge0Status, dict[str, Any]]:
        language = (await self.languages()).get(request["language_id"])
        if language is None:
            return Judge0Status.INTERNAL_ERROR, {"message": "the language is no longer available"}
        limits = EffectiveLimits(
            **{name: request[name] for name in EffectiveLimits.__dataclass_fields__}
        )
        results = []
        for _ in range(limits.number_of_runs):
            result = await self._run_once(language.language, request, limits, user_id=user_id)
            results.append(result)
            if result.status is not Status.OK:
                break
        return _outcome(results, expected_output=request["expected_output"], limits=limits)

    async def _run_once(
        self, language: str, request: dict[str, Any], limits: EffectiveLimits, *, user_id: uuid.UUID
    ) -> ExecutionResult:
        extra = request["program"]
        for _ in range(BUSY_RETRIES):
            try:
                return await self._execution.execute(
                    user_id=user_id,
                    language=language,
                    source=request["source_code"],
                    stdin=request["stdin"] or "",
                    time_limit_ms=limits.kill_after_ms,
                    memory_limit_mb=limits.memory_limit_mb,
                    stack_limit_kb=extra["stack_limit_kb"],
                    extra_files=[SourceFile(**file) for file in extra["files"]],
                    compiler_options=extra["compiler_options"],
                    args=extra["args"],
                    lower_limits=limits.sandbox_overrides(),
                    charge=False,
                )
            except ExecutionBusy:
                await asyncio.sleep(BUSY_PAUSE_S)
            except DomainError as exc:
                return ExecutionResult.internal_error(exc.detail)
        return ExecutionResult.internal_error("every execution slot stayed busy")

    # --- reading --------------------------------------------------------------------------

    async def find(
        self, tokens: Iterable[str], *, user_id: uuid.UUID
    ) -> dict[str, Judge0Submission]:
        """The stored submissions of these tokens that the account made (with any of its keys):
        another account's token reads as unknown."""
        wanted = [token for token in tokens if len(token) <= 36]
        if not wanted:
            return {}
        async with self._sessionmaker() as session:
            rows = await session.scalars(
                select(Judge0Submission).where(
                    Judge0Submission.token.in_(wanted), Judge0Submission.user_id == user_id
                )
            )
            return {row.token: row for row in rows}

    async def _sweep_now_and_then(self) -> None:
        if time.monotonic() - self._last_sweep < SWEEP_EVERY_S:
            return
        self._last_sweep = time.monotonic()
        await self.sweep()

    async def sweep(self) -> None:
        """Delete submissions past the retention period; end those whose process died."""
        now = utcnow()
        async with self._sessionmaker() as session:
            cutoff = now - timedelta(seconds=self._settings.judge0_retention_s)
            await session.execute(
                delete(Judge0Submission).where(Judge0Submission.created_at < cutoff)
            )
            await session.execute(
                update(Judge0Submission)
                .where(
                    Judge0Submission.status_id.in_(
                        [Judge0Status.IN_QUEUE.value, Judge0Status.PROCESSING.value]
                    ),
                    Judge0Submission.created_at < now - STALE_AFTER,
                )
                .values(
                    status_id=Judge0Status.INTERNAL_ERROR.value,
                    result={"message": "the server running it stopped"},
                    finished_at=now,
                )
            )
            await session.commit()

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


def _unsupported(request: SubmissionRequest) -> Errors:
    """Fields this server cannot honour: refused by name, never silently ignored."""
    errors: Errors = {}
    if request.redirect_stderr_to_stdout:
        errors["redirect_stderr_to_stdout"] = [NOT_SUPPORTED_YET]
    for name in (
        "enable_network",
        "enable_per_process_and_thread_time_limit",
        "enable_per_process_and_thread_memory_limit",
    ):
        if getattr(request, name):
            errors[name] = [NOT_ALLOWED]
    return errors


def _seconds(ms: float) -> str:
    return f"{ms / 1000:.3f}"


def _outcome(
    results: list[ExecutionResult], *, expected_output: str | None, limits: EffectiveLimits
) -> tuple[Judge0Status, dict[str, Any]]:
    """The submission's status and result fields from its runs (times and memory averaged over
    the runs, as Judge0 does; the output is the last run's)."""
    last = results[-1]
    judged = verdict(last, expected_output=expected_output, cpu_limit_ms=limits.cpu_limit_ms)
    count = len(results)
    return judged.status, {
        "stdout": last.stdout or None,
        "stderr": last.stderr or None,
        "compile_output": last.compile_output or None,
        "message": judged.message,
        "exit_code": last.exit_code,
        "exit_signal": last.signal,
        "time": _seconds(sum(result.time_ms for result in results) / count),
        "wall_time": _seconds(sum(result.wall_ms for result in results) / count),
        "memory": round(sum(result.memory_kb for result in results) / count),
    }
