"""When each test of a problem room first passed: the code at checkpoint moments, re-judged.

Samples are taken at checkpoint moments (evenly spread, the session's end always included);
identical code is judged once, and a program judged before against the same tests is not judged
again (the verdicts are kept in a bounded cache). Unlike a submission, every test is run (a
failing test does not hide the later ones), so each test's first passing moment is known.

Judging goes through the run limits like any run: a request with anything to judge counts as
one run against the caller's rate limit, and each program is judged in a slot of the execution
pool, so concurrent requests never run more programs at once than the pool allows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.errors import Conflict, Forbidden, Unavailable
from codecollab.execution.cache import SharedResults, digest
from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import COMPILE_LIMITS, Sandbox, SandboxError, Status
from codecollab.execution.service import NO_BACKEND_RETRY_AFTER_S, ExecutionService
from codecollab.judge.engine import JudgeTask, Verdict, test_limits, verdict_of
from codecollab.judge.tasks import can_answer, task_for_problem
from codecollab.problems.models import Problem
from codecollab.problems.service import comparison_of, get_problem
from codecollab.rooms import permissions
from codecollab.rooms.service import get_member_room
from codecollab.timeline.checkpoints import CheckpointWriter, state_at
from codecollab.timeline.models import TimelineCheckpoint
from codecollab.timeline.service import session_span
from codecollab.users import roles
from codecollab.users.models import User

MAX_SAMPLES = 50
CACHED_VERDICTS = 1024
"""Programs whose verdicts are kept (a few bytes per test each)."""

VerdictCache = SharedResults[list[str]]


class ProgressUnavailable(Unavailable):
    """503 with Retry-After: no sandbox here, or it failed."""


class Sample(BaseModel):
    at_ms: int
    language: str | None
    passed: int
    total: int
    verdicts: list[str]
    """Per test, in the problem's order; `compilation_error` for all when it did not build."""


class TestFirstPassed(BaseModel):
    __test__ = False

    index: int
    name: str | None
    visible: bool
    first_passed_at_ms: int | None


class TestProgressPublic(BaseModel):
    samples: list[Sample]
    tests: list[TestFirstPassed]


@dataclass(frozen=True)
class _Moment:
    at_ms: int
    code: str
    language: str | None


async def _problem_for(session: AsyncSession, room_id: uuid.UUID, user: User) -> Problem:
    member_room = await get_member_room(session, room_id=room_id, user=user)
    if not permissions.is_staff(member_room.role):
        raise Forbidden("only the owner and interviewers can read the analytics")
    if member_room.room.problem_id is None:
        raise Conflict("this room has no problem to judge against")
    return await get_problem(session, problem_id=member_room.room.problem_id)


