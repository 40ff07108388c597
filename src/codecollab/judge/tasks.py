"""Building judge tasks from problems: the stored ones and the bank's files."""

from __future__ import annotations

import re
from pathlib import Path

from codecollab.execution.languages import Language, load_languages
from codecollab.judge.engine import JudgeTask, JudgeTest
from codecollab.problems.files import ProblemSpec
from codecollab.problems.models import Problem
from codecollab.problems.service import comparison_of

EXPECT = re.compile(r"expect:\s*([a-z_]+)")


def task_for_problem(problem: Problem, *, language: Language, source: str) -> JudgeTask:
    """The task of judging ``source`` against a stored problem (its tests loaded)."""
    return JudgeTask(
        language=language,
        source=source,
        tests=[
            JudgeTest(
                name=test.name,
                visible=test.visible,
                input=test.input,
                output=test.output,
                comparison=comparison_of(problem, test),
            )
            for test in problem.tests
        ],
        time_limit_ms=problem.time_limit_ms,
        memory_limit_mb=problem.memory_limit_mb,
    )


def task_for_spec(spec: ProblemSpec, *, language: Language, source: str) -> JudgeTask:
    """The task of judging ``source`` against a problem file (tests inlined)."""
    tests = []
    for test in spec.tests:
        assert test.input is not None
        assert test.output is not None
        tests.append(
            JudgeTest(test.name, test.visible, test.input, test.output, spec.comparison_of(test))
        )
    return JudgeTask(language, source, tests, spec.time_limit_ms, spec.memory_limit_mb)


def language_of_file(path: Path) -> Language:
    """The language whose source file has ``path``'s extension (``.py`` is Python, …); where
    several share one, the first in id order (``.py`` Python, not Python with NumPy/pandas;
    ``.pl`` Perl, not Prolog; ``.m`` Objective-C, not Octave)."""
    for language in load_languages().values():
        if Path(language.file).suffix == path.suffix:
            return language
    raise LookupError(f"{path}: no language has the extension {path.suffix!r}")


def expected_verdict(path: Path) -> str:
    """A bank solution's expected verdict: ``accepted`` under solutions/, else the verdict its
    ``expect: VERDICT`` comment names."""
    if path.parent.name == "solutions":
        return "accepted"
    match = EXPECT.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise LookupError(f"{path}: no 'expect: VERDICT' comment")
    return match.group(1)
