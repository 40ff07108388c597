"""Language-standard programs, after DMOJ's executor self-tests (selftests/README.md): each
prints OK only when compiled or run under the standard it names, using that standard's features.

Those needing a compiler option (a C or C++ standard other than the language's default) wait for
per-language compiler options; the rest run now on every backend.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from codecollab.execution.sandbox.base import Sandbox, Status
from tests.execution.peer_programs import LANGUAGES, STANDARD_PROGRAMS, run_program

COMPILER_OPTIONS_MISSING = (
    "needs per-language compiler options (`compiler_options`, issue #20 part 2), "
    "which are not on main yet"
)


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
    StandardProgram("cpp23.cpp", "cpp", ("-std=c++2b",)),
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
    if program.options:
        pytest.skip(f"{program.file} {' '.join(program.options)}: {COMPILER_OPTIONS_MISSING}")
    language = LANGUAGES[program.language]
    source = (STANDARD_PROGRAMS / program.file).read_text()
    result = await run_program(sandbox, language, source, stdin=program.stdin)
    assert (result.status, result.stdout) == (Status.OK, program.stdout), result


def test_every_standard_program_is_listed() -> None:
    files = {path.name for path in STANDARD_PROGRAMS.iterdir() if path.suffix != ".md"}
    assert files == {program.file for program in PROGRAMS}
