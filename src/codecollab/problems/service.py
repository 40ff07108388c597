"""The problem bank: seeding from files, import/export, listing, reading hidden tests."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from codecollab.db import utcnow
from codecollab.errors import Forbidden, NotFound
from codecollab.problems.compare import Comparison, ComparisonMode
from codecollab.problems.files import (
    ProblemFileError,
    ProblemSpec,
    TestSpec,
    dump_problem,
    load_problem_file,
)
from codecollab.problems.models import Problem, ProblemTest
from codecollab.users import roles
from codecollab.users.models import User

PROBLEM_NOT_FOUND = "problem not found"
PROBLEM_FILE_NAME = "problem.yaml"
# Problem ids derive from the slug, so a bank problem has the same id on every server.
PROBLEM_ID_NAMESPACE = uuid.UUID("6f1c29d4-5b1e-4e55-9d1a-3c0f3b8e7a10")
# Not a backslash: MySQL string literals give backslashes a meaning of their own.
LIKE_ESCAPE = "/"


class UpsertOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SeedReport:
    outcomes: dict[str, UpsertOutcome]

    def count(self, outcome: UpsertOutcome) -> int:
        return sum(1 for value in self.outcomes.values() if value is outcome)


def problem_id_for(slug: str) -> uuid.UUID:
    return uuid.uuid5(PROBLEM_ID_NAMESPACE, slug)


def content_hash(spec: ProblemSpec) -> str:
    return hashlib.sha256(spec.model_dump_json().encode()).hexdigest()


def read_bank(directory: Path) -> list[ProblemSpec]:
    """Every ``*/problem.yaml`` under ``directory``, validated; all errors reported at once."""
    if not directory.is_dir():
        raise ProblemFileError(f"{directory}: the problem bank directory does not exist")
    specs: list[ProblemSpec] = []
    errors: list[str] = []
    for path in sorted(directory.glob(f"*/{PROBLEM_FILE_NAME}")):
        try:
            specs.append(load_problem_file(path))
        except ProblemFileError as exc:
            errors.append(str(exc))
    slugs = [spec.slug for spec in specs]
    errors += [f"slug {slug!r} is used by more than one problem" for slug in _duplicates(slugs)]
    if errors:
        raise ProblemFileError("\n".join(errors))
    return specs


async def seed_bank(session: AsyncSession, *, directory: Path) -> SeedReport:
    """Load the bank idempotently: new problems are added, changed ones updated, none doubled."""
    outcomes: dict[str, UpsertOutcome] = {}
    for spec in await asyncio.to_thread(read_bank, directory):
        _problem, outcomes[spec.slug] = await upsert_problem(session, spec=spec)
        await session.commit()
    return SeedReport(outcomes)


async def upsert_problem(
    session: AsyncSession, *, spec: ProblemSpec
) -> tuple[Problem, UpsertOutcome]:
    """Create the problem with ``spec.slug`` or bring it up to date; the caller commits."""
    digest = content_hash(spec)
    problem = await _problem_by_slug(session, spec.slug)
    if problem is not None and problem.content_hash == digest:
        return problem, UpsertOutcome.UNCHANGED
    if problem is None:
        problem = Problem(id=problem_id_for(spec.slug), slug=spec.slug, created_at=utcnow())
        session.add(problem)
        outcome = UpsertOutcome.CREATED
    else:
        await session.execute(delete(ProblemTest).where(ProblemTest.problem_id == problem.id))
        outcome = UpsertOutcome.UPDATED
    apply_spec(problem, spec, digest)
    await session.flush()
    session.add_all(test_rows(problem.id, spec.tests))
    await session.flush()
    return problem, outcome


async def import_problem(
    session: AsyncSession, *, spec: ProblemSpec, actor: User
) -> tuple[Problem, UpsertOutcome]:
    if not roles.is_admin(actor.role):
        raise Forbidden("only admins can import problems")
    if not spec.inline():
        raise ProblemFileError(
            "uploaded file: tests must hold their input and output inline, not name files"
        )
    problem, outcome = await upsert_problem(session, spec=spec)
    await session.commit()
    return await get_problem(session, problem_id=problem.id), outcome


async def export_problem(session: AsyncSession, *, problem_id: uuid.UUID, actor: User) -> str:
    """The problem as a self-contained YAML file (hidden tests included): admins only."""
    if not roles.is_admin(actor.role):
        raise Forbidden("only admins can export problems")
    return dump_problem(spec_of(await get_problem(session, problem_id=problem_id)))


async def list_problems(
    session: AsyncSession,
    *,
    difficulty: str | None = None,
    tag: str | None = None,
    text: str | None = None,
) -> list[Problem]:
    """The bank, filtered; ``text`` matches the slug, title or statement, ignoring case."""
    query = select(Problem).order_by(Problem.title, Problem.slug)
    if difficulty:
        query = query.where(Problem.difficulty == difficulty)
    if text:
        pattern = f"%{_escape_like(text.lower())}%"
        query = query.where(
            or_(
                *(
                    func.lower(column).like(pattern, escape=LIKE_ESCAPE)
                    for column in (Problem.slug, Problem.title, Problem.statement)
                )
            )
        )
    problems = list((await session.execute(query)).scalars())
    # Tags are a small JSON list: filtered here, the same way on every database.
    return [problem for problem in problems if tag is None or tag in problem.tags]


async def get_problem(session: AsyncSession, *, problem_id: uuid.UUID) -> Problem:
    """The problem with its tests loaded."""
    problem = (
        await session.execute(
            select(Problem)
            .options(selectinload(Problem.tests))
            .where(Problem.id == problem_id)
            .execution_options(populate_existing=True)
        )
    ).scalar_one_or_none()
    if problem is None:
        raise NotFound(PROBLEM_NOT_FOUND)
    return problem


async def problem_exists(session: AsyncSession, *, problem_id: uuid.UUID) -> bool:
    return (await session.get(Problem, problem_id)) is not None


async def get_problem_with_hidden_tests(
    session: AsyncSession, *, problem_id: uuid.UUID, actor: User
) -> Problem:
    """The problem with every test, for staff and admins (else Forbidden), whatever rooms the
    actor owns: a member who sets up a room with a problem still sees only its samples."""
    if not roles.may_see_hidden_tests(actor.role):
        raise Forbidden("hidden tests are for staff and admins only")
    return await get_problem(session, problem_id=problem_id)


def initial_code(problem: Problem | None, language: str) -> str:
    """A language's first code in a problem's room: the problem's starter for it, if any.

    Rooms call this when they are made, and the language switch for a language's first visit."""
    if problem is None:
        return ""
    return problem.starter_code.get(language, "")


