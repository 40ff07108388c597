"""Language files are validated data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from codecollab.execution.languages import (
    ECHO_STDIN,
    LanguageError,
    load_language,
    load_languages,
)

REQUIRED = {"python", "javascript", "typescript", "c", "cpp", "java", "go", "rust", "ruby", "bash"}
MONACO_DEFINITIONS = (
    Path(__file__).parents[2] / "frontend/node_modules/monaco-editor/esm/vs/languages/definitions"
)
"""Where the web app's Monaco registers its languages (one `register.js` each)."""

VALID = """
id = "{id}"
name = "Example"
monaco = "plaintext"
file = "main.txt"
run = ["cat", "main.txt"]
version = ["cat", "--version"]
[hello]
source = "Hello"
stdout = "Hello"
[echo]
source = ""
"""


def test_the_required_languages_are_defined() -> None:
    assert set(load_languages()) >= REQUIRED


def test_languages_come_in_id_order() -> None:
    ids = list(load_languages())
    assert ids == sorted(ids)


def test_there_are_at_least_30_languages() -> None:
    assert len(load_languages()) >= 30


def test_every_language_names_a_language_the_editor_knows() -> None:
    if not MONACO_DEFINITIONS.is_dir():
        pytest.skip("the web app's npm packages are not installed (scripts/ci/frontend.sh)")
    known = {"plaintext"}
    for register in MONACO_DEFINITIONS.glob("*/register.js"):
        known.update(re.findall(r'\bid: "([^"]+)"', register.read_text()))
    languages = load_languages().values()
    unknown = {lang.id: lang.monaco for lang in languages if lang.monaco not in known}
    assert unknown == {}


def test_a_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text(VALID.format(id="example"))
    assert load_language(path).run == ("cat", "main.txt")


def test_the_id_must_match_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "other.toml"
    path.write_text(VALID.format(id="example"))
    with pytest.raises(LanguageError, match="must match"):
        load_language(path)


def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text(VALID.format(id="example") + '\nshell = "yes"\n')
    with pytest.raises(LanguageError, match=r"example\.toml"):
        load_language(path)


def test_a_file_name_with_a_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text(VALID.format(id="example").replace("main.txt", "../main.txt"))
    with pytest.raises(LanguageError):
        load_language(path)


def test_broken_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text("id = ")
    with pytest.raises(LanguageError):
        load_language(path)


def test_the_version_is_taken_from_the_version_output() -> None:
    go = load_languages()["go"]
    assert go.parse_version("go version go1.19.8 linux/amd64") == "1.19.8"


def test_an_echo_copies_the_common_stdin_unless_it_gives_its_own(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text(VALID.format(id="example"))
    assert load_language(path).echo.expected_stdout == ECHO_STDIN
    own = VALID.format(id="example").replace(
        'source = ""', 'source = ""\nstdin = "x"\nstdout = "y"'
    )
    path.write_text(own)
    echo = load_language(path).echo
    assert (echo.stdin, echo.expected_stdout) == ("x", "y")


def test_a_language_with_a_result_set_run_answers_with_it(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text('result_set_run = ["rows", "main.txt"]\n' + VALID.format(id="example"))
    answering = load_language(path).answering_result_sets()
    assert answering is not None
    assert answering.run == ("rows", "main.txt")


def test_an_empty_result_set_run_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    path.write_text("result_set_run = []\n" + VALID.format(id="example"))
    with pytest.raises(LanguageError, match="result_set_run"):
        load_language(path)
