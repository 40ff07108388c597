"""Whether a program's output matches the expected output, under one of four comparison modes.

- ``exact``: byte for byte (as text).
- ``whitespace``: trailing spaces/tabs (and ``\\r``) at the end of each line and trailing empty
  lines at the end are ignored; everything else, leading spaces included, must match.
- ``tokens``: the whitespace-separated tokens must match one for one; two integers compare as
  integers (``007`` equals ``7``, never rounded), any other two numbers compare within
  ``float_tolerance``, absolute or relative to the expected value; other tokens as text.
- ``unordered_lines``: the lines, normalised as in ``whitespace``, are equal as multisets.

Pure functions, no I/O: the judge and the problem bank both rely on them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_FLOAT_TOLERANCE = 1e-6

# Deliberately stricter than float(): no "nan", "inf", "1_000" or hex.
_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


class ComparisonMode(StrEnum):
    EXACT = "exact"
    WHITESPACE = "whitespace"
    TOKENS = "tokens"
    UNORDERED_LINES = "unordered_lines"


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


def numbers_close(expected: float, actual: float, tolerance: float) -> bool:
    """Within ``tolerance`` absolutely or relative to the expected value (huge values overflow
    to infinity and then only match an equal infinity)."""
    if not (math.isfinite(expected) and math.isfinite(actual)):
        return expected == actual
    return abs(expected - actual) <= tolerance * max(1.0, abs(expected))
