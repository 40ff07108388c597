"""Other judges' test programs, rewritten as ours (tests/execution/selftests/README.md says where
each comes from): where they are and how they are run.

A language's self-test is ``selftests/<language id><extension of its file>`` (``python.py``,
``java.java``): adding a language is adding its TOML and, beside it here, its self-test. No
language file names it, so the TOML schema does not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from codecollab.execution.languages import Language, load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    ExecutionResult,
    Limits,
    Sandbox,
    execute,
)

LANGUAGES = load_languages()
SELFTESTS = Path(__file__).parent / "selftests"
EXIT_CODE_PROGRAMS = SELFTESTS / "exit_code"
STANDARD_PROGRAMS = SELFTESTS / "standards"

LIMITS = Limits(cpu_time_ms=10_000, wall_time_ms=30_000, memory_bytes=512 * MIB)
"""Roomy: these programs check correctness, never speed, on a loaded machine."""

SELFTEST_COUNT = 20_000
SELFTEST_WORD = "héllo wörld ✓ 世界 🎉"
SELFTEST_STDIN = "\n".join(
    [str(SELFTEST_COUNT), *(str(n) for n in range(1, SELFTEST_COUNT + 1)), SELFTEST_WORD]
)
"""A count, that many numbers (about 110 KB, past any pipe buffer), then a Unicode line with no
newline after it: a self-test prints OK only if it read all of it right."""


def _sql_selftest_stdin() -> str:
    """Our own constants written as a setup script (no outside input reaches it)."""
    rows = [f"({n})" for n in range(1, SELFTEST_COUNT + 1)]
    values = [", ".join(rows[at : at + 100]) for at in range(0, len(rows), 100)]
    return "\n".join(
        [
            "CREATE TABLE numbers (n INTEGER);",
            *(f"INSERT INTO numbers VALUES {chunk};" for chunk in values),  # noqa: S608
            "CREATE TABLE expected_count (n INTEGER);",
            f"INSERT INTO expected_count VALUES ({SELFTEST_COUNT});",  # noqa: S608
            "CREATE TABLE words (w TEXT);",
            f"INSERT INTO words VALUES ('{SELFTEST_WORD}');",  # noqa: S608
        ]
    )


SCRIPT_STDINS = {"sql": _sql_selftest_stdin()}
"""The same input for languages whose stdin is a script run before the program (SQL's setup
script, about 200 KB): the numbers and the Unicode line as tables."""


def selftest_stdin(language: Language) -> str:
    return SCRIPT_STDINS.get(language.id, SELFTEST_STDIN)


def program_path(folder: Path, language: Language) -> Path:
    """The program for `language` in `folder`: its id with the extension of its source file."""
    return folder / f"{language.id}{Path(language.file).suffix}"


def languages_with_programs(folder: Path) -> set[str]:
    """Ids of the languages `folder` has a program for."""
    return {path.stem for path in folder.iterdir() if path.is_file() and path.suffix != ".md"}


async def run_program(
    sandbox: Sandbox,
    language: Language,
    source: str,
    *,
    stdin: str = "",
    compiler_options: Sequence[str] = (),
) -> ExecutionResult:
    return await execute(
        sandbox,
        language,
        source,
        stdin=stdin,
        limits=LIMITS,
        compile_limits=language.compile_limits_over(COMPILE_LIMITS),
        compiler_options=compiler_options,
    )
