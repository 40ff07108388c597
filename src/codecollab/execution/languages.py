"""Languages are data: one TOML file per language in ``languages/``, validated here.

A language file holds::

    id = "python"                 # stable id used by the API (lowercase, digits, - _ +)
    name = "Python 3"             # shown to people
    monaco = "python"             # the Monaco editor's language id
    file = "main.py"              # the source file name in the work dir
    compile = ["gcc", "main.c"]   # optional; argv, run with cwd = the work dir; an element
                                  # "{sources}" becomes the entry file and every other file of
                                  # the program matching `sources`, "{options}" the compiler
                                  # options the request chose
    sources = ["*.c", "*/*.c"]    # optional; globs over a whole relative name (* never
                                  # crosses a /) picking the files "{sources}" stands for
    compiler_options = ["-O3"]    # optional; the only compiler options a request may choose
    run = ["python3", "main.py"]  # argv
    version = ["python3", "--version"]
    version_pattern = '...'       # optional regex; group 1 (or the match) is the version
    env = { KEY = "value" }       # optional extra environment for compile and run
    compile_limits = { memory_mb = 1024, processes = 256 }  # optional, over COMPILE_LIMITS

    [source_names.main]           # optional: names taken from the source (see below)
    pattern = '...'               # a regex; the first match's group 1 is the name
    format = "{}"                 # optional; how a found name is written ("{}." adds a dot)
    default = "Main"              # the name when the pattern does not match

    [hello]                       # a program printing a fixed text
    source = "print('Hello, World!')"
    stdout = "Hello, World!\\n"

    [echo]                        # a program copying stdin to stdout unchanged
    source = "..."
    stdin = "..."                 # optional, with stdout: for a language that reads stdin as
    stdout = "..."                # code (SQL's setup script), what it is given and must print

    result_set_run = ["sqlite3", "-quote", ...]  # optional; see `Language.result_set_run`

``{NAME}`` within ``file``, ``compile`` and ``run`` stands for a source name (so Java's file is
``{public}.java``); within ``run`` also for the run's limits: ``{memory_mb}`` (the memory limit
in MiB), ``{stack_mb}`` (the stack limit in MiB) and ``{cpus}`` (whole CPUs, at least 1), so a
runtime sizes itself from the limits (the JVM's heap, thread stack and processor count).

Adding a language is adding a file; nothing else branches on the language. A run's
command-line arguments follow ``run``.
"""

from __future__ import annotations

import fnmatch
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from codecollab.execution.sandbox.base import COMPILE_LIMITS, MIB, Limits

DEFAULT_LIMITS = Limits()
LANGUAGES_DIR = Path(__file__).parent / "languages"
DEFAULT_VERSION_PATTERN = r"(\d+\.\d+(?:\.\d+)?)"
SOURCES = "{sources}"
OPTIONS = "{options}"
FILE_NAME = r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$"
NAME_VALUE = re.compile(r"^[^\W\d][\w$.]{0,127}$")
"""What a name taken from a source may be: an identifier, maybe dotted (never a path or an
option); anything else found gives the default."""
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
LIMIT_NAMES = ("memory_mb", "stack_mb", "cpus")
"""Placeholders of ``run`` filled from the run's limits."""
ECHO_STDIN = "first line\n  second line with spaces  \n3 4 5\nünïcödé ✓\nlast line without newline"


class LanguageError(Exception):
    """A language file is invalid; the message names the file."""


class HelloTest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    stdout: str


class EchoTest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    stdin: str = ECHO_STDIN
    stdout: str | None = None
    """What the program prints given ``stdin``; None: ``stdin`` itself, unchanged."""

    @property
    def expected_stdout(self) -> str:
        return self.stdin if self.stdout is None else self.stdout


