"""Every language's self-test prints OK on every backend (after Piston's per-language `test.*`
and DMOJ's executor self-tests; selftests/README.md).

A self-test reads all of a 110 KB stdin whose last line has no newline, sums 20,000 numbers and
compares a Unicode line with the same text in its own source, counting its code points, then
prints OK and that text from its source: byte-exact only when the toolchain, stdin, the source
encoding and Unicode output all work.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codecollab.execution.languages import Language
from codecollab.execution.sandbox.base import Sandbox, Status
from tests.execution.peer_programs import (
    EXIT_CODE_PROGRAMS,
    LANGUAGES,
    SELFTEST_WORD,
    SELFTESTS,
    languages_with_programs,
    program_path,
    run_program,
    selftest_stdin,
)


@pytest.fixture(params=sorted(LANGUAGES))
def language(request: pytest.FixtureRequest) -> Language:
    return LANGUAGES[request.param]


async def test_the_self_test_prints_ok(sandbox: Sandbox, language: Language) -> None:
    path = program_path(SELFTESTS, language)
    if not path.exists():
        pytest.skip(f"{language.id} has no self-test yet: add {path.name} to {SELFTESTS}")
    result = await run_program(sandbox, language, path.read_text(), stdin=selftest_stdin(language))
    assert (result.status, result.stdout) == (Status.OK, f"OK {SELFTEST_WORD}\n"), result


async def test_the_exit_code_the_program_chose_is_reported_with_both_streams(
    sandbox: Sandbox, language: Language
) -> None:
    path = program_path(EXIT_CODE_PROGRAMS, language)
    if not path.exists():
        pytest.skip(f"{language.id} has no exit-code program yet: add {path.name}")
    result = await run_program(sandbox, language, path.read_text(), stdin=selftest_stdin(language))
    assert result.status is Status.RUNTIME_ERROR, result
    assert (result.exit_code, result.signal) == (42, None)
    assert (result.stdout, result.stderr) == ("out\n", "err\n")


@pytest.mark.parametrize("folder", [SELFTESTS, EXIT_CODE_PROGRAMS], ids=["selftests", "exit_code"])
def test_every_program_belongs_to_a_language(folder: Path) -> None:
    assert languages_with_programs(folder) <= set(LANGUAGES)


@pytest.mark.parametrize("folder", [SELFTESTS, EXIT_CODE_PROGRAMS], ids=["selftests", "exit_code"])
def test_every_program_has_its_languages_extension(folder: Path) -> None:
    for language_id in languages_with_programs(folder) & set(LANGUAGES):
        assert program_path(folder, LANGUAGES[language_id]).exists(), language_id


@pytest.mark.parametrize("folder", [SELFTESTS, EXIT_CODE_PROGRAMS], ids=["selftests", "exit_code"])
def test_every_language_has_its_program(folder: Path) -> None:
    missing = [
        program_path(folder, language).name
        for language in LANGUAGES.values()
        if not program_path(folder, language).exists()
    ]
    assert missing == [], f"add these to {folder}"
