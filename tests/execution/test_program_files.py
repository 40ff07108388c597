"""A multi-file program's names, and how a language turns its files and options into commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from codecollab.execution.languages import LanguageError, load_language, load_languages
from codecollab.execution.program_files import ProgramFilesError, check_names

LANGUAGES = load_languages()


@pytest.mark.parametrize(
    "names", [[], ["util.c"], ["util.h", "geo/area.c", "geo/area.h"], ["Data_1.txt", "a+b-c.py"]]
)
def test_relative_names_one_directory_deep_are_accepted(names: list[str]) -> None:
    check_names("main.c", names)


@pytest.mark.parametrize(
    ("names", "reason"),
    [
        (["../escape.c"], "relative name"),
        (["/etc/passwd"], "relative name"),
        (["a/b/c.c"], "relative name"),
        (["a/../b.c"], "relative name"),
        ([".hidden"], "relative name"),
        (["sub/.hidden"], "relative name"),
        (["with space.c"], "relative name"),
        (["back\\slash.c"], "relative name"),
        (["main.c"], "entry point"),
        (["util.c", "util.c"], "twice"),
        (["x", "x/y.c"], "both a file and a directory"),
        (["main.c/y.c"], "both a file and a directory"),
        ([f"f{i}.c" for i in range(32)], "at most 32"),
    ],
)
def test_unsafe_or_clashing_names_are_refused(names: list[str], reason: str) -> None:
    with pytest.raises(ProgramFilesError, match=reason):
        check_names("main.c", names)


def test_the_compile_command_takes_every_source_and_the_options_last() -> None:
    command = LANGUAGES["c"].compile_command(["util.h", "util.c", "geo/area.c"], ["-std=c99"])
    assert command == (
        *("gcc", "-O2", "-std=gnu17", "-pipe", "-o", "main"),
        *("main.c", "util.c", "geo/area.c", "-lm", "-std=c99"),
    )


def test_a_star_never_crosses_a_directory() -> None:
    go = LANGUAGES["go"]
    assert go.is_source("answer.go")
    assert not go.is_source("sub/answer.go")


def test_without_files_or_options_the_compile_command_is_the_single_file_one() -> None:
    assert LANGUAGES["cpp"].compile_command() == (
        *("g++", "-O2", "-std=gnu++20", "-pipe", "-I/usr/local/lib/codecollab/pch/gnu++20"),
        *("-o", "main", "main.cpp"),
    )


def test_the_run_command_ends_with_the_arguments() -> None:
    assert LANGUAGES["python"].run_command(["a", "b c"]) == ("python3", "-B", "main.py", "a", "b c")


def test_options_outside_the_allow_list_are_named() -> None:
    assert LANGUAGES["cpp"].refused_option(["-O3", "-std=c++17"]) is None
    assert LANGUAGES["cpp"].refused_option(["-O3", "-fplugin=x.so", "-B/tmp"]) == "-fplugin=x.so"
    assert LANGUAGES["python"].refused_option(["-O"]) == "-O"


LANGUAGE = """
id = "example"
name = "Example"
monaco = "plaintext"
file = "main.txt"
compile = ["cc", "main.txt"]
run = ["./main"]
version = ["cc", "--version"]
{extra}
[hello]
source = "Hello"
stdout = "Hello"
[echo]
source = ""
"""


@pytest.mark.parametrize(
    "extra", ['compiler_options = ["-O2"]', 'sources = ["*.txt"]'], ids=["options", "sources"]
)
def test_a_language_must_place_what_it_declares(tmp_path: Path, extra: str) -> None:
    path = tmp_path / "example.toml"
    path.write_text(LANGUAGE.format(extra=extra))
    with pytest.raises(LanguageError, match="in the compile command"):
        load_language(path)
