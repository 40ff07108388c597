"""Judging one program against a problem's tests: compile once, run every test, compare.

Every test runs, so `passed` of `total` is the true count; the overall verdict is the first
failing test's verdict, as contest judges give it. With `stop_on_first_failure` the tests after
the first failure are not run (``skipped``), which bounds how long a too-slow program costs.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from codecollab.execution.languages import Language
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    ExecutionResult,
    Limits,
    Program,
    Sandbox,
    Status,
)
from codecollab.problems.compare import Comparison, outputs_match

RUN_PROCESSES = 64
MIN_OUTPUT_BYTES = 64 * 1024
MAX_OUTPUT_BYTES = 64 * MIB
"""A program may print up to twice the expected output (plus 64 KiB), never more than this."""


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    TIME_LIMIT_EXCEEDED = "time_limit_exceeded"
    MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
    OUTPUT_LIMIT_EXCEEDED = "output_limit_exceeded"
    COMPILATION_ERROR = "compilation_error"
    INTERNAL_ERROR = "internal_error"
    SKIPPED = "skipped"
    """Not run: the program did not compile, or an earlier test failed and the submission
    asked to stop there."""


@dataclass(frozen=True, slots=True)
class JudgeTest:
    name: str | None
    visible: bool
    input: str
    output: str
    comparison: Comparison


@dataclass(frozen=True, slots=True)
class JudgeTask:
    language: Language
    source: str
    tests: Sequence[JudgeTest]
    time_limit_ms: int
    memory_limit_mb: int
    stop_on_first_failure: bool = False


@dataclass(frozen=True, slots=True)
class TestOutcome:
    __test__ = False  # not a pytest test class

    verdict: Verdict
    time_ms: int = 0
    wall_ms: int = 0
    memory_kb: int = 0
    stdout: str = ""
    stderr: str = ""
    exit_code: int | None = None
    signal: int | None = None
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: Verdict
    passed: int
    total: int
    tests: list[TestOutcome]
    compile_output: str = ""
    judge_ms: int = 0
    """Wall time of the whole judging, compile included."""
    compile_wall_ms: int = 0

    @property
    def run_wall_ms(self) -> int:
        """The sum of the test runs' wall times: what the judge cannot avoid spending."""
        return sum(test.wall_ms for test in self.tests)


def test_limits(*, time_limit_ms: int, memory_limit_mb: int, expected_output: str) -> Limits:
    """The limits of one test run: the problem's CPU time and memory, output room for the
    expected answer, and a wall limit that catches a program blocked without using CPU."""
    expected_bytes = len(expected_output.encode())
    output_bytes = min(MAX_OUTPUT_BYTES, max(MIN_OUTPUT_BYTES, 2 * expected_bytes + 64 * 1024))
    return Limits(
        cpu_time_ms=time_limit_ms,
        wall_time_ms=2 * time_limit_ms + 1_000,
        memory_bytes=memory_limit_mb * MIB,
        processes=RUN_PROCESSES,
        output_bytes=output_bytes,
        file_size_bytes=16 * MIB,
    )


def verdict_of(result: ExecutionResult, test: JudgeTest) -> Verdict:
    """``accepted``/``wrong_answer`` where the run was ``ok``, else the run's own status."""
    if result.status is not Status.OK:
        return Verdict(result.status.value)
    if outputs_match(test.output, result.stdout, test.comparison):
        return Verdict.ACCEPTED
    return Verdict.WRONG_ANSWER


async def judge(
    sandbox: Sandbox,
    task: JudgeTask,
    *,
    compile_limits: Limits = COMPILE_LIMITS,
) -> Judgement:
    """Compile ``task.source`` once, then run the tests in order: every one, or up to the first
    failure with ``task.stop_on_first_failure``."""
    if not task.tests:
        raise ValueError("a problem without tests cannot be judged")
    started = time.monotonic()
    program = await sandbox.prepare(
        task.language, task.source, limits=task.language.compile_limits_over(compile_limits)
    )
    try:
        compile_wall_ms = int((time.monotonic() - started) * 1000)
        compiled = program.compile_result
        if compiled is not None and compiled.status is not Status.OK:
            return _not_compiled(compiled, task, compile_wall_ms, started)
        outcomes = await _run_tests(sandbox, program, task)
    finally:
        await sandbox.cleanup(program)
    failed = next((o for o in outcomes if o.verdict is not Verdict.ACCEPTED), None)
    return Judgement(
        verdict=Verdict.ACCEPTED if failed is None else failed.verdict,
        passed=sum(1 for outcome in outcomes if outcome.verdict is Verdict.ACCEPTED),
        total=len(task.tests),
        tests=outcomes,
        compile_output=compiled.compile_output if compiled is not None else "",
        judge_ms=int((time.monotonic() - started) * 1000),
        compile_wall_ms=compile_wall_ms,
    )


async def _run_tests(sandbox: Sandbox, program: Program, task: JudgeTask) -> list[TestOutcome]:
    outcomes: list[TestOutcome] = []
    failed = False
    for test in task.tests:
        if failed and task.stop_on_first_failure:
            outcomes.append(TestOutcome(Verdict.SKIPPED))
            continue
        limits = test_limits(
            time_limit_ms=task.time_limit_ms,
            memory_limit_mb=task.memory_limit_mb,
            expected_output=test.output,
        )
        result = await sandbox.run(program, stdin=test.input, limits=limits)
        outcomes.append(_outcome(result, test))
        failed = failed or outcomes[-1].verdict is not Verdict.ACCEPTED
    return outcomes


def _outcome(result: ExecutionResult, test: JudgeTest) -> TestOutcome:
    return TestOutcome(
        verdict=verdict_of(result, test),
        time_ms=result.time_ms,
        wall_ms=result.wall_ms,
        memory_kb=result.memory_kb,
        stdout=result.stdout,
        stderr=result.stderr,
        exit_code=result.exit_code,
        signal=result.signal,
        truncated=result.truncated,
    )


def _not_compiled(
    compiled: ExecutionResult, task: JudgeTask, compile_wall_ms: int, started: float
) -> Judgement:
    verdict = Verdict(compiled.status.value)
    return Judgement(
        verdict=verdict,
        passed=0,
        total=len(task.tests),
        tests=[TestOutcome(Verdict.SKIPPED) for _ in task.tests],
        compile_output=compiled.compile_output or compiled.stderr,
        judge_ms=int((time.monotonic() - started) * 1000),
        compile_wall_ms=compile_wall_ms,
    )
