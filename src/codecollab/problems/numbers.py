"""Comparing numbers an answer printed with the expected ones, within a tolerance."""

from __future__ import annotations

import math


def numbers_close(expected: float, actual: float, tolerance: float) -> bool:
    """Within ``tolerance`` absolutely or relative to the expected value (huge values overflow
    to infinity and then only match an equal infinity)."""
    if not (math.isfinite(expected) and math.isfinite(actual)):
        return expected == actual
    return abs(expected - actual) <= tolerance * max(1.0, abs(expected))
