"""The problem file format (YAML), validated with pydantic; errors name the file and the field.

A problem file (see docs/problems.md) holds the whole problem. In the repository's bank a test
may name its data files (``input_file``/``output_file``, relative to the problem file) instead
of holding the text inline; ``load_problem_file`` reads them in. A file uploaded through the API
has no directory, so there every test must be inline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from codecollab.errors import MAX_ERRORS
from codecollab.problems.compare import DEFAULT_FLOAT_TOLERANCE, Comparison, ComparisonMode
from codecollab.problems.result_sets import ResultSetError, parse_rows
from codecollab.validation import CLEAN, Finite

MAX_TEST_BYTES = 16 * 1024 * 1024
"""The largest input or expected output of one test."""
MAX_TESTS = 200
MAX_STATEMENT_CHARS = 64 * 1024
MAX_STARTER_CHARS = 64 * 1024

Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64), CLEAN
]
LanguageKey = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9+#._-]{0,31}$", max_length=32), CLEAN
]
Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40), CLEAN]
StarterCode = Annotated[str, StringConstraints(max_length=MAX_STARTER_CHARS), CLEAN]
CaseText = Annotated[str, StringConstraints(max_length=MAX_TEST_BYTES), CLEAN]
"""Further bounded in UTF-8 bytes by ``check_test_text``."""
Tolerance = Annotated[float, Finite, Field(ge=0, le=1)]
Difficulty = Literal["easy", "medium", "hard"]
# Relative, inside the problem's directory: no segment starts with a dot (so no "..").
RelativePath = Annotated[
    str,
    StringConstraints(
        pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$",
        max_length=200,
    ),
    CLEAN,
]


class ProblemFileError(Exception):
    """A problem file cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TestSpec(_Strict):
    """One test as written in a problem file."""

    __test__ = False  # not a pytest test class

    name: Annotated[str, StringConstraints(max_length=100), CLEAN] | None = None
    visible: bool = False
    input: CaseText | None = None
    output: CaseText | None = None
    input_file: RelativePath | None = None
    output_file: RelativePath | None = None
    comparison: ComparisonMode | None = None
    float_tolerance: Tolerance | None = None

    @model_validator(mode="after")
    def _one_source_each(self) -> TestSpec:
        for kind in ("input", "output"):
            inline = getattr(self, kind) is not None
            from_file = getattr(self, f"{kind}_file") is not None
            if inline == from_file:
                raise ValueError(f"give exactly one of {kind} and {kind}_file")
        return self

    @field_validator("input", "output")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        if value is not None:
            check_test_text(value)
        return value


class ProblemSpec(_Strict):
    """A whole problem as written in a problem file."""

    slug: Slug
    title: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), CLEAN
    ]
    difficulty: Difficulty
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    time_limit_ms: Annotated[int, Field(ge=100, le=20_000)] = 2_000
    memory_limit_mb: Annotated[int, Field(ge=16, le=2048)] = 256
    comparison: ComparisonMode = ComparisonMode.WHITESPACE
    float_tolerance: Tolerance = DEFAULT_FLOAT_TOLERANCE
    statement: Annotated[
        str, StringConstraints(min_length=1, max_length=MAX_STATEMENT_CHARS), CLEAN
    ]
    starter: dict[LanguageKey, StarterCode] = Field(default_factory=dict, max_length=64)
    tests: list[TestSpec] = Field(default_factory=list, max_length=MAX_TESTS)
    test_dir: RelativePath | None = None
    """Bank files only: every ``NAME.in`` there with its ``NAME.out`` is a hidden test, in name
    order, after ``tests`` (the generated tests; see problems/generate.py)."""

    @model_validator(mode="after")
    def _has_tests(self) -> ProblemSpec:
        if not self.tests and self.test_dir is None:
            raise ValueError("a problem needs at least one test")
        return self

    @model_validator(mode="after")
    def _result_sets_throughout(self) -> ProblemSpec:
        check_result_sets(self)
        return self

    @property
    def compares_rows(self) -> bool:
        """An SQL problem: every answer is a result set (see `result_sets`)."""
        return self.comparison.compares_rows

    @property
    def default_comparison(self) -> Comparison:
        return Comparison(self.comparison, self.float_tolerance)

    def comparison_of(self, test: TestSpec) -> Comparison:
        return Comparison(
            test.comparison or self.comparison,
            self.float_tolerance if test.float_tolerance is None else test.float_tolerance,
        )

    def inline(self) -> bool:
        return self.test_dir is None and all(
            test.input_file is None and test.output_file is None for test in self.tests
        )