class SourceName(BaseModel):
    """A name taken from a program's source (Java's public class, its package, its main class)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pattern: str = Field(min_length=1, max_length=1000)
    format: str = Field(default="{}", pattern=r"^[^{}]*\{\}[^{}]*$")
    default: str = Field(default="", max_length=128)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from exc
        return pattern

    def find(self, source: str) -> str:
        """This name in ``source``: the first match's group 1 (or the whole match), without
        whitespace, formatted; the default when there is none or it is not a plain name."""
        match = re.search(self.pattern, source)
        if match is None:
            return self.default
        found = re.sub(r"\s+", "", match.group(1) if match.groups() else match.group(0))
        if NAME_VALUE.match(found) is None:
            return self.default
        return self.format.replace("{}", found)


class CompileLimits(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    cpu_time_ms: int | None = Field(default=None, gt=0)
    wall_time_ms: int | None = Field(default=None, gt=0)
    memory_mb: int | None = Field(default=None, gt=0)
    processes: int | None = Field(default=None, gt=0)

    def apply(self, base: Limits) -> Limits:
        changes: dict[str, int] = {}
        if self.cpu_time_ms is not None:
            changes["cpu_time_ms"] = self.cpu_time_ms
        if self.wall_time_ms is not None:
            changes["wall_time_ms"] = self.wall_time_ms
        if self.memory_mb is not None:
            changes["memory_bytes"] = self.memory_mb * MIB
        if self.processes is not None:
            changes["processes"] = self.processes
        return base.with_(**changes)


class Language(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_+-]{0,31}$")
    name: str = Field(min_length=1, max_length=64)
    monaco: str = Field(pattern=r"^[a-z0-9-]+$")
    file: str = Field(pattern=r"^[A-Za-z0-9_{][A-Za-z0-9_.{}-]{0,63}$")
    compile: tuple[str, ...] | None = None
    run: tuple[str, ...] = Field(min_length=1)
    version: tuple[str, ...] = Field(min_length=1)
    version_pattern: str = DEFAULT_VERSION_PATTERN
    env: Mapping[str, str] = Field(default_factory=dict)
    compile_limits: CompileLimits = CompileLimits()
    sources: tuple[str, ...] = ()
    compiler_options: tuple[str, ...] = ()
    result_set_run: tuple[str, ...] | None = Field(default=None, min_length=1)
    """Argv that runs the source so it prints each row of its result as SQL literals (NULL,
    42, 2.5, 'text', X'00ff') joined by commas, one row a line, with stdin run first as setup:
    a language with one can answer problems compared as rows (`problems/result_sets.py`)."""
    source_names: Mapping[str, SourceName] = Field(default_factory=dict)
    hello: HelloTest
    echo: EchoTest

    @model_validator(mode="after")
    def _placeholders_used(self) -> Language:
        compile_argv = self.compile or ()
        if self.compiler_options and OPTIONS not in compile_argv:
            raise ValueError(f"compiler_options need {OPTIONS!r} in the compile command")
        if self.sources and SOURCES not in compile_argv:
            raise ValueError(f"sources need {SOURCES!r} in the compile command")
        return self

    @model_validator(mode="after")
    def _names_are_known(self) -> Language:
        names = set(self.source_names)
        if re.fullmatch(FILE_NAME, PLACEHOLDER.sub("x", self.file)) is None:
            raise ValueError(f"file {self.file!r} is not a plain file name")
        unknown = set(PLACEHOLDER.findall(self.file)) - names
        for argument in self.compile or ():
            if argument not in (SOURCES, OPTIONS):
                unknown |= set(PLACEHOLDER.findall(argument)) - names
        for argument in self.run:
            unknown |= set(PLACEHOLDER.findall(argument)) - names - set(LIMIT_NAMES)
        if unknown:
            raise ValueError(f"unknown placeholders: {', '.join(sorted(unknown))}")
        return self

    def for_source(self, source: str) -> Language:
        """This language with the names taken from ``source`` (its entry file) filled into its
        file name and commands (itself when it takes none)."""
        if not self.source_names:
            return self
        values = {name: spec.find(source) for name, spec in self.source_names.items()}
        file = _fill(self.file, values)
        if re.fullmatch(FILE_NAME, file) is None:  # e.g. a name too long for a file
            file = _fill(self.file, {n: spec.default for n, spec in self.source_names.items()})
        return self.model_copy(
            update={
                "file": file,
                "compile": None if self.compile is None else _fill_all(self.compile, values),
                "run": _fill_all(self.run, values),
                "source_names": {},
            }
        )

    def compile_command(
        self, extra_names: Sequence[str] = (), options: Sequence[str] = ()
    ) -> tuple[str, ...]:
        """The compile argv for a program of the entry file and ``extra_names`` beside it,
        with the chosen (already allowed) compiler ``options``."""
        if self.compile is None:
            raise ValueError(f"{self.id} has no compile step")
        sources = [self.file, *(name for name in extra_names if self.is_source(name))]
        argv: list[str] = []
        for part in self.compile:
            if part == SOURCES:
                argv += sources
            elif part == OPTIONS:
                argv += options
            else:
                argv.append(part)
        return tuple(argv)

    def run_command(
        self, args: Sequence[str] = (), limits: Limits = DEFAULT_LIMITS
    ) -> tuple[str, ...]:
        """The run argv with the run's ``limits`` filled in, the program's command-line
        ``args`` last."""
        values = {
            "memory_mb": str(max(1, limits.memory_bytes // MIB)),
            "stack_mb": str(max(1, limits.stack_bytes // MIB)),
            "cpus": str(max(1, math.ceil(limits.cpus))),
        }
        return (*_fill_all(self.run, values), *args)

    def is_source(self, name: str) -> bool:
        """Whether ``name`` matches one of ``sources`` (``*`` never crosses a ``/``)."""
        parts = name.split("/")
        return any(
            len(parts) == len(pattern_parts) and all(map(fnmatch.fnmatchcase, parts, pattern_parts))
            for pattern_parts in (pattern.split("/") for pattern in self.sources)
        )

    def refused_option(self, options: Sequence[str]) -> str | None:
        """The first of ``options`` not in the language's allow-list, or None."""
        allowed = set(self.compiler_options)
        return next((option for option in options if option not in allowed), None)

    def compile_limits_over(self, base: Limits = COMPILE_LIMITS) -> Limits:
        return self.compile_limits.apply(base)

    def answering_result_sets(self) -> Language | None:
        """This language as it runs when judged against rows (its ``result_set_run``), or None
        if it cannot answer with result sets."""
        if self.result_set_run is None:
            return None
        return self.model_copy(update={"run": self.result_set_run})

    def parse_version(self, output: str) -> str | None:
        """The version out of the version command's output, or None if none is found."""
        match = re.search(self.version_pattern, output)
        if match is None:
            return None
        return match.group(1) if match.groups() else match.group(0)


def _fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def _fill_all(arguments: tuple[str, ...], values: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(_fill(argument, values) for argument in arguments)


def load_language(path: Path) -> Language:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        language = Language.model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError, OSError) as exc:
        raise LanguageError(f"{path.name}: {exc}") from exc
    if language.id != path.stem:
        raise LanguageError(f"{path.name}: id {language.id!r} must match the file name")
    return language


def _stem(path: Path) -> str:
    return path.stem


@lru_cache
def load_languages(directory: Path = LANGUAGES_DIR) -> dict[str, Language]:
    """Every language defined in ``directory``, by id, in id order (``python`` before
    ``python-science``: ids, not file names, whose ``.`` sorts after ``-``)."""
    languages = [load_language(path) for path in sorted(directory.glob("*.toml"), key=_stem)]
    return {language.id: language for language in languages}


def template(language_id: str) -> str:
    """The code a room without a problem starts with in a language: its hello-world program
    (empty for a language this server does not define)."""
    language = load_languages().get(language_id)
    return "" if language is None else language.hello.source.strip() + "\n"
