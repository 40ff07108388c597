"""Result sets as text: parsing the rows a query printed and comparing them with the expected.

The format is sqlite3's quote mode (``sqlite3 -quote``), which keeps every value's type: one row
a line, the values joined by commas, each an SQL literal:

- ``NULL``;
- an integer (``42``, ``-7``) or a real (``2.5``, ``1.0e+20``, ``Inf``, ``-Inf``);
- a string in single quotes, a quote doubled (``'it''s'``), line breaks kept inside the quotes;
- a blob (``X'00ff'``).

Two result sets match when they have the same number of rows, row for row (ordered) or as
multisets of rows (unordered), and every row has the same number of values, each matching:
NULL only NULL; two integers exactly; an integer or a real and another number within the
tolerance (absolute, or relative to the expected value), so ``100`` matches ``100.0``; strings
and blobs exactly; a string never matches a number (``'1'`` is not ``1``).

Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from codecollab.problems.numbers import numbers_close

Value = None | int | float | str | bytes
Row = tuple[Value, ...]

_BLANKS = re.compile(r"[ \t]*")
_NULL = re.compile(r"NULL")
_INFINITY = re.compile(r"-?Inf")
_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"-?\d+")
_STRING = re.compile(r"'((?:[^']|'')*)'")
_BLOB = re.compile(r"[xX]'((?:[0-9a-fA-F]{2})*)'")


class ResultSetError(ValueError):
    """The text is not rows of SQL literals; the message says where."""


def parse_rows(text: str) -> list[Row]:
    """The rows of a result set printed in quote mode (an empty text is no rows)."""
    rows: list[Row] = []
    position = 0
    while position < len(text):
        row, position = _parse_row(text, position, line=len(rows) + 1)
        rows.append(row)
    return rows


def result_sets_match(expected: str, actual: str, *, ordered: bool, tolerance: float) -> bool:
    """Whether ``actual`` prints the result set ``expected`` holds (False if either does not
    parse)."""
    try:
        want, got = parse_rows(expected), parse_rows(actual)
    except ResultSetError:
        return False
    return rows_match(want, got, ordered=ordered, tolerance=tolerance)


def rows_match(
    expected: Sequence[Row], actual: Sequence[Row], *, ordered: bool, tolerance: float
) -> bool:
    if len(expected) != len(actual):
        return False
    if not ordered:
        expected, actual = sorted(expected, key=_row_key), sorted(actual, key=_row_key)
    return all(
        _row_matches(want, got, tolerance) for want, got in zip(expected, actual, strict=True)
    )


def values_match(expected: Value, actual: Value, tolerance: float) -> bool:
    if _is_number(expected) and _is_number(actual):
        assert isinstance(expected, int | float)
        assert isinstance(actual, int | float)
        if isinstance(expected, int) and isinstance(actual, int):
            return expected == actual
        return numbers_close(float(expected), float(actual), tolerance)
    return type(expected) is type(actual) and expected == actual


def render_rows(rows: Sequence[Row]) -> str:
    """The rows in quote mode, each real in its shortest exact form (``0.1``, not sqlite3's
    ``0.10000000000000000555``)."""
    return "".join(",".join(render_value(value) for value in row) + "\n" for row in rows)


def render_value(value: Value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, bytes):
        return "X'" + value.hex() + "'"
    if isinstance(value, float) and math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    return repr(value)


def shown_rows(text: str, *, ordered: bool) -> str:
    """``text`` as a person comparing it with another result set wants to read it: rendered
    canonically, and sorted when order does not matter (so a diff shows only the rows that
    differ); unchanged if it is not a result set."""
    try:
        rows = parse_rows(text)
    except ResultSetError:
        return text
    return render_rows(rows if ordered else sorted(rows, key=_row_key))


def _parse_row(text: str, position: int, *, line: int) -> tuple[Row, int]:
    values: list[Value] = []
    while True:
        value, position = _parse_value(text, _skip_blanks(text, position), line=line)
        values.append(value)
        position = _skip_blanks(text, position)
        if text.startswith(",", position):
            position += 1
            continue
        for ending in ("\r\n", "\n"):
            if text.startswith(ending, position):
                return tuple(values), position + len(ending)
        if position == len(text):
            return tuple(values), position
        raise ResultSetError(
            f"row {line}: expected ',' or the end of the row at {_near(text, position)}"
        )


def _parse_value(text: str, position: int, *, line: int) -> tuple[Value, int]:
    if match := _NULL.match(text, position):
        return None, match.end()
    if match := _STRING.match(text, position):
        return match.group(1).replace("''", "'"), match.end()
    if match := _BLOB.match(text, position):
        return bytes.fromhex(match.group(1)), match.end()
    if match := _INFINITY.match(text, position):
        return float(match.group(0).replace("Inf", "inf")), match.end()
    if match := _NUMBER.match(text, position):
        literal = match.group(0)
        value: int | float = int(literal) if _INTEGER.fullmatch(literal) else float(literal)
        return value, match.end()
    raise ResultSetError(f"row {line}: expected an SQL value at {_near(text, position)}")


def _skip_blanks(text: str, position: int) -> int:
    match = _BLANKS.match(text, position)
    assert match is not None
    return match.end()


def _near(text: str, position: int) -> str:
    if position >= len(text):
        return "the end"
    return repr(text[position : position + 20])


def _row_matches(expected: Row, actual: Row, tolerance: float) -> bool:
    if len(expected) != len(actual):
        return False
    return all(
        values_match(want, got, tolerance) for want, got in zip(expected, actual, strict=True)
    )


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float)


def _row_key(row: Row) -> tuple[tuple[int, int | float | str | bytes], ...]:
    """A total order over rows: NULLs, then numbers, then strings, then blobs, column by
    column (as SQLite orders values)."""
    return tuple(_value_key(value) for value in row)


def _value_key(value: Value) -> tuple[int, int | float | str | bytes]:
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, value)
