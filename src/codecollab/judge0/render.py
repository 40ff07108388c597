"""A stored submission as Judge0 shows it: the requested fields, texts base64-encoded on
request, times as strings of seconds, memory in kilobytes, dates like
``2026-01-02T03:04:05.678Z``."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from codecollab.judge0.models import Judge0Submission
from codecollab.judge0.statuses import Judge0Status

ALL_FIELDS = (
    "token",
    "source_code",
    "language_id",
    "stdin",
    "expected_output",
    "stdout",
    "status_id",
    "created_at",
    "finished_at",
    "time",
    "memory",
    "stderr",
    "number_of_runs",
    "cpu_time_limit",
    "cpu_extra_time",
    "wall_time_limit",
    "memory_limit",
    "stack_limit",
    "max_processes_and_or_threads",
    "enable_per_process_and_thread_time_limit",
    "enable_per_process_and_thread_memory_limit",
    "max_file_size",
    "compile_output",
    "exit_code",
    "exit_signal",
    "message",
    "wall_time",
    "compiler_options",
    "command_line_arguments",
    "redirect_stderr_to_stdout",
    "callback_url",
    "additional_files",
    "enable_network",
    "status",
    "language",
)
DEFAULT_FIELDS = (
    "token",
    "time",
    "memory",
    "stdout",
    "stderr",
    "compile_output",
    "message",
    "status",
)
ENCODED_FIELDS = frozenset(
    {"source_code", "stdin", "expected_output", "stdout", "stderr", "compile_output", "message"}
)
REQUEST_FIELDS = frozenset(
    {
        "source_code",
        "language_id",
        "stdin",
        "expected_output",
        "number_of_runs",
        "cpu_time_limit",
        "cpu_extra_time",
        "wall_time_limit",
        "memory_limit",
        "stack_limit",
        "max_processes_and_or_threads",
        "enable_per_process_and_thread_time_limit",
        "enable_per_process_and_thread_memory_limit",
        "max_file_size",
        "compiler_options",
        "command_line_arguments",
        "redirect_stderr_to_stdout",
        "callback_url",
        "additional_files",
        "enable_network",
    }
)
RESULT_FIELDS = frozenset(
    {"stdout", "stderr", "compile_output", "message", "exit_code", "exit_signal", "time"}
    | {"wall_time", "memory"}
)
MAX_FIELDS_CHARS = 1000


class InvalidFields(Exception):
    """``fields=`` named fields Judge0 does not have (a 400 naming them)."""

    def __init__(self, invalid: list[str]) -> None:
        super().__init__(f"invalid fields: [{', '.join(invalid)}]")


def requested_fields(fields: str | None) -> tuple[str, ...]:
    """The fields ``?fields=`` asks for: ``*`` for all, none for Judge0's default ones."""
    if fields is None or not fields.strip():
        return DEFAULT_FIELDS
    if fields.strip() == "*":
        return ALL_FIELDS
    names = tuple(name.strip() for name in fields[:MAX_FIELDS_CHARS].split(",") if name.strip())
    invalid = [name[:50] for name in names if name not in ALL_FIELDS][:20]
    if invalid:
        raise InvalidFields(invalid)
    return names or DEFAULT_FIELDS


def judge0_time(moment: datetime | None) -> str | None:
    """``2026-01-02T03:04:05.678Z`` (UTC, milliseconds)."""
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def status_body(status_id: int) -> dict[str, Any]:
    status = Judge0Status(status_id)
    return {"id": status.value, "description": status.description}


def render(
    submission: Judge0Submission,
    *,
    fields: tuple[str, ...],
    base64_encoded: bool,
    language_name: str | None,
) -> dict[str, Any]:
    """The submission's requested fields, in the order asked."""
    values = _values(submission, language_name)
    body: dict[str, Any] = {}
    for name in fields:
        value = values.get(name)
        if name in ENCODED_FIELDS and isinstance(value, str) and base64_encoded:
            value = base64.b64encode(value.encode()).decode()
        body[name] = value
    return body


def _values(submission: Judge0Submission, language_name: str | None) -> dict[str, Any]:
    request = submission.request
    result = submission.result or {}
    values: dict[str, Any] = {name: request.get(name) for name in REQUEST_FIELDS}
    values.update({name: result.get(name) for name in RESULT_FIELDS})
    language_id = request.get("language_id")
    values.update(
        token=submission.token,
        status_id=submission.status_id,
        status=status_body(submission.status_id),
        created_at=judge0_time(submission.created_at),
        finished_at=judge0_time(submission.finished_at),
        language={"id": language_id, "name": language_name},
    )
    return values
