"""The four comparison modes, as pure functions."""

from __future__ import annotations

import pytest

from codecollab.problems.compare import Comparison, ComparisonMode, outputs_match

EXACT = Comparison(ComparisonMode.EXACT)
WHITESPACE = Comparison(ComparisonMode.WHITESPACE)
TOKENS = Comparison(ComparisonMode.TOKENS, float_tolerance=1e-6)
UNORDERED = Comparison(ComparisonMode.UNORDERED_LINES)


def test_exact_accepts_only_identical_text() -> None:
    assert outputs_match("1 2\n", "1 2\n", EXACT)
    assert not outputs_match("1 2\n", "1 2", EXACT)
    assert not outputs_match("1 2\n", "1 2 \n", EXACT)


@pytest.mark.parametrize(
    "actual", ["1 2\n3\n", "1 2\n3", "1 2  \n3\t\n", "1 2\r\n3\r\n", "1 2\n3\n\n\n"]
)
def test_whitespace_ignores_trailing_blanks_and_final_newlines(actual: str) -> None:
    assert outputs_match("1 2\n3\n", actual, WHITESPACE)


@pytest.mark.parametrize("actual", [" 1 2\n3\n", "1  2\n3\n", "1 2\n\n3\n", "1 2 3\n", ""])
def test_whitespace_keeps_leading_and_inner_spacing_and_line_breaks(actual: str) -> None:
    assert not outputs_match("1 2\n3\n", actual, WHITESPACE)


def test_whitespace_treats_empty_and_blank_output_alike() -> None:
    assert outputs_match("", "\n \n", WHITESPACE)


def test_tokens_ignore_all_whitespace_layout() -> None:
    assert outputs_match("1 2\n3\n", "1\n2 3", TOKENS)


def test_tokens_compare_floats_within_the_tolerance() -> None:
    assert outputs_match("2.5", "2.5000004", TOKENS)
    assert outputs_match("2.5", "25e-1", TOKENS)
    assert not outputs_match("2.5", "2.50001", TOKENS)


def test_tokens_tolerance_is_relative_for_large_values() -> None:
    assert outputs_match("12345678.5", "1.23456785E7", TOKENS)
    assert outputs_match("1000000000", "1000000000.5", TOKENS)
    assert not outputs_match("0.000001", "0.000003", Comparison(ComparisonMode.TOKENS, 1e-7))


def test_tokens_compare_integers_exactly_even_past_float_precision() -> None:
    assert not outputs_match("12345678901234567890", "12345678901234567891", TOKENS)
    assert outputs_match("007", "7", TOKENS)


def test_tokens_never_treat_words_like_nan_or_inf_as_numbers() -> None:
    assert not outputs_match("nan", "NaN", TOKENS)
    assert not outputs_match("inf", "1e999", TOKENS)
    assert not outputs_match("1_000", "1000", TOKENS)


def test_tokens_need_the_same_count() -> None:
    assert not outputs_match("1 2", "1 2 3", TOKENS)
    assert not outputs_match("true", "True", TOKENS)


def test_unordered_lines_accept_any_order() -> None:
    assert outputs_match("a b\nc\n", "c\na b\n", UNORDERED)
    assert outputs_match("a b\nc\n", "c  \na b", UNORDERED)


def test_unordered_lines_count_repeated_lines() -> None:
    assert not outputs_match("x\nx\ny\n", "x\ny\ny\n", UNORDERED)
    assert not outputs_match("x\ny\n", "x\ny\nz\n", UNORDERED)


def test_unordered_lines_keep_the_order_within_a_line() -> None:
    assert not outputs_match("a b\n", "b a\n", UNORDERED)
