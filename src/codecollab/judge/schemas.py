"""What a submission's result looks like: hidden tests' data only for staff and admins."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from pydantic import BaseModel

from codecollab.judge.engine import Judgement, JudgeTest, TestOutcome
from codecollab.problems.compare import ComparisonMode
from codecollab.problems.result_sets import shown_rows
from codecollab.schemas import RequestBody

SHOWN_CHARS = 4096
"""Inputs and outputs shown in a result are cut to this many characters (flagged)."""


class SubmissionCreate(RequestBody):
    stop_on_first_failure: bool = False
    """Stop at the first failing test (the later ones are `skipped`); by default every test
    runs, so `passed` of `total` is the true count."""


class TestResultPublic(BaseModel):
    """One test's result. `input`, `expected_output`, `stdout` and `stderr` are present only for
    visible tests, or for accounts with the staff or admin instance role (whatever their room
    role); to everyone else a hidden test shows its verdict, time and memory only."""

    __test__ = False  # not a pytest test class

    index: int
    visible: bool
    verdict: str
    time_ms: int
    memory_kb: int
    name: str | None = None
    input: str | None = None
    expected_output: str | None = None
    stdout: str | None = None
    stderr: str | None = None
    exit_code: int | None = None
    signal: int | None = None
    cut: bool = False
    """Some of the texts above were cut to SHOWN_CHARS characters."""


class SubmissionResult(BaseModel):
    id: uuid.UUID
    problem_id: uuid.UUID
    language: str
    verdict: str
    passed: int
    total: int
    time_ms: int
    """The slowest test's CPU time."""
    memory_kb: int
    """The largest test's peak memory."""
    compile_output: str
    tests: list[TestResultPublic]


def submission_result(
    *,
    submission_id: uuid.UUID,
    problem_id: uuid.UUID,
    language: str,
    judgement: Judgement,
    tests: Sequence[JudgeTest],
    reveal_hidden: bool,
) -> SubmissionResult:
    return SubmissionResult(
        id=submission_id,
        problem_id=problem_id,
        language=language,
        verdict=judgement.verdict,
        passed=judgement.passed,
        total=judgement.total,
        time_ms=max((outcome.time_ms for outcome in judgement.tests), default=0),
        memory_kb=max((outcome.memory_kb for outcome in judgement.tests), default=0),
        compile_output=_cut(judgement.compile_output)[0],
        tests=[
            test_result(index, test, outcome, reveal=reveal_hidden or test.visible)
            for index, (test, outcome) in enumerate(zip(tests, judgement.tests, strict=True))
        ],
    )


def test_result(
    index: int, test: JudgeTest, outcome: TestOutcome, *, reveal: bool
) -> TestResultPublic:
    result = TestResultPublic(
        index=index,
        visible=test.visible,
        verdict=outcome.verdict,
        time_ms=outcome.time_ms,
        memory_kb=outcome.memory_kb,
    )
    if not reveal:
        return result
    texts = {
        "input": test.input,
        "expected_output": shown_output(test.output, test),
        "stdout": shown_output(outcome.stdout, test),
        "stderr": outcome.stderr,
    }
    shown = {key: _cut(value) for key, value in texts.items()}
    return result.model_copy(
        update={
            "name": test.name,
            "exit_code": outcome.exit_code,
            "signal": outcome.signal,
            "cut": any(was_cut for _text, was_cut in shown.values()),
            **{key: text for key, (text, _was_cut) in shown.items()},
        }
    )


def shown_output(text: str, test: JudgeTest) -> str:
    """An output as a person reads it: result sets canonically, sorted where order does not
    matter, so the expected and the printed rows line up in a diff."""
    mode = test.comparison.mode
    if not mode.compares_rows:
        return text
    return shown_rows(text, ordered=mode is ComparisonMode.ORDERED_ROWS)


def _cut(text: str) -> tuple[str, bool]:
    if len(text) <= SHOWN_CHARS:
        return text, False
    return text[:SHOWN_CHARS], True
