"""JSON that every parser reads: no NaN or Infinity, no lone surrogates, bounded nesting.

Python's `json` reads and writes `NaN`, `Infinity` and lone surrogate escapes (`"\\ud800"`).
JavaScript's `JSON.parse` refuses the former (a y-websocket client receiving one never syncs),
and the latter cannot be encoded as UTF-8 (a server encoding one raises). `loads` refuses all of
them in what clients send; `sanitized` makes what an earlier version already stored writable.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


class InvalidJSON(ValueError):
    """Text that is not strict JSON, or nests deeper than allowed."""


def _refuse_constant(name: str) -> Any:
    raise InvalidJSON(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 parses as infinity
        raise InvalidJSON(f"{text} is out of range")
    return value


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)


def loads(text: str, *, max_depth: int) -> Any:
    """Parse `text`; raises InvalidJSON for anything but strict JSON within `max_depth`."""
    try:
        value = _DECODER.decode(text)
    except RecursionError as exc:
        raise InvalidJSON("nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError, InvalidJSON, int digit limit
        raise InvalidJSON(str(exc)) from exc
    # Fast paths: without an escape no string can hold a surrogate (the text is valid Unicode);
    # without that many brackets nothing nests that deep.
    if "\\u" in text:
        _check_strings(value)
    if text.count("[") + text.count("{") > max_depth:
        _check_depth(value, max_depth)
    return value


def _children(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [*value.keys(), *value.values()]
    if isinstance(value, list):
        return value
    return []


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                raise InvalidJSON("a string holds a lone surrogate")
        else:
            stack.extend(_children(item))


def _check_depth(value: Any, max_depth: int) -> None:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        if depth > max_depth:
            raise InvalidJSON(f"nested deeper than {max_depth}")
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)


def sanitized(value: Any) -> Any:
    """`value` with NaN and infinities as null and lone surrogates as U+FFFD (for stored data)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, dict):
        return {sanitized(key): sanitized(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [sanitized(item) for item in value]
    return value


def dumps(value: Any) -> str:
    """Compact strict JSON of `value`, sanitized first (so it never raises for those reasons)."""
    return json.dumps(sanitized(value), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
