"""Building judge tasks from problems: the stored ones and the bank's files."""

from __future__ import annotations

import re
from pathlib import Path

from codecollab.execution.languages import Language, load_languages
from codecollab.judge.engine import JudgeTask, JudgeTest
from codecollab.problems.compare import ComparisonMode
from codecollab.problems.files import ProblemSpec
from codecollab.problems.models import Problem
from codecollab.problems.service import comparison_of

EXPECT = re.compile(r"expect:\s*([a-z_]+)")


class LanguageCannotAnswer(ValueError):
    """The problem's answers are result sets and the language cannot print them."""


def judged_language(language: Language, *, compares_rows: bool) -> Language:
    """``language`` as it runs when judged: against result sets, in its ``result_set_run``
    (LanguageCannotAnswer if it has none)."""
    if not compares_rows:
        return language
    answering = language.answering_result_sets()
    if answering is None:
        raise LanguageCannotAnswer(
            f"this problem is answered with an SQL query; {language.name} cannot answer it"
        )
    return answering


def problem_compares_rows(problem: Problem) -> bool:
    return ComparisonMode(problem.comparison).compares_rows


def can_answer(problem: Problem, language: Language) -> bool:
    """Whether a program in ``language`` can be judged against ``problem`` at all."""
    return not problem_compares_rows(problem) or language.result_set_run is not None


def task_for_problem(problem: Problem, *, language: Language, source: str) -> JudgeTask:
    """The task of judging ``source`` against a stored problem (its tests loaded);
    LanguageCannotAnswer for an SQL problem in a language that cannot answer it."""
    return JudgeTask(
        language=judged_language(language, compares_rows=problem_compares_rows(problem)),
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
    """The task of judging ``source`` against a problem file (tests inlined);
    LanguageCannotAnswer for an SQL problem in a language that cannot answer it."""
    tests = []
    for test in spec.tests:
        assert test.input is not None
        assert test.output is not None
        tests.append(
            JudgeTest(test.name, test.visible, test.input, test.output, spec.comparison_of(test))
        )
    judged = judged_language(language, compares_rows=spec.compares_rows)
    return JudgeTask(judged, source, tests, spec.time_limit_ms, spec.memory_limit_mb)


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
