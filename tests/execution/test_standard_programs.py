"""Language-standard programs, after DMOJ's executor self-tests (selftests/README.md): each
prints OK only when compiled or run under the standard it names, using that standard's features.

A standard other than the language's default is chosen with one of the language's allow-listed
compiler options, as a request would choose it; every program runs on every backend.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from codecollab.execution.sandbox.base import Sandbox, Status
from tests.execution.peer_programs import LANGUAGES, STANDARD_PROGRAMS, run_program


@dataclass(frozen=True)
class StandardProgram:
    file: str
    language: str
    options: tuple[str, ...] = ()
    """Compiler options selecting the standard; none for the language's default."""
    stdin: str = ""
    stdout: str = "OK\n"


PROGRAMS = [
    StandardProgram("c99.c", "c", ("-std=c99",)),
    StandardProgram("c11.c", "c", ("-std=c11",), stdout="OK int double\n"),
    StandardProgram("c17.c", "c", stdout="OK int double\n"),
    StandardProgram("cpp11.cpp", "cpp", ("-std=c++11",)),
    StandardProgram("cpp14.cpp", "cpp", ("-std=c++14",)),
    StandardProgram("cpp17.cpp", "cpp", ("-std=c++17",)),
    StandardProgram("cpp20.cpp", "cpp"),
    StandardProgram("cpp23.cpp", "cpp", ("-std=c++23",)),
    StandardProgram("java17.java", "java"),
    StandardProgram(
        "python3_unicode.py",
        "python",
        stdin="ünïcödé ✓ 世界\n",
        stdout="OK π≈3.14 ✓ 世界 🎉\n",
    ),
]


@pytest.fixture(params=PROGRAMS, ids=[program.file for program in PROGRAMS])
def program(request: pytest.FixtureRequest) -> StandardProgram:
    return request.param  # type: ignore[no-any-return]


async def test_the_standard_program_prints_ok(sandbox: Sandbox, program: StandardProgram) -> None:
    language = LANGUAGES[program.language]
    source = (STANDARD_PROGRAMS / program.file).read_text()
    result = await run_program(
        sandbox, language, source, stdin=program.stdin, compiler_options=program.options
    )
    assert (result.status, result.stdout) == (Status.OK, program.stdout), result


def test_every_standard_is_an_option_a_request_may_choose(program: StandardProgram) -> None:
    assert LANGUAGES[program.language].refused_option(program.options) is None


async def test_a_program_for_another_standard_does_not_compile_under_the_default(
    sandbox: Sandbox,
) -> None:
    c = LANGUAGES["c"]
    source = (STANDARD_PROGRAMS / "c99.c").read_text()
    result = await run_program(sandbox, c, source)
    assert result.status is Status.COMPILATION_ERROR
    assert "not C99" in result.compile_output


def test_every_standard_program_is_listed() -> None:
    files = {path.name for path in STANDARD_PROGRAMS.iterdir() if path.suffix != ".md"}
    assert files == {program.file for program in PROGRAMS}
