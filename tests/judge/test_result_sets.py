"""How a query's result set is compared with the expected one: rows of typed SQL literals
(sqlite3's quote mode), in order or as multisets. Pure functions, no sandbox."""

from __future__ import annotations

import pytest

from codecollab.problems.compare import Comparison, ComparisonMode, outputs_match
from codecollab.problems.result_sets import (
    ResultSetError,
    parse_rows,
    render_rows,
    shown_rows,
)

ORDERED = Comparison(ComparisonMode.ORDERED_ROWS, float_tolerance=1e-6)
UNORDERED = Comparison(ComparisonMode.UNORDERED_ROWS, float_tolerance=1e-6)


def test_every_sqlite_literal_parses_to_its_type() -> None:
    text = "NULL,42,-7,2.5,1.0e+20,-Inf,'it''s',X'00ff',''\n"
    assert parse_rows(text) == [(None, 42, -7, 2.5, 1e20, float("-inf"), "it's", b"\x00\xff", "")]


def test_a_string_keeps_its_line_breaks_and_commas() -> None:
    assert parse_rows("'a\nb, c',1\n2,'x'\n") == [("a\nb, c", 1), (2, "x")]


def test_an_empty_output_is_no_rows() -> None:
    assert parse_rows("") == []


@pytest.mark.parametrize("text", ["Ann,1\n", "'open\n", "1,,2\n", "1 2\n", "1,\n", "\n"])
def test_text_that_is_not_sql_literals_is_refused(text: str) -> None:
    with pytest.raises(ResultSetError, match="row 1"):
        parse_rows(text)


def test_ordered_rows_must_come_in_the_same_order() -> None:
    assert outputs_match("1,'a'\n2,'b'\n", "1,'a'\n2,'b'\n", ORDERED)
    assert not outputs_match("1,'a'\n2,'b'\n", "2,'b'\n1,'a'\n", ORDERED)


def test_unordered_rows_accept_any_order() -> None:
    assert outputs_match("1,'a'\n2,'b'\n3,NULL\n", "3,NULL\n2,'b'\n1,'a'\n", UNORDERED)


def test_unordered_rows_count_duplicate_rows() -> None:
    assert not outputs_match("'Kim'\n'Kim'\n'Lee'\n", "'Kim'\n'Lee'\n", UNORDERED)
    assert not outputs_match("'Kim'\n'Lee'\n", "'Kim'\n'Kim'\n'Lee'\n", UNORDERED)
    assert not outputs_match("'Kim'\n'Kim'\n'Lee'\n", "'Kim'\n'Lee'\n'Lee'\n", UNORDERED)


def test_null_matches_only_null() -> None:
    assert outputs_match("NULL\n", "NULL\n", ORDERED)
    for other in ("0\n", "''\n", "'NULL'\n", ""):
        assert not outputs_match("NULL\n", other, ORDERED), other


def test_a_null_row_is_not_an_empty_result() -> None:
    assert not outputs_match("NULL\n", "", UNORDERED)


def test_integers_compare_exactly_however_large() -> None:
    assert outputs_match("9223372036854775807\n", "9223372036854775807\n", ORDERED)
    assert not outputs_match("9223372036854775807\n", "9223372036854775806\n", ORDERED)


def test_reals_compare_within_the_tolerance() -> None:
    assert outputs_match("0.1\n", "0.10000000000000000555\n", ORDERED)
    assert outputs_match("1000000.0\n", "1000000.5\n", ORDERED)  # relative to the expected
    assert not outputs_match("0.3333\n", "0.33333333333333331482\n", ORDERED)


def test_an_integer_matches_an_equal_real() -> None:
    assert outputs_match("100\n", "100.0\n", ORDERED)
    assert outputs_match("2.5\n", "2.5000000001\n", ORDERED)
    assert not outputs_match("3\n", "2.5\n", ORDERED)


def test_text_compares_exactly_and_never_as_a_number() -> None:
    assert not outputs_match("'100'\n", "100\n", ORDERED)
    assert not outputs_match("'Ann'\n", "'ann'\n", ORDERED)
    assert not outputs_match("'Ann'\n", "'Ann '\n", ORDERED)


def test_a_blob_matches_only_the_same_bytes() -> None:
    assert outputs_match("X'00ff'\n", "x'00FF'\n", ORDERED)
    assert not outputs_match("X'00ff'\n", "'\x00\xff'\n", ORDERED)


def test_a_different_number_of_columns_never_matches() -> None:
    assert not outputs_match("1,'a'\n", "1\n", ORDERED)
    assert not outputs_match("1\n", "1,'a'\n", UNORDERED)
    assert not outputs_match("1,NULL\n", "1\n", ORDERED)


def test_a_different_number_of_rows_never_matches() -> None:
    assert not outputs_match("1\n2\n", "1\n", ORDERED)
    assert not outputs_match("", "1\n", UNORDERED)


def test_output_that_is_not_a_result_set_is_wrong() -> None:
    assert not outputs_match("'Ann'|100\n", "Ann|100\n", ORDERED)


def test_unordered_rows_sort_across_types_without_error() -> None:
    expected = "NULL\n1\n'a'\nX'01'\n2.5\n"
    assert outputs_match(expected, "X'01'\n'a'\n2.5\nNULL\n1\n", UNORDERED)


def test_rows_render_back_to_the_same_rows() -> None:
    rows = [(None, 42, 2.5, 1e20, float("inf"), "it's\nok", b"\x01")]
    assert parse_rows(render_rows(rows)) == rows


def test_shown_rows_read_reals_in_their_shortest_form() -> None:
    assert shown_rows("0.10000000000000000555,'a'\n", ordered=True) == "0.1,'a'\n"


def test_shown_rows_sort_when_order_does_not_matter() -> None:
    assert shown_rows("'b'\n'a'\n", ordered=False) == "'a'\n'b'\n"
    assert shown_rows("'b'\n'a'\n", ordered=True) == "'b'\n'a'\n"


def test_shown_rows_leave_other_text_alone() -> None:
    assert shown_rows("Ann|100\n", ordered=False) == "Ann|100\n"
