"""The execution API's request and response bodies.

The response for a run is derived from the domain type (``ExecutionResult`` with its
``Status``, sandbox/base.py), never declared again: ``ExecutionPublic`` has the same fields,
every one required (a response always carries them all), under the name the OpenAPI document
and the generated frontend types know it by.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated, Any, get_type_hints

from pydantic import BaseModel, Field, create_model

from codecollab.execution.sandbox.base import ExecutionResult
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
