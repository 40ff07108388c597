"""The execution API's request and response bodies.

The response for a run is derived from the domain type (``ExecutionResult`` with its
``Status``, sandbox/base.py), never declared again: ``ExecutionPublic`` has the same fields,
every one required (a response always carries them all), under the name the OpenAPI document
and the generated frontend types know it by.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any, get_type_hints

from pydantic import BaseModel, Field, create_model, model_validator

from codecollab.execution.program_files import MAX_FILES, MAX_NAME_CHARS, NAME
from codecollab.execution.sandbox.base import ExecutionResult, SourceFile
from codecollab.schemas import RequestBody
from codecollab.validation import CLEAN

MAX_SOURCE_CHARS = 128 * 1024
MAX_STDIN_CHARS = 512 * 1024

MAX_ARGS = 64
MAX_ARG_CHARS = 4096
MAX_ARGS_CHARS = 16 * 1024
MAX_OPTIONS = 16
MIN_STACK_KB = 1024

Source = Annotated[str, Field(max_length=MAX_SOURCE_CHARS), CLEAN]
Arg = Annotated[str, Field(max_length=MAX_ARG_CHARS), CLEAN]
CompilerOption = Annotated[str, Field(min_length=1, max_length=64), CLEAN]
Stdin = Annotated[str, Field(max_length=MAX_STDIN_CHARS), CLEAN]


class FileCreate(RequestBody):
    name: Annotated[
        str, Field(min_length=1, max_length=MAX_NAME_CHARS, pattern=f"^{NAME.pattern}$"), CLEAN
    ]
    """Relative, at most one directory deep (``util.c``, ``geometry/point.py``)."""
    content: Source


class ExecutionCreate(RequestBody):
    language: Annotated[str, Field(min_length=1, max_length=32), CLEAN]
    source: Source | None = None
    """The program, as one file; or give ``files`` instead."""
    files: list[FileCreate] | None = Field(default=None, min_length=1, max_length=MAX_FILES)
    """The program as several files, the first its entry point (written to the language's
    own file name, e.g. ``main.c``; the others beside it under their names)."""
    stdin: Stdin = ""
    args: list[Arg] = Field(default_factory=list, max_length=MAX_ARGS)
    """Command-line arguments, after the language's run command."""
    compiler_options: list[CompilerOption] = Field(default_factory=list, max_length=MAX_OPTIONS)
    """From the language's allow-list only (``GET /api/languages`` lists it)."""
    time_limit_ms: int | None = Field(default=None, ge=100, le=600_000)
    memory_limit_mb: int | None = Field(default=None, ge=16, le=1024 * 1024)
    stack_limit_kb: int | None = Field(default=None, ge=MIN_STACK_KB, le=1024 * 1024 * 1024)
    """The stack (RLIMIT_STACK); at most the memory limit (default: the server's, 64 MiB)."""

    @model_validator(mode="after")
    def _one_program(self) -> ExecutionCreate:
        if (self.source is None) == (self.files is None):
            raise ValueError("give either source or files (not both)")
        files = self.files or []
        if sum(len(file.content) for file in files) > MAX_SOURCE_CHARS:
            raise ValueError(f"files hold at most {MAX_SOURCE_CHARS} characters in all")
        names = [file.name for file in files]
        if len(set(names)) != len(names):
            raise ValueError("every file needs its own name")
        if sum(len(arg) for arg in self.args) > MAX_ARGS_CHARS:
            raise ValueError(f"args hold at most {MAX_ARGS_CHARS} characters in all")
        return self

    def entry_source(self) -> str:
        """The entry point's text."""
        if self.files is not None:
            return self.files[0].content
        return self.source or ""

    def extra_files(self) -> list[SourceFile]:
        """The files beside the entry point."""
        return [SourceFile(file.name, file.content) for file in (self.files or [])[1:]]


class RoomRunCreate(RequestBody):
    stdin: Stdin | None = None
    """The program's input; without it, the room's shared stdin (`Text "stdin"`)."""


def _required_fields(domain: type[Any]) -> dict[str, Any]:
    """The fields of a domain dataclass, in order, with their types and no defaults."""
    hints = get_type_hints(domain)
    return {field.name: (hints[field.name], ...) for field in dataclasses.fields(domain)}


if TYPE_CHECKING:  # a model made at run time: to the type checker, any model
    ExecutionPublic = BaseModel
else:
    ExecutionPublic = create_model(
        "ExecutionPublic", __module__=__name__, **_required_fields(ExecutionResult)
    )


def execution_public(result: ExecutionResult) -> ExecutionPublic:
    """The API's body for ``result``."""
    return ExecutionPublic(**dataclasses.asdict(result))


class LanguagePublic(BaseModel):
    id: str
    name: str
    version: str
    monaco: str
    compiler_options: list[str] = []
    """The compiler options a run may choose (empty: none)."""
