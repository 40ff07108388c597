"""The problem file format: validation errors name the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from codecollab.problems.files import (
    ProblemFileError,
    dump_problem,
    load_problem_file,
    parse_problem,
)

VALID = {
    "slug": "add-two",
    "title": "Add Two",
    "difficulty": "easy",
    "statement": "Print a + b.",
    "tests": [
        {"input": "1 2\n", "output": "3\n", "visible": True},
        {"input": "2 2\n", "output": "4\n"},
    ],
}


def text_of(**changes: object) -> str:
    return yaml.safe_dump({**VALID, **changes})


def error_of(text: str) -> str:
    with pytest.raises(ProblemFileError) as caught:
        parse_problem(text, source="bank/add-two.yaml")
    return str(caught.value)


def test_a_valid_file_parses_with_defaults() -> None:
    spec = parse_problem(text_of(), source="x")
    assert spec.comparison == "whitespace"
    assert spec.time_limit_ms == 2000
    assert [test.visible for test in spec.tests] == [True, False]


def test_a_missing_field_is_named_with_the_file() -> None:
    data = dict(VALID)
    del data["title"]
    assert error_of(yaml.safe_dump(data)) == "bank/add-two.yaml: title: Field required"


def test_a_bad_nested_field_is_named_by_its_path() -> None:
    message = error_of(text_of(tests=[{"input": "1", "output": "1", "comparison": "fuzzy"}]))
    assert message.startswith("bank/add-two.yaml: tests[0].comparison: ")


def test_a_problem_without_tests_is_refused() -> None:
    assert "at least one test" in error_of(text_of(tests=[]))


def test_invalid_yaml_says_where() -> None:
    assert "(line 3, column 1)" in error_of("slug: x\ntitle: [unclosed\n")


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    assert "mapping" in error_of("- just\n- a list\n")


def test_unknown_fields_are_refused() -> None:
    assert "colour" in error_of(text_of(colour="blue"))


def test_a_test_needs_exactly_one_source_of_input() -> None:
    message = error_of(text_of(tests=[{"input": "1", "input_file": "a.in", "output": "1"}]))
    assert "exactly one of input and input_file" in message


def test_nul_characters_are_refused() -> None:
    assert "NUL" in error_of(text_of(tests=[{"input": "a\x00b", "output": "1"}]))


@pytest.mark.parametrize("path", ["../secret.in", "/etc/passwd", "tests/../../x.in", ".hidden"])
def test_data_files_must_stay_inside_the_problem_directory(path: str) -> None:
    assert "input_file" in error_of(text_of(tests=[{"input_file": path, "output": "1"}]))


def test_data_files_and_test_dirs_are_read_in(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "b.in").write_text("5 5\n")
    (tmp_path / "tests" / "b.out").write_text("10\n")
    (tmp_path / "a.in").write_text("1 1\n")
    (tmp_path / "problem.yaml").write_text(
        text_of(tests=[{"input_file": "a.in", "output": "2\n"}], test_dir="tests")
    )
    spec = load_problem_file(tmp_path / "problem.yaml")
    assert [(t.name, t.input, t.output, t.visible) for t in spec.tests] == [
        (None, "1 1\n", "2\n", False),
        ("b", "5 5\n", "10\n", False),
    ]
    assert spec.inline()


def test_a_missing_data_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "problem.yaml").write_text(
        text_of(tests=[{"input_file": "gone.in", "output": "1"}])
    )
    with pytest.raises(ProblemFileError, match=r"problem.yaml: tests\[0\].input_file"):
        load_problem_file(tmp_path / "problem.yaml")


def test_an_exported_file_parses_back_to_the_same_problem() -> None:
    spec = parse_problem(
        text_of(
            starter={"go": "package main\n\nfunc main() {\n\tprintln()\n}\n", "python": "x = 1\n"},
            tests=[{"input": "trailing  \nspaces \n", "output": "tab\there\n", "visible": True}],
        ),
        source="x",
    )
    assert parse_problem(dump_problem(spec), source="export") == spec
