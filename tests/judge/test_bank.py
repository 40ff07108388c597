"""Every reference solution of the bank is accepted in every language it has; every known-wrong
or too-slow solution gets the verdict its `expect:` comment names. Judged in the real sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from codecollab.config import Settings
from codecollab.execution.sandbox.base import Sandbox
from codecollab.judge.engine import judge
from codecollab.judge.tasks import expected_verdict, language_of_file, task_for_spec
from codecollab.problems.files import ProblemSpec, load_problem_file
from tests.execution.backends import sandbox_fixture

BANK = Settings(_env_file=None).problems_dir  # type: ignore[call-arg]
PROGRAMS = sorted(
    path
    for folder in ("solutions", "wrong")
    for path in BANK.glob(f"*/{folder}/*")
    if path.is_file()
)
SQL_PROGRAMS = [path for path in PROGRAMS if path.suffix == ".sql"]


@pytest.fixture(scope="session", params=["docker"])
def docker_judge_sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """The Docker backend: the bank is judged on bubblewrap; SQL programs on Docker too, since
    their `sqlite3` is a package of the sandbox image."""
    yield from sandbox_fixture(request)


@cache
def problem(slug: str) -> ProblemSpec:
    return load_problem_file(BANK / slug / "problem.yaml")


def source_of(path: Path) -> str:
    return path.read_text()


def program_id(path: Path) -> str:
    return str(path.relative_to(BANK))


@pytest.mark.parametrize(
    ("file", "language"), [("a.py", "python"), ("a.pl", "perl"), ("a.m", "objective-c")]
)
def test_a_shared_extension_is_the_plain_language(file: str, language: str) -> None:
    assert language_of_file(Path(file)).id == language


@pytest.mark.parametrize("path", PROGRAMS, ids=program_id)
async def test_bank_program_gets_its_expected_verdict(path: Path, judge_sandbox: Sandbox) -> None:
    await check_verdict(path, judge_sandbox)


@pytest.mark.parametrize("path", SQL_PROGRAMS, ids=program_id)
async def test_sql_bank_program_gets_its_expected_verdict_on_docker(
    path: Path, docker_judge_sandbox: Sandbox
) -> None:
    await check_verdict(path, docker_judge_sandbox)


async def check_verdict(path: Path, sandbox: Sandbox) -> None:
    spec = problem(path.parent.parent.name)
    task = task_for_spec(spec, language=language_of_file(path), source=source_of(path))
    judgement = await judge(sandbox, task)
    failed = next((t for t in judgement.tests if t.verdict != "accepted"), None)
    assert judgement.verdict == expected_verdict(path), (
        f"{judgement.verdict} ({judgement.passed}/{judgement.total}); first failure: {failed}"
    )