async def initial_code_for_room(
    session: AsyncSession, *, problem_id: uuid.UUID | None, language: str
) -> str:
    """``initial_code`` for a room: its problem's starter in its language ("" without one)."""
    if problem_id is None:
        return ""
    return initial_code(await session.get(Problem, problem_id), language)


def spec_of(problem: Problem) -> ProblemSpec:
    """The problem file for a stored problem (tests must be loaded)."""
    return ProblemSpec(
        slug=problem.slug,
        title=problem.title,
        difficulty=problem.difficulty,
        tags=list(problem.tags),
        time_limit_ms=problem.time_limit_ms,
        memory_limit_mb=problem.memory_limit_mb,
        comparison=ComparisonMode(problem.comparison),
        float_tolerance=problem.float_tolerance,
        statement=problem.statement,
        starter=dict(problem.starter_code),
        tests=[
            TestSpec(
                name=test.name,
                visible=test.visible,
                input=test.input,
                output=test.output,
                comparison=ComparisonMode(test.comparison) if test.comparison else None,
                float_tolerance=test.float_tolerance,
            )
            for test in problem.tests
        ],
    )


def comparison_of(problem: Problem, test: ProblemTest) -> Comparison:
    return Comparison(
        ComparisonMode(test.comparison or problem.comparison),
        problem.float_tolerance if test.float_tolerance is None else test.float_tolerance,
    )


def apply_spec(problem: Problem, spec: ProblemSpec, digest: str) -> None:
    problem.title = spec.title
    problem.statement = spec.statement
    problem.difficulty = spec.difficulty
    problem.tags = list(spec.tags)
    problem.time_limit_ms = spec.time_limit_ms
    problem.memory_limit_mb = spec.memory_limit_mb
    problem.comparison = spec.comparison
    problem.float_tolerance = spec.float_tolerance
    problem.starter_code = dict(spec.starter)
    problem.content_hash = digest
    problem.updated_at = utcnow()


def test_rows(problem_id: uuid.UUID, tests: Sequence[TestSpec]) -> list[ProblemTest]:
    rows = []
    for position, test in enumerate(tests):
        # Both are inline once read (load_problem_file); an upload must have them inline.
        assert test.input is not None
        assert test.output is not None
        rows.append(
            ProblemTest(
                problem_id=problem_id,
                position=position,
                name=test.name,
                visible=test.visible,
                input=test.input,
                output=test.output,
                comparison=test.comparison,
                float_tolerance=test.float_tolerance,
            )
        )
    return rows


async def _problem_by_slug(session: AsyncSession, slug: str) -> Problem | None:
    result = await session.execute(select(Problem).where(Problem.slug == slug))
    return result.scalar_one_or_none()


def _duplicates(values: Sequence[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _escape_like(text: str) -> str:
    return text.replace(LIKE_ESCAPE, 2 * LIKE_ESCAPE).replace("%", "/%").replace("_", "/_")