def check_result_sets(spec: ProblemSpec) -> None:
    """A problem compares result sets in every test or in none (one program answers them all),
    and an expected result set must be rows of SQL literals."""
    for index, test in enumerate(spec.tests):
        mode = spec.comparison_of(test).mode
        if mode.compares_rows != spec.compares_rows:
            raise ValueError(
                f"tests[{index}].comparison: {mode} cannot be mixed with the problem's "
                f"{spec.comparison}: a problem compares result sets in every test or in none"
            )
        if spec.compares_rows and test.output is not None:
            try:
                parse_rows(test.output)
            except ResultSetError as exc:
                raise ValueError(f"tests[{index}].output: is not a result set: {exc}") from exc


def check_test_text(value: str) -> None:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if len(value.encode()) > MAX_TEST_BYTES:
        raise ValueError(f"is larger than {MAX_TEST_BYTES // (1024 * 1024)} MiB")


def parse_problem(text: str, *, source: str) -> ProblemSpec:
    """Validate a problem file's text; ``source`` names it in errors."""
    try:
        data: Any = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise ProblemFileError(f"{source}: not valid YAML: {_yaml_reason(exc)}") from exc
    if not isinstance(data, dict):
        raise ProblemFileError(f"{source}: must be a YAML mapping of the problem's fields")
    try:
        return ProblemSpec.model_validate(data)
    except ValidationError as exc:
        raise ProblemFileError(f"{source}: {describe_errors(exc)}") from exc


def load_problem_file(path: Path) -> ProblemSpec:
    """Read a bank problem file and inline every test's data files."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemFileError(f"{path}: cannot be read: {exc}") from exc
    spec = parse_problem(text, source=str(path))
    tests = [_inline_test(path, index, test) for index, test in enumerate(spec.tests)]
    if spec.test_dir is not None:
        tests += _tests_in_dir(path, spec.test_dir)
    if len(tests) > MAX_TESTS:
        raise ProblemFileError(f"{path}: tests: more than {MAX_TESTS} tests")
    if not tests:
        raise ProblemFileError(f"{path}: test_dir: holds no tests; a problem needs at least one")
    loaded = spec.model_copy(update={"tests": tests, "test_dir": None})
    try:
        check_result_sets(loaded)  # the outputs read from files
    except ValueError as exc:
        raise ProblemFileError(f"{path}: {exc}") from exc
    return loaded


def dump_problem(spec: ProblemSpec) -> str:
    """The problem as a self-contained YAML file (every test inline), the import format."""
    data = spec.model_dump(mode="json", exclude_none=True)
    for test in data["tests"]:
        if not test.get("visible"):
            test.pop("visible", None)
    return yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=100)


def describe_errors(exc: ValidationError) -> str:
    """Pydantic's errors as ``field.path: message``, one per error, joined with ``; ``; past
    MAX_ERRORS of them, only how many more there are."""
    errors = exc.errors()
    parts = []
    for error in errors[:MAX_ERRORS]:
        where = "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"]
        ).lstrip(".")
        parts.append(f"{where or 'problem'}: {error['msg']}")
    if len(errors) > MAX_ERRORS:
        parts.append(f"and {len(errors) - MAX_ERRORS} more errors")
    return "; ".join(parts)


def _inline_test(path: Path, index: int, test: TestSpec) -> TestSpec:
    changes: dict[str, Any] = {}
    for kind in ("input", "output"):
        relative = getattr(test, f"{kind}_file")
        if relative is None:
            continue
        data_path = path.parent / relative
        try:
            text = data_path.read_text(encoding="utf-8")
            check_test_text(text)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ProblemFileError(f"{path}: tests[{index}].{kind}_file: {exc}") from exc
        changes |= {kind: text, f"{kind}_file": None}
    return test.model_copy(update=changes)


def _tests_in_dir(path: Path, relative: str) -> list[TestSpec]:
    directory = path.parent / relative
    if not directory.is_dir():
        raise ProblemFileError(f"{path}: test_dir: {relative} is not a directory")
    tests: list[TestSpec] = []
    for input_path in sorted(directory.glob("*.in")):
        name = input_path.stem
        spec = TestSpec(
            name=name,
            input_file=f"{relative}/{input_path.name}",
            output_file=f"{relative}/{name}.out",
        )
        tests.append(_inline_test(path, len(tests), spec))
    return tests


def _yaml_reason(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return str(problem)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"


# libyaml's loader when PyYAML was built with it: ten times faster on large files.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line strings as ``|`` blocks so exported files stay readable."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML falls back to a quoted style by itself where a block cannot hold the text exactly
    # (trailing spaces, control characters).
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _represent_str)
