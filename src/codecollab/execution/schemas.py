from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from codecollab.execution.sandbox.base import Status
from codecollab.schemas import RequestBody
from codecollab.validation import CLEAN

MAX_SOURCE_CHARS = 128 * 1024
MAX_STDIN_CHARS = 512 * 1024

Source = Annotated[str, Field(max_length=MAX_SOURCE_CHARS), CLEAN]
Stdin = Annotated[str, Field(max_length=MAX_STDIN_CHARS), CLEAN]


class ExecutionCreate(RequestBody):
    language: Annotated[str, Field(min_length=1, max_length=32), CLEAN]
    source: Source
    stdin: Stdin = ""
    time_limit_ms: int | None = Field(default=None, ge=100, le=600_000)
    memory_limit_mb: int | None = Field(default=None, ge=16, le=1024 * 1024)


class RoomRunCreate(RequestBody):
    stdin: Stdin = ""


class ExecutionPublic(BaseModel):
    status: Status
    stdout: str
    stderr: str
    compile_output: str
    exit_code: int | None
    signal: int | None
    time_ms: int
    wall_ms: int
    memory_kb: int
    truncated: bool


class LanguagePublic(BaseModel):
    id: str
    name: str
    version: str
    monaco: str
