"""One execution result type and one status enum: the API body and the events derive from them."""

from __future__ import annotations

import dataclasses

from codecollab.execution.sandbox.base import ExecutionResult, Status
from codecollab.execution.schemas import ExecutionPublic, execution_public
from codecollab.judge.engine import Verdict
from codecollab.timeline.types import RunFinished, RunResult


def test_the_api_body_has_the_domain_fields_all_required() -> None:
    names = [field.name for field in dataclasses.fields(ExecutionResult)]
    assert list(ExecutionPublic.model_fields) == names
    assert all(field.is_required() for field in ExecutionPublic.model_fields.values())
    assert ExecutionPublic.model_fields["status"].annotation is Status


def test_the_api_body_carries_a_result_unchanged() -> None:
    result = ExecutionResult(status=Status.RUNTIME_ERROR, stderr="boom", exit_code=1, time_ms=3)
    assert execution_public(result).model_dump() == dataclasses.asdict(result)


def test_the_run_finished_event_reads_the_domain_type() -> None:
    assert RunResult is ExecutionResult
    payload = {"run_id": "r", "result": {"status": "ok", "stdout": "hi\n", "later_field": 1}}
    assert RunFinished.model_validate(payload).result == ExecutionResult(Status.OK, stdout="hi\n")


def test_every_failing_status_is_a_verdict() -> None:
    """The judge gives a failed run's status as its verdict (judge/engine.py verdict_of)."""
    verdicts = {verdict.value for verdict in Verdict}
    assert {status.value for status in Status if status is not Status.OK} <= verdicts
