"""A Judge0 submission request: its fields with Judge0 CE 1.13's bounds, decoded and checked.

Judge0 answers bad input with 422 and ``{"field": ["message", …]}``; so does this API. Unknown
fields are ignored, as Judge0's strong parameters ignore them. Numbers are checked against
Judge0 CE's own maxima first (what a Judge0 client may send), then capped at this server's
(``limits.py``).
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from codecollab.validation import CLEAN, Finite

MAX_TEXT_CHARS = 1024 * 1024
"""A text field as sent (base64 included); the decoded sizes are checked after decoding."""
MAX_SOURCE_CHARS = 128 * 1024
MAX_STDIN_CHARS = 512 * 1024
MAX_BATCH = 20
"""Judge0's ``max_submission_batch_size``."""

Text = Annotated[str, Field(max_length=MAX_TEXT_CHARS), CLEAN]
ShortText = Annotated[str, Field(max_length=2048), CLEAN]


class SubmissionRequest(BaseModel):
    """The fields of ``POST /judge0/submissions`` (Judge0 CE 1.13)."""

    model_config = ConfigDict(extra="ignore")

    source_code: Text | None = None
    language_id: int | None = Field(default=None, ge=-(2**31), le=2**31)
    compiler_options: ShortText | None = None
    command_line_arguments: ShortText | None = None
    stdin: Text | None = None
    expected_output: Text | None = None
    cpu_time_limit: Annotated[float, Finite] | None = Field(default=None, ge=0, le=15)
    cpu_extra_time: Annotated[float, Finite] | None = Field(default=None, ge=0, le=5)
    wall_time_limit: Annotated[float, Finite] | None = Field(default=None, ge=0, le=20)
    memory_limit: Annotated[float, Finite] | None = Field(default=None, ge=2048, le=512_000)
    stack_limit: int | None = Field(default=None, ge=0, le=128_000)
    max_processes_and_or_threads: int | None = Field(default=None, ge=1, le=120)
    enable_per_process_and_thread_time_limit: bool | None = None
    enable_per_process_and_thread_memory_limit: bool | None = None
    max_file_size: int | None = Field(default=None, ge=0, le=4096)
    redirect_stderr_to_stdout: bool | None = None
    enable_network: bool | None = None
    number_of_runs: int | None = Field(default=None, ge=1, le=20)
    additional_files: Text | None = None
    callback_url: ShortText | None = None


Errors = dict[str, list[str]]


class InvalidSubmission(Exception):
    """The submission's errors, Judge0's way: ``{"field": ["message"]}``."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(str(errors))
        self.errors = errors


def parse_request(data: Any) -> SubmissionRequest:
    """The request's fields, or InvalidSubmission naming each bad one."""
    if not isinstance(data, dict):
        raise InvalidSubmission({"submission": ["must be a JSON object"]})
    try:
        return SubmissionRequest.model_validate(data)
    except ValidationError as exc:
        errors: Errors = {}
        for error in exc.errors()[:20]:
            field = str(error["loc"][0]) if error["loc"] else "submission"
            errors.setdefault(field, []).append(str(error["msg"])[:200])
        raise InvalidSubmission(errors) from exc


def decode_text(value: str | None, *, field: str, base64_encoded: bool, max_chars: int) -> str:
    """A text field's value: base64-decoded when the request says so, UTF-8, within bounds."""
    if value is None:
        return ""
    if base64_encoded:
        try:
            raw = base64.b64decode("".join(value.split()), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InvalidSubmission({field: ["is not valid base64"]}) from exc
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidSubmission({field: ["is not UTF-8 text once decoded"]}) from exc
        if "\x00" in value:
            raise InvalidSubmission({field: ["must not contain NUL characters"]})
    if len(value) > max_chars:
        raise InvalidSubmission({field: [f"is too long (maximum is {max_chars} characters)"]})
    return value
