"""Saving a problem written in the web app: its reference solution is judged first, against
every test, on the server's sandbox; the problem is stored only if it passes them all.

The judging happens between two short database sessions, never inside one: on SQLite an open
transaction would hold the database while the sandbox runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.errors import Unprocessable
from codecollab.judge.engine import Judgement, JudgeTest, Verdict
from codecollab.judge.schemas import TestResultPublic, test_result
from codecollab.judge.service import JudgeService
from codecollab.judge.tasks import LanguageCannotAnswer, task_for_spec
from codecollab.problems.authoring import (
    ProblemDraft,
    ProblemForEditing,
    check_author,
    check_can_save,
    check_inline,
    editing_view,
    store_problem,
)
from codecollab.users.models import User

REFUSED = "the reference solution does not pass every test; the problem was not saved"


class ReferenceRejection(BaseModel):
    """Why a save was refused: the reference solution's verdict and every test it failed, with
    their data (the author is staff or an admin)."""

    message: str = REFUSED
    verdict: str
    passed: int
    total: int
    compile_output: str
    failed_tests: list[TestResultPublic]


class ReferenceRejected(Exception):
    def __init__(self, rejection: ReferenceRejection) -> None:
        super().__init__(rejection.message)
        self.rejection = rejection


async def save_problem(
    judge: JudgeService,
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    draft: ProblemDraft,
    actor: User,
    problem_id: uuid.UUID | None = None,
) -> ProblemForEditing:
    """Create (``problem_id`` None) or update a problem once its reference solution passes.

    Forbidden for members; NotFound/Conflict from the checks of `problems.authoring`;
    Unprocessable for an unknown language; ReferenceRejected when a test fails; 503/429 when
    the sandbox is unavailable or the author is over the run rate limit."""
    check_author(actor)
    check_inline(draft.problem)
    async with sessionmaker() as session:
        await check_can_save(session, spec=draft.problem, problem_id=problem_id)
    await judge_reference(judge, draft=draft, actor=actor)
    async with sessionmaker() as session:
        problem = await store_problem(
            session, spec=draft.problem, reference=draft.reference, problem_id=problem_id
        )
        return editing_view(problem)


async def judge_reference(judge: JudgeService, *, draft: ProblemDraft, actor: User) -> None:
    """Run the reference solution on every test; ReferenceRejected unless all pass."""
    language = judge.language(draft.reference.language)
    judge.check_available()
    try:
        task = task_for_spec(draft.problem, language=language, source=draft.reference.source)
    except LanguageCannotAnswer as exc:
        raise Unprocessable(f"reference.language: {exc}") from exc
    await judge.execution.charge(actor.id)
    judgement = await judge.judge(task)  # every test: an author wants every failure
    if judgement.verdict is not Verdict.ACCEPTED:
        raise ReferenceRejected(rejection_of(judgement, task.tests))


def rejection_of(judgement: Judgement, tests: Sequence[JudgeTest]) -> ReferenceRejection:
    failed = [
        test_result(index, test, outcome, reveal=True)
        for index, (test, outcome) in enumerate(zip(tests, judgement.tests, strict=True))
        if outcome.verdict is not Verdict.ACCEPTED
    ]
    return ReferenceRejection(
        verdict=judgement.verdict,
        passed=judgement.passed,
        total=judgement.total,
        compile_output=judgement.compile_output,
        failed_tests=failed,
    )
