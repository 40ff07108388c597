"""SQL problems in the problem file format: every test compares result sets, and every expected
output is one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from codecollab.problems.files import ProblemFileError, load_problem_file, parse_problem

SETUP = "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1), (2);\n"
VALID = {
    "slug": "count-rows",
    "title": "Count Rows",
    "difficulty": "easy",
    "statement": "Count the rows of t.",
    "comparison": "unordered_rows",
    "tests": [
        {"input": SETUP, "output": "2\n", "visible": True},
        {"input": "CREATE TABLE t (x INTEGER);\n", "output": "0\n"},
    ],
}


def text_of(**changes: object) -> str:
    return yaml.safe_dump({**VALID, **changes})


def error_of(text: str) -> str:
    with pytest.raises(ProblemFileError) as caught:
        parse_problem(text, source="bank/count-rows.yaml")
    return str(caught.value)


def test_an_sql_problem_parses_and_compares_rows() -> None:
    spec = parse_problem(text_of(), source="x")
    assert spec.compares_rows
    assert spec.comparison_of(spec.tests[0]).mode == "unordered_rows"


def test_a_test_may_ask_for_ordered_rows_in_an_unordered_problem() -> None:
    tests = [{"input": SETUP, "output": "1\n2\n", "comparison": "ordered_rows"}]
    spec = parse_problem(text_of(tests=tests), source="x")
    assert spec.comparison_of(spec.tests[0]).mode == "ordered_rows"


def test_an_expected_output_that_is_not_a_result_set_is_refused() -> None:
    message = error_of(text_of(tests=[{"input": SETUP, "output": "two rows\n"}]))
    assert message.startswith("bank/count-rows.yaml: ")
    assert "tests[0].output: is not a result set: row 1" in message


def test_an_empty_expected_result_set_is_accepted() -> None:
    spec = parse_problem(text_of(tests=[{"input": SETUP, "output": ""}]), source="x")
    assert spec.tests[0].output == ""


def test_a_problem_cannot_mix_result_sets_with_text_comparisons() -> None:
    tests = [{"input": SETUP, "output": "2\n", "comparison": "tokens"}]
    assert "cannot be mixed" in error_of(text_of(tests=tests))
    rows_test = {"input": SETUP, "output": "2\n", "comparison": "unordered_rows"}
    text_problem = text_of(comparison="whitespace", tests=[rows_test])
    assert "cannot be mixed" in error_of(text_problem)


def test_an_expected_output_read_from_a_file_is_checked_too(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "big.in").write_text(SETUP)
    (tmp_path / "tests" / "big.out").write_text("Ann|2\n")
    (tmp_path / "problem.yaml").write_text(text_of(test_dir="tests"))
    with pytest.raises(ProblemFileError, match=r"tests\[2\]\.output: is not a result set"):
        load_problem_file(tmp_path / "problem.yaml")
