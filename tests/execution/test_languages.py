"""Every language's own `hello` and stdin-echo programs run correctly in every backend."""

from __future__ import annotations

import re

import pytest

from codecollab.execution.languages import Language, load_languages
from codecollab.execution.sandbox.base import COMPILE_LIMITS, Limits, Sandbox, Status, execute

LANGUAGES = load_languages()
RUN_LIMITS = Limits(cpu_time_ms=5_000, wall_time_ms=15_000, memory_bytes=512 * 1024 * 1024)


@pytest.fixture(params=sorted(LANGUAGES))
def language(request: pytest.FixtureRequest) -> Language:
    return LANGUAGES[request.param]


async def test_hello_prints_its_expected_output(sandbox: Sandbox, language: Language) -> None:
    result = await execute(
        sandbox,
        language,
        language.hello.source,
        limits=RUN_LIMITS,
        compile_limits=language.compile_limits_over(COMPILE_LIMITS),
    )
    assert (result.status, result.stdout) == (Status.OK, language.hello.stdout), result


async def test_echo_copies_stdin_to_stdout(sandbox: Sandbox, language: Language) -> None:
    result = await execute(
        sandbox,
        language,
        language.echo.source,
        stdin=language.echo.stdin,
        limits=RUN_LIMITS,
        compile_limits=language.compile_limits_over(COMPILE_LIMITS),
    )
    assert (result.status, result.stdout) == (Status.OK, language.echo.expected_stdout), result


async def test_version_is_reported_as_one_version_number(
    sandbox: Sandbox, language: Language
) -> None:
    version = await sandbox.version(language)
    assert version is not None
    assert re.fullmatch(r"\d+(\.\d+)*", version), version  # a label shows it once, after the name