async def _moments(session: AsyncSession, room_id: uuid.UUID, samples: int) -> list[_Moment]:
    started, last = await session_span(session, room_id)
    stamps = list(
        await session.scalars(
            select(TimelineCheckpoint.ts_ms)
            .where(TimelineCheckpoint.room_id == room_id)
            .order_by(TimelineCheckpoint.seq)
        )
    )
    stamps = [stamp for stamp in stamps if stamp < last] + [last]
    step = max(1, -(-len(stamps) // samples))
    chosen = stamps[::-1][::step][::-1][-samples:]
    moments = []
    for ts_ms in chosen:
        state = await state_at(session, room_id, ts_ms=ts_ms)
        moments.append(_Moment(ts_ms - started, state.code, state.language))
    return moments


async def _judge_all(sandbox: Sandbox, task: JudgeTask) -> list[str]:
    """Every test's verdict (none skipped); compile errors count against every test."""
    program = await sandbox.prepare(
        task.language, task.source, limits=task.language.compile_limits_over(COMPILE_LIMITS)
    )
    try:
        compiled = program.compile_result
        if compiled is not None and compiled.status is not Status.OK:
            return [compiled.status.value] * len(task.tests)
        verdicts = []
        for test in task.tests:
            limits = test_limits(
                time_limit_ms=task.time_limit_ms,
                memory_limit_mb=task.memory_limit_mb,
                expected_output=test.output,
            )
            result = await sandbox.run(program, stdin=test.input, limits=limits)
            verdicts.append(verdict_of(result, test).value)
        return verdicts
    finally:
        await sandbox.cleanup(program)


class ProgramJudge:
    """Judges the programs of one problem through the run limits, remembering verdicts."""

    def __init__(
        self, execution: ExecutionService, cache: VerdictCache, problem: Problem, user: User
    ) -> None:
        self._execution = execution
        self._cache = cache
        self._problem = problem
        self._user = user
        self._tests = _tests_digest(problem)
        self._charged = False

    def known(self, moment: _Moment) -> list[str] | None:
        """The moment's verdicts without running anything, if they are known."""
        language = load_languages().get(moment.language or "")
        if language is None or not can_answer(self._problem, language):
            return ["unavailable_language"] * len(self._problem.tests)
        return self._cache.cache.get(self._key(moment))

    async def verdicts(self, moment: _Moment) -> list[str]:
        """The moment's verdicts: known, being judged for another request (then waited for),
        or judged now."""
        known = self.known(moment)
        if known is not None:
            return known
        return await self._cache.get_or_compute(self._key(moment), lambda: self._judge(moment))

    async def _judge(self, moment: _Moment) -> list[str]:
        if not self._charged:  # the request counts as one run, once it has anything to run
            await self._execution.charge(self._user.id)
            self._charged = True
        language = load_languages()[moment.language or ""]
        task = task_for_problem(self._problem, language=language, source=moment.code)
        try:
            async with self._execution.sandbox_slot() as sandbox:
                verdicts = await _judge_all(sandbox, task)
        except (SandboxError, OSError) as exc:
            raise ProgressUnavailable(f"the sandbox failed: {exc}") from exc
        return verdicts

    def _key(self, moment: _Moment) -> str:
        return digest(self._tests, moment.language, moment.code)


def _tests_digest(problem: Problem) -> str:
    """Stands for everything about the problem that decides a verdict."""
    return digest(
        str(problem.id),
        problem.time_limit_ms,
        problem.memory_limit_mb,
        [(test.input, test.output, str(comparison_of(problem, test))) for test in problem.tests],
    )


async def test_progress(
    session: AsyncSession,
    checkpoints: CheckpointWriter,
    execution: ExecutionService,
    cache: VerdictCache,
    *,
    room_id: uuid.UUID,
    user: User,
    samples: int,
) -> TestProgressPublic:
    problem = await _problem_for(session, room_id, user)
    if not problem.tests:
        raise Conflict("the room's problem has no tests")
    if execution.local_pool is None:
        raise ProgressUnavailable(
            "code execution is unavailable on this server", retry_after_s=NO_BACKEND_RETRY_AFTER_S
        )
    await session.close()
    await checkpoints.ensure(room_id)
    moments = await _moments(session, room_id, min(samples, MAX_SAMPLES))
    await session.close()  # no transaction held while judging
    judge = ProgramJudge(execution, cache, problem, user)
    results = []
    for moment in moments:
        verdicts = await judge.verdicts(moment)
        passed = sum(1 for verdict in verdicts if verdict == Verdict.ACCEPTED.value)
        results.append(Sample(**_sample_fields(moment, verdicts, passed)))
    reveal = roles.may_see_hidden_tests(user.role)
    return TestProgressPublic(samples=results, tests=_first_passed(problem, results, reveal))


def _sample_fields(moment: _Moment, verdicts: list[str], passed: int) -> dict[str, object]:
    return {
        "at_ms": moment.at_ms,
        "language": moment.language,
        "passed": passed,
        "total": len(verdicts),
        "verdicts": verdicts,
    }


def _first_passed(
    problem: Problem, samples: list[Sample], reveal_hidden: bool
) -> list[TestFirstPassed]:
    """A hidden test's name is shown to staff and admins only, as in submission results."""
    tests = []
    for index, test in enumerate(problem.tests):
        first = next(
            (s.at_ms for s in samples if s.verdicts[index] == Verdict.ACCEPTED.value), None
        )
        tests.append(
            TestFirstPassed(
                index=index,
                name=test.name if test.visible or reveal_hidden else None,
                visible=test.visible,
                first_passed_at_ms=first,
            )
        )
    return tests
