"""Language files may take names from the source (Java's file is named for its public class)
and size runs from the limits: `{name}` placeholders, checked when the file loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from codecollab.execution.languages import LanguageError, load_language, load_languages
from codecollab.execution.sandbox.base import MIB, Limits

JAVA = load_languages()["java"]

NAMED = """
id = "example"
name = "Example"
monaco = "plaintext"
file = "{{unit}}.src"
compile = ["tool", "{{unit}}.src"]
run = ["runner", "--memory={{memory_mb}}m", "--stack={{stack_mb}}m", "--cpus={{cpus}}", "{{unit}}"]
version = ["tool", "--version"]
[source_names.unit]
pattern = '{pattern}'
default = "Main"
[hello]
source = "unit Hello"
stdout = "Hello"
[echo]
source = ""
"""


def example(tmp_path: Path, pattern: str = r"unit\s+(\w+)") -> Path:
    path = tmp_path / "example.toml"
    path.write_text(NAMED.format(pattern=pattern))
    return path


def test_names_from_the_source_fill_the_file_and_the_commands(tmp_path: Path) -> None:
    language = load_language(example(tmp_path)).for_source("unit Solver\n")
    assert language.file == "Solver.src"
    assert language.compile == ("tool", "Solver.src")
    assert language.run[-1] == "Solver"


def test_a_name_not_found_takes_its_default(tmp_path: Path) -> None:
    assert load_language(example(tmp_path)).for_source("nothing here").file == "Main.src"


def test_a_found_name_that_is_not_an_identifier_takes_the_default(tmp_path: Path) -> None:
    language = load_language(example(tmp_path, pattern=r"unit\s+(\S+)"))
    assert language.for_source("unit ../../etc/passwd").file == "Main.src"
    assert language.for_source("unit -Xoption").run[-1] == "Main"


def test_a_name_too_long_for_a_file_name_takes_the_default(tmp_path: Path) -> None:
    language = load_language(example(tmp_path)).for_source("unit " + "A" * 100)
    assert language.file == "Main.src"


def test_the_run_command_carries_the_run_limits(tmp_path: Path) -> None:
    language = load_language(example(tmp_path)).for_source("unit Solver")
    limits = Limits(memory_bytes=512 * MIB, stack_bytes=128 * MIB, cpus=1.5)
    assert language.run_command(["x"], limits) == (
        *("runner", "--memory=512m", "--stack=128m", "--cpus=2", "Solver", "x"),
    )


def test_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    path = example(tmp_path)
    path.write_text(path.read_text().replace('"{unit}"]', '"{missing}"]'))
    with pytest.raises(LanguageError, match="missing"):
        load_language(path)


def test_an_invalid_pattern_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LanguageError, match="regular expression"):
        load_language(example(tmp_path, pattern="unit (("))


def test_limit_placeholders_are_refused_in_the_file_name(tmp_path: Path) -> None:
    path = example(tmp_path)
    path.write_text(path.read_text().replace('file = "{unit}.src"', 'file = "{memory_mb}.src"'))
    with pytest.raises(LanguageError, match="memory_mb"):
        load_language(path)


@pytest.mark.parametrize(
    ("source", "file"),
    [
        ("public class Solution {}", "Solution.java"),
        ("package a.b;\n\npublic final class Answer {}", "Answer.java"),
        ("class Helper {}\npublic abstract class Shape {}", "Shape.java"),
        ("public record Point(int x, int y) {}", "Point.java"),
        ("class Program {}", "Main.java"),
        ("class A {\n    public static class Nested {}\n}", "Main.java"),
    ],
)
def test_java_files_are_named_for_the_public_top_level_type(source: str, file: str) -> None:
    assert JAVA.for_source(source).file == file


def test_languages_without_source_names_are_unchanged() -> None:
    python = load_languages()["python"]
    assert python.for_source("print(1)") is python
    assert python.run_command([], Limits()) == python.run
