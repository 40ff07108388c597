"""Problems written in the web app: the draft an author sends, and storing it.

A draft is the problem file's own model (`files.ProblemSpec`, validated exactly as an import is)
plus a reference solution. The judging of that solution spans domains and lives in
`flows/problem_authoring.py`; this module checks who may author, what may be saved, and saves.

Edits are in place: a room refers to its problem by id and reads it when it is judged, so a room
set to an edited problem keeps working and its next submission is judged against the new tests.
A problem's slug never changes (a bank problem's id derives from it, see `problem_id_for`).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, StringConstraints
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.db import utcnow
from codecollab.errors import Conflict, Forbidden, Unprocessable
from codecollab.problems.files import MAX_STARTER_CHARS, LanguageKey, ProblemSpec
from codecollab.problems.models import Problem, ProblemTest
from codecollab.problems.service import (
    apply_spec,
    content_hash,
    get_problem,
    problem_id_for,
    spec_of,
    test_rows,
)
from codecollab.schemas import RequestBody
from codecollab.users import roles
from codecollab.users.models import User
from codecollab.validation import CLEAN

AUTHORS_ONLY = "only staff and admins can write problems"

SolutionSource = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_STARTER_CHARS), CLEAN
]


class ReferenceSolution(RequestBody):
    """The program that must pass every test before the problem is saved."""

    language: LanguageKey
    source: SolutionSource


class ProblemDraft(RequestBody):
    """A problem as an author saves it: the problem file's fields (JSON, every test inline) and
    the reference solution."""

    problem: ProblemSpec
    reference: ReferenceSolution


class ProblemForEditing(BaseModel):
    """Everything an author edits, hidden tests and the reference solution included."""

    id: uuid.UUID
    problem: ProblemSpec
    reference: ReferenceSolution | None


def check_author(actor: User) -> None:
    if not roles.may_author_problems(actor.role):
        raise Forbidden(AUTHORS_ONLY)


def check_inline(spec: ProblemSpec) -> None:
    """A draft has no directory: every test holds its data inline (as an upload must)."""
    if not spec.inline():
        raise Unprocessable("tests must hold their input and output inline, not name files")


async def check_can_save(
    session: AsyncSession, *, spec: ProblemSpec, problem_id: uuid.UUID | None
) -> None:
    """A new problem needs a free slug (409); an edited one must exist (404) and keep its slug
    (409)."""
    if problem_id is None:
        taken = await session.scalar(select(Problem.id).where(Problem.slug == spec.slug))
        if taken is not None:
            raise Conflict(f"a problem with the slug {spec.slug!r} already exists")
        return
    problem = await get_problem(session, problem_id=problem_id)
    if problem.slug != spec.slug:
        raise Conflict(f"a problem's slug cannot change (it is {problem.slug!r})")


async def store_problem(
    session: AsyncSession,
    *,
    spec: ProblemSpec,
    reference: ReferenceSolution,
    problem_id: uuid.UUID | None,
) -> Problem:
    """Create the problem, or replace an existing one's content and tests, and commit."""
    await check_can_save(session, spec=spec, problem_id=problem_id)
    if problem_id is None:
        problem = Problem(id=problem_id_for(spec.slug), slug=spec.slug, created_at=utcnow())
        session.add(problem)
    else:
        problem = await get_problem(session, problem_id=problem_id)
        await session.execute(delete(ProblemTest).where(ProblemTest.problem_id == problem.id))
    apply_spec(problem, spec, content_hash(spec))
    problem.reference_language = reference.language
    problem.reference_solution = reference.source
    try:
        await session.flush()
        session.add_all(test_rows(problem.id, spec.tests))
        await session.commit()
    except IntegrityError as exc:  # another author saved the same slug meanwhile
        await session.rollback()
        raise Conflict(f"a problem with the slug {spec.slug!r} already exists") from exc
    return await get_problem(session, problem_id=problem.id)


async def problem_for_editing(
    session: AsyncSession, *, problem_id: uuid.UUID, actor: User
) -> ProblemForEditing:
    """The whole problem for its editor: staff and admins only (403), 404 if unknown."""
    check_author(actor)
    return editing_view(await get_problem(session, problem_id=problem_id))


def editing_view(problem: Problem) -> ProblemForEditing:
    reference = None
    if problem.reference_language and problem.reference_solution:
        reference = ReferenceSolution(
            language=problem.reference_language, source=problem.reference_solution
        )
    return ProblemForEditing(id=problem.id, problem=spec_of(problem), reference=reference)
