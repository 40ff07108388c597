"""The bank in the repository: complete, valid, reproducible."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from codecollab.config import Settings
from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import Sandbox
from codecollab.judge.engine import judge
from codecollab.judge.tasks import expected_verdict, language_of_file, task_for_spec
from codecollab.problems.service import read_bank

BANK = Settings(_env_file=None).problems_dir  # type: ignore[call-arg]
REFERENCE_LANGUAGES = {"python", "javascript", "cpp", "java"}
STARTER_LANGUAGES = {"python", "javascript", "typescript", "c", "cpp", "java", "go", "rust", "ruby"}
SQL_LANGUAGES = {"sql"}
"""An SQL problem (compared as result sets) is answered in SQL alone."""


def test_the_bank_holds_at_least_15_valid_problems_across_difficulties() -> None:
    specs = read_bank(BANK)
    assert len(specs) >= 15
    assert {spec.difficulty for spec in specs} == {"easy", "medium", "hard"}


def test_the_bank_holds_at_least_three_sql_problems() -> None:
    assert sum(spec.compares_rows for spec in read_bank(BANK)) >= 3


@pytest.mark.parametrize("folder", sorted(p.parent for p in BANK.glob("*/problem.yaml")), ids=str)
def test_every_problem_has_references_starters_samples_and_wrong_programs(folder: Path) -> None:
    spec = next(spec for spec in read_bank(BANK) if spec.slug == folder.name)
    references = {language_of_file(path).id for path in (folder / "solutions").iterdir()}
    assert references >= (SQL_LANGUAGES if spec.compares_rows else REFERENCE_LANGUAGES)
    assert set(spec.starter) >= (SQL_LANGUAGES if spec.compares_rows else STARTER_LANGUAGES)
    assert any(test.visible for test in spec.tests)
    assert sum(not test.visible for test in spec.tests) >= 5
    verdicts = {expected_verdict(path) for path in (folder / "wrong").iterdir()}
    assert "wrong_answer" in verdicts
    assert "time_limit_exceeded" in verdicts or "runtime_error" in verdicts


def test_the_generators_reproduce_the_committed_inputs() -> None:
    result = subprocess.run(
        [sys.executable, str(BANK / "generate.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("language", sorted(STARTER_LANGUAGES))
async def test_starter_code_builds_and_runs(language: str, judge_sandbox: Sandbox) -> None:
    spec = next(spec for spec in read_bank(BANK) if spec.slug == "two-sum")
    task = task_for_spec(spec, language=load_languages()[language], source=spec.starter[language])
    judgement = await judge(judge_sandbox, task)
    assert judgement.verdict == "wrong_answer", judgement.compile_output


SQL_PROBLEMS = sorted(spec.slug for spec in read_bank(BANK) if spec.compares_rows)


@pytest.mark.parametrize("slug", SQL_PROBLEMS)
async def test_sql_starter_code_runs_against_every_setup(slug: str, judge_sandbox: Sandbox) -> None:
    spec = next(spec for spec in read_bank(BANK) if spec.slug == slug)
    task = task_for_spec(spec, language=load_languages()["sql"], source=spec.starter["sql"])
    judgement = await judge(judge_sandbox, task)
    assert judgement.verdict == "wrong_answer", judgement.tests
