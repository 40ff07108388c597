"""Field types for everything a request carries: text the database and the encoders can take.

JSON lets a client send what no database or encoder accepts: a NUL character (PostgreSQL
refuses it in text) and a lone UTF-16 surrogate (``"\\ud800"``, which Python's json decodes
into a str that cannot be encoded as UTF-8 later). Every string field of every request, body,
query or path, is annotated with ``CleanText`` and a maximum length, so such input is a 422
naming the field before any code of ours sees it. ``tests/security/test_http_input.py`` walks
every route and fails when a string field lacks either.

Numbers: JSON's ``NaN`` and ``Infinity`` (Python's json accepts both, ``1e999`` overflows to
infinity) never reach an integer field (pydantic refuses them); float fields use ``Finite``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AllowInfNan, GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

MAX_SEQ = 2**63 - 1
"""The largest value a signed 64-bit column (sequence numbers, ids) holds."""
MAX_MS = 2**53
"""The largest millisecond figure a client may name (JavaScript's safe integers)."""
STORABLE_TEXT = "x-storable-text"
"""The OpenAPI keyword marking a string checked by ``CleanText`` (NUL and lone surrogates are
refused), so a test of the published document can tell that no string field lacks it."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored or encoded, or None when it can."""
    if "\x00" in value:
        return "must not contain NUL characters"
    if not value.isascii() and _SURROGATE.search(value) is not None:
        return "must not contain lone UTF-16 surrogates (invalid \\ud800-\\udfff escapes)"
    return None


def check_text(value: Any) -> Any:
    """The value unchanged; a str holding NUL or a lone surrogate is refused with the reason."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem is not None:
            raise PydanticCustomError("unstorable_text", "Text " + problem)
    return value


@dataclass(frozen=True, slots=True)
class CleanText:
    """Annotation marker: the string (or e-mail address, …) is checked by ``check_text``
    before the field's own validation."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(check_text, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema[STORABLE_TEXT] = True
        return json_schema


CLEAN = CleanText()


# The shared text types. Domain schemas define their own aliases on top of these, always
# as Annotated[str, <length constraints>, CLEAN].
LanguageId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9+#._-]{0,31}$", max_length=32), CLEAN
]
"""A language's id as rooms and runs name it (``python``, ``cpp``, …)."""

Finite = AllowInfNan(False)
"""For float fields: NaN and ±Infinity are refused (``Annotated[float, Finite, Field(...)]``)."""
