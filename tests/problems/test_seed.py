"""`codecollab seed`: the bank loads idempotently, on every database backend."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fastapi import FastAPI
from sqlalchemy import func, select

from codecollab.config import Settings
from codecollab.problems.files import ProblemFileError
from codecollab.problems.models import Problem, ProblemTest
from codecollab.problems.service import (
    UpsertOutcome,
    initial_code,
    seed_bank,
)
from codecollab.runtime import Runtime
from tests.problems.conftest import problem_data

BANK = Settings(_env_file=None).problems_dir  # type: ignore[call-arg]


def write_bank(root: Path, *problems: dict[str, object]) -> Path:
    for data in problems:
        folder = root / str(data["slug"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "problem.yaml").write_text(yaml.safe_dump(data))
    return root


async def counts(runtime: Runtime) -> tuple[int, int]:
    async with runtime.sessionmaker() as session:
        problems = (await session.execute(select(func.count()).select_from(Problem))).scalar()
        tests = (await session.execute(select(func.count()).select_from(ProblemTest))).scalar()
        return int(problems or 0), int(tests or 0)


async def test_seeding_twice_adds_nothing(app: FastAPI, tmp_path: Path) -> None:
    runtime: Runtime = app.state.services.runtime
    bank = write_bank(tmp_path, problem_data("one"), problem_data("two"))
    async with runtime.sessionmaker() as session:
        first = await seed_bank(session, directory=bank)
        second = await seed_bank(session, directory=bank)
    assert first.count(UpsertOutcome.CREATED) == 2
    assert second.count(UpsertOutcome.UNCHANGED) == 2
    assert await counts(runtime) == (2, 4)


async def test_seeding_a_changed_problem_updates_it_in_place(app: FastAPI, tmp_path: Path) -> None:
    runtime: Runtime = app.state.services.runtime
    write_bank(tmp_path, problem_data("one"))
    async with runtime.sessionmaker() as session:
        await seed_bank(session, directory=tmp_path)
    changed = problem_data("one", tests=[{"input": "5 5\n", "output": "10\n"}])
    write_bank(tmp_path, changed)
    async with runtime.sessionmaker() as session:
        report = await seed_bank(session, directory=tmp_path)
    assert report.outcomes == {"one": UpsertOutcome.UPDATED}
    assert await counts(runtime) == (1, 1)


async def test_a_malformed_bank_file_stops_the_seed_before_any_write(
    app: FastAPI, tmp_path: Path
) -> None:
    runtime: Runtime = app.state.services.runtime
    write_bank(tmp_path, problem_data("good"), problem_data("bad", time_limit_ms="fast"))
    async with runtime.sessionmaker() as session:
        with pytest.raises(ProblemFileError, match=r"bad/problem.yaml: time_limit_ms: "):
            await seed_bank(session, directory=tmp_path)
    assert await counts(runtime) == (0, 0)


async def test_two_problems_with_one_slug_are_refused(app: FastAPI, tmp_path: Path) -> None:
    runtime: Runtime = app.state.services.runtime
    write_bank(tmp_path / "a", problem_data("same"))
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same").rename(tmp_path / "b" / "x")
    write_bank(tmp_path / "b", problem_data("same"))
    async with runtime.sessionmaker() as session:
        with pytest.raises(ProblemFileError, match="more than one problem"):
            await seed_bank(session, directory=tmp_path / "b")


async def test_the_whole_bank_seeds_with_its_large_tests(app: FastAPI) -> None:
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        report = await seed_bank(session, directory=BANK)
    assert report.count(UpsertOutcome.CREATED) >= 15
    async with runtime.sessionmaker() as session:
        longest = (await session.execute(select(func.max(func.length(ProblemTest.input))))).scalar()
    assert int(longest or 0) > 1_000_000  # past MySQL's TEXT and MEDIUMTEXT-free limits


async def test_starter_code_is_the_problems_for_the_language(app: FastAPI) -> None:
    problem = Problem(starter_code={"python": "# py\n", "java": "// java\n"})
    assert initial_code(problem, "python") == "# py\n"
    assert initial_code(problem, "bash") == ""
    assert initial_code(None, "python") == ""
