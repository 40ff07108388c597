"""The inputs an API publishes in its OpenAPI document, walked field by field, for tests that
send every field something bad."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

Schema = dict[str, Any]
FieldPath = tuple[str, ...]
EXEMPT_FORMATS = {"uuid", "date-time", "binary"}
"""Strings parsed into something else before any code sees them."""


def resolve(document: Schema, schema: Schema) -> Schema:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def leaves(
    document: Schema, schema: Schema, path: FieldPath = ()
) -> Iterator[tuple[FieldPath, Schema]]:
    """Every scalar schema under ``schema``, with the path of object keys leading to it
    (``[]`` for an array's items, ``{}`` for a mapping's values)."""
    schema = resolve(document, schema)
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            yield from leaves(document, option, path)
    for name, child in schema.get("properties", {}).items():
        yield from leaves(document, child, (*path, name))
    if isinstance(schema.get("additionalProperties"), dict):
        yield from leaves(document, schema["additionalProperties"], (*path, "{}"))
    if isinstance(schema.get("propertyNames"), dict):
        keys = {"type": "string", **schema["propertyNames"]}
        yield from leaves(document, keys, (*path, "<key>"))
    if "items" in schema:
        yield from leaves(document, schema["items"], (*path, "[]"))
    if schema.get("type") in ("string", "integer", "number"):
        yield path, schema


def is_text(schema: Schema) -> bool:
    return (
        schema.get("type") == "string"
        and "enum" not in schema
        and "const" not in schema
        and schema.get("format") not in EXEMPT_FORMATS
    )


def inputs(document: Schema) -> Iterator[tuple[str, str, str, FieldPath, Schema]]:
    """(method, path, where, field path, schema) of every input leaf of every operation:
    `where` is ``body``, ``query``, ``path`` or ``header``."""
    for url, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                for field, schema in leaves(document, parameter["schema"]):
                    yield method, url, parameter["in"], (parameter["name"], *field), schema
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                for field, schema in leaves(document, content["application/json"]["schema"]):
                    yield method, url, "body", field, schema


def with_ids(url: str) -> str:
    """The URL with a fresh id in every path parameter: validation answers before any lookup."""
    return re.sub(r"\{[^}]+\}", lambda _match: str(uuid.uuid4()), url)


def loc(field: FieldPath) -> list[str | int]:
    """Where pydantic reports an error in the body ``nested`` builds."""
    return ["body", *(0 if part == "[]" else "k" if part == "{}" else part for part in field)]


def nested(field: FieldPath, raw_json: str) -> str:
    """A JSON body (as text) with ``raw_json`` at ``field``, nothing else."""
    text = raw_json
    for part in reversed(field):
        key = json.dumps("k" if part == "{}" else part)
        text = f"[{text}]" if part == "[]" else "{" + key + ": " + text + "}"
    return text
