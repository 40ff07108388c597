"""Output past the cap is cut at the last complete UTF-8 character at or before the cap: stdout,
stderr and compile output never end in half a character (shown as U+FFFD)."""

from __future__ import annotations

import pytest

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    ExecutionResult,
    Limits,
    Sandbox,
    Status,
    execute,
)
from codecollab.execution.sandbox.process import complete_utf8

LANGUAGES = load_languages()
CAP = 16 * 1024
"""Not a multiple of 3: a stream of 3-byte characters is cut inside one."""
LIMITS = Limits(output_bytes=CAP)
WIDE = "世"


async def run(sandbox: Sandbox, language: str, source: str) -> ExecutionResult:
    return await execute(
        sandbox,
        LANGUAGES[language],
        source,
        limits=LIMITS,
        compile_limits=LANGUAGES[language].compile_limits_over(COMPILE_LIMITS),
    )


async def test_stdout_cut_at_the_cap_ends_with_a_whole_character(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", f"print('{WIDE}' * 30000)")
    assert (result.status, result.truncated) == (Status.OUTPUT_LIMIT_EXCEEDED, True)
    assert result.stdout == WIDE * (CAP // 3)


async def test_stderr_cut_at_the_cap_ends_with_a_whole_character(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", f"import sys\nsys.stderr.write('{WIDE}' * 30000)")
    assert (result.status, result.truncated) == (Status.OUTPUT_LIMIT_EXCEEDED, True)
    assert result.stderr == WIDE * (CAP // 3)


async def test_compile_output_cut_at_the_cap_holds_no_half_character(sandbox: Sandbox) -> None:
    source = "\n".join(f"#error {WIDE * 1000}" for _ in range(100))
    result = await run(sandbox, "c", source)
    assert result.status is Status.COMPILATION_ERROR
    assert len(result.compile_output.encode()) > COMPILE_LIMITS.output_bytes // 2
    assert "\ufffd" not in result.compile_output


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        (b"a\xe4\xb8", b"a"),
        (b"a\xe4", b"a"),
        (b"a\xe4\xb8\x96", b"a\xe4\xb8\x96"),
        (b"a\xf0\x9f\x98", b"a"),
        (b"a\xf0\x9f\x98\x80", b"a\xf0\x9f\x98\x80"),
        (b"a\xc3", b"a"),
        (b"ab", b"ab"),
        (b"", b""),
        (b"a\xff", b"a\xff"),
        (b"\x80\x80\x80\x80\x80", b"\x80\x80\x80\x80\x80"),
    ],
)
def test_a_cut_drops_only_a_character_left_incomplete(data: bytes, kept: bytes) -> None:
    assert complete_utf8(data) == kept
