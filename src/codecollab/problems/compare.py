"""Whether a program's output matches the expected output, under one of four comparison modes.

- ``exact``: byte for byte (as text).
- ``whitespace``: trailing spaces/tabs (and ``\\r``) at the end of each line and trailing empty
  lines at the end are ignored; everything else, leading spaces included, must match.
- ``tokens``: the whitespace-separated tokens must match one for one; two integers compare as
  integers (``007`` equals ``7``, never rounded), any other two numbers compare within
  ``float_tolerance``, absolute or relative to the expected value; other tokens as text.
- ``unordered_lines``: the lines, normalised as in ``whitespace``, are equal as multisets.
- ``ordered_rows`` and ``unordered_rows``: the output is a query's result set, one row a line
  of SQL literals, equal to the expected row for row, or as multisets of rows; values compare
  by type (see ``result_sets``). A program answering these runs in its language's
  ``result_set_run`` (SQL problems).

Pure functions, no I/O: the judge and the problem bank both rely on them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from codecollab.problems.numbers import numbers_close
from codecollab.problems.result_sets import result_sets_match

DEFAULT_FLOAT_TOLERANCE = 1e-6

# Deliberately stricter than float(): no "nan", "inf", "1_000" or hex.
_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


class ComparisonMode(StrEnum):
    EXACT = "exact"
    WHITESPACE = "whitespace"
    TOKENS = "tokens"
    UNORDERED_LINES = "unordered_lines"
    ORDERED_ROWS = "ordered_rows"
    UNORDERED_ROWS = "unordered_rows"

    @property
    def compares_rows(self) -> bool:
        """The output is a result set: only a language that answers with rows can be judged."""
        return self in (ComparisonMode.ORDERED_ROWS, ComparisonMode.UNORDERED_ROWS)


@dataclass(frozen=True, slots=True)
class Comparison:
    mode: ComparisonMode = ComparisonMode.WHITESPACE
    float_tolerance: float = DEFAULT_FLOAT_TOLERANCE


def outputs_match(expected: str, actual: str, comparison: Comparison) -> bool:
    """Whether ``actual`` is an accepted answer where ``expected`` is the reference output."""
    match comparison.mode:
        case ComparisonMode.EXACT:
            return actual == expected
        case ComparisonMode.WHITESPACE:
            return normalised_lines(actual) == normalised_lines(expected)
        case ComparisonMode.TOKENS:
            return tokens_match(expected.split(), actual.split(), comparison.float_tolerance)
        case ComparisonMode.UNORDERED_LINES:
            return Counter(normalised_lines(actual)) == Counter(normalised_lines(expected))
        case ComparisonMode.ORDERED_ROWS | ComparisonMode.UNORDERED_ROWS:
            ordered = comparison.mode is ComparisonMode.ORDERED_ROWS
            return result_sets_match(
                expected, actual, ordered=ordered, tolerance=comparison.float_tolerance
            )


def normalised_lines(text: str) -> list[str]:
    """The lines without trailing blanks or ``\\r``, and without trailing empty lines."""
    lines = [line.rstrip(" \t\r") for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def tokens_match(expected: list[str], actual: list[str], tolerance: float) -> bool:
    if len(expected) != len(actual):
        return False
    pairs = zip(expected, actual, strict=True)
    return all(token_matches(want, got, tolerance) for want, got in pairs)


def token_matches(expected: str, actual: str, tolerance: float) -> bool:
    if expected == actual:
        return True
    if _INTEGER.fullmatch(expected) and _INTEGER.fullmatch(actual):
        return int(expected) == int(actual)
    if _NUMBER.fullmatch(expected) and _NUMBER.fullmatch(actual):
        return numbers_close(float(expected), float(actual), tolerance)
    return False
