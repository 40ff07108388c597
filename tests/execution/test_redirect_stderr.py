"""Redirecting stderr to stdout, in every backend: the program's fd 1 and fd 2 are one pipe, so
what it writes to either comes back as stdout in the order written, and stderr is empty."""

from __future__ import annotations

import pytest

from codecollab.execution.jobs import Job
from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    ExecutionResult,
    Limits,
    Sandbox,
    Status,
    execute,
)

LANGUAGES = load_languages()
RUN_LIMITS = Limits(cpu_time_ms=5_000, wall_time_ms=15_000, memory_bytes=512 * MIB)

PYTHON_ABC = (
    "import sys\n"
    "sys.stdout.write('a'); sys.stdout.flush()\n"
    "sys.stderr.write('b'); sys.stderr.flush()\n"
    "sys.stdout.write('c'); sys.stdout.flush()\n"
)
C_ABC = (
    "#include <unistd.h>\n"
    'int main(void) { write(1, "a", 1); write(2, "b", 1); write(1, "c", 1); return 0; }\n'
)


async def run(
    sandbox: Sandbox,
    language: str,
    source: str,
    *,
    redirect_stderr: bool,
    limits: Limits = RUN_LIMITS,
) -> ExecutionResult:
    definition = LANGUAGES[language]
    return await execute(
        sandbox,
        definition,
        source,
        limits=limits,
        compile_limits=definition.compile_limits_over(COMPILE_LIMITS),
        redirect_stderr=redirect_stderr,
    )


async def test_stdout_and_stderr_interleave_in_the_order_written(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", PYTHON_ABC, redirect_stderr=True)
    assert (result.status, result.stdout, result.stderr) == (Status.OK, "abc", ""), result


async def test_a_compiled_program_writes_both_streams_into_one(sandbox: Sandbox) -> None:
    result = await run(sandbox, "c", C_ABC, redirect_stderr=True)
    assert (result.status, result.stdout, result.stderr) == (Status.OK, "abc", ""), result


async def test_a_thousand_alternating_writes_keep_their_order(sandbox: Sandbox) -> None:
    source = (
        "#include <unistd.h>\n"
        "int main(void) {\n"
        '    for (int i = 0; i < 1000; i++) { write(1, "o", 1); write(2, "e", 1); }\n'
        "}\n"
    )
    result = await run(sandbox, "c", source, redirect_stderr=True)
    assert (result.status, result.stdout, result.stderr) == (Status.OK, "oe" * 1000, ""), result


async def test_without_the_redirect_the_streams_stay_apart(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", PYTHON_ABC, redirect_stderr=False)
    assert (result.status, result.stdout, result.stderr) == (Status.OK, "ac", "b"), result


async def test_a_traceback_lands_in_stdout_after_what_was_printed(sandbox: Sandbox) -> None:
    source = "print('before', flush=True)\n1 / 0\n"
    result = await run(sandbox, "python", source, redirect_stderr=True)
    assert result.status is Status.RUNTIME_ERROR, result
    assert result.stdout.startswith("before\nTraceback"), result
    assert result.stdout.rstrip().endswith("ZeroDivisionError: division by zero"), result
    assert result.stderr == ""


async def test_the_output_cap_holds_for_the_merged_stream(sandbox: Sandbox) -> None:
    limits = RUN_LIMITS.with_(output_bytes=1024)
    source = "import sys\nsys.stderr.write('x' * 100_000)\n"
    result = await run(sandbox, "python", source, redirect_stderr=True, limits=limits)
    assert result.status is Status.OUTPUT_LIMIT_EXCEEDED, result
    assert (result.stdout, result.stderr, result.truncated) == ("x" * 1024, "", True)


async def test_compile_output_is_not_affected(sandbox: Sandbox) -> None:
    result = await run(sandbox, "c", "int main(void) { return x; }\n", redirect_stderr=True)
    assert result.status is Status.COMPILATION_ERROR, result
    assert "undeclared" in result.compile_output
    assert (result.stdout, result.stderr) == ("", "")


@pytest.mark.parametrize("redirect", [False, True])
def test_a_job_carries_the_redirect_through_the_queue(redirect: bool) -> None:
    job = Job("python", "print(1)", "", RUN_LIMITS, COMPILE_LIMITS, redirect_stderr=redirect)
    assert Job.from_dict(job.to_dict()).redirect_stderr is redirect


def test_a_job_from_an_older_server_keeps_the_streams_apart() -> None:
    data = Job("python", "print(1)", "", RUN_LIMITS, COMPILE_LIMITS).to_dict()
    del data["redirect_stderr"]
    assert Job.from_dict(data).redirect_stderr is False
