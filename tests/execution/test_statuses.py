"""Each outcome gets the contract's status, from the backend's own accounting."""

from __future__ import annotations

import signal

import pytest

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    ExecutionResult,
    Limits,
    Sandbox,
    SandboxError,
    Status,
    execute,
)

LANGUAGES = load_languages()
LIMITS = Limits(
    cpu_time_ms=1_000,
    wall_time_ms=4_000,
    memory_bytes=128 * MIB,
    processes=32,
    output_bytes=16 * 1024,
    file_size_bytes=1 * MIB,
)


async def run(
    sandbox: Sandbox, language: str, source: str, *, stdin: str = "", limits: Limits = LIMITS
) -> ExecutionResult:
    return await execute(
        sandbox,
        LANGUAGES[language],
        source,
        stdin=stdin,
        limits=limits,
        compile_limits=LANGUAGES[language].compile_limits_over(COMPILE_LIMITS),
    )


async def test_a_clean_exit_is_ok_with_its_measurements(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", "print('hi')")
    assert result.status is Status.OK
    assert (result.stdout, result.stderr) == ("hi\n", "")
    assert (result.exit_code, result.signal, result.truncated) == (0, None, False)
    assert result.wall_ms > 0
    assert result.memory_kb > 0


async def test_a_syntax_error_in_a_compiled_language_is_a_compilation_error(
    sandbox: Sandbox,
) -> None:
    result = await run(sandbox, "c", "int main( { }")
    assert result.status is Status.COMPILATION_ERROR
    assert "error" in result.compile_output
    assert result.stdout == ""


async def test_compiler_warnings_are_kept_as_compile_output(sandbox: Sandbox) -> None:
    source = '#warning look here\n#include <stdio.h>\nint main(void){puts("ok");}'
    result = await run(sandbox, "c", source)
    assert (result.status, result.stdout) == (Status.OK, "ok\n")
    assert "look here" in result.compile_output


async def test_a_non_zero_exit_is_a_runtime_error_with_its_code(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", "raise SystemExit(3)")
    assert (result.status, result.exit_code, result.signal) == (Status.RUNTIME_ERROR, 3, None)


async def test_a_crash_is_a_runtime_error_with_its_signal(sandbox: Sandbox) -> None:
    result = await run(sandbox, "c", "int main(void){ volatile int *p = 0; return *p; }")
    assert result.status is Status.RUNTIME_ERROR
    assert (result.exit_code, result.signal) == (None, signal.SIGSEGV)


async def test_burning_cpu_is_a_time_limit_exceeded(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", "while True:\n    pass")
    assert result.status is Status.TIME_LIMIT_EXCEEDED
    assert result.time_ms > 0


async def test_sleeping_past_the_wall_limit_is_a_time_limit_exceeded(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", "import time\ntime.sleep(60)")
    assert result.status is Status.TIME_LIMIT_EXCEEDED


async def test_allocating_past_the_memory_limit_is_a_memory_limit_exceeded(
    sandbox: Sandbox,
) -> None:
    source = "blocks = []\nwhile True:\n    blocks.append(bytearray(8 * 1024 * 1024))"
    result = await run(sandbox, "python", source)
    assert result.status is Status.MEMORY_LIMIT_EXCEEDED


async def test_endless_stdout_is_an_output_limit_exceeded_truncated_at_the_cap(
    sandbox: Sandbox,
) -> None:
    result = await run(sandbox, "python", "while True:\n    print('x' * 1000)")
    assert (result.status, result.truncated) == (Status.OUTPUT_LIMIT_EXCEEDED, True)
    assert len(result.stdout) == LIMITS.output_bytes


async def test_endless_stderr_is_an_output_limit_exceeded(sandbox: Sandbox) -> None:
    result = await run(sandbox, "bash", "yes error >&2")
    assert (result.status, result.truncated) == (Status.OUTPUT_LIMIT_EXCEEDED, True)
    assert len(result.stderr) == LIMITS.output_bytes


async def test_output_under_the_cap_is_not_truncated(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", "print('x' * 1000)")
    assert (result.truncated, len(result.stdout)) == (False, 1001)


async def test_writing_past_the_file_size_limit_is_an_output_limit_exceeded(
    sandbox: Sandbox,
) -> None:
    result = await run(sandbox, "c", FILE_WRITER)
    assert result.status is Status.OUTPUT_LIMIT_EXCEEDED
    assert result.signal == signal.SIGXFSZ


FILE_WRITER = """
#include <stdio.h>
#include <string.h>
int main(void) {
    static char block[65536];
    memset(block, 'x', sizeof block);
    FILE *file = fopen("big.bin", "wb");
    for (;;) fwrite(block, 1, sizeof block, file);
}
"""


async def test_invalid_utf8_output_is_replaced_not_fatal(sandbox: Sandbox) -> None:
    result = await run(sandbox, "python", "import sys\nsys.stdout.buffer.write(b'a\\xffb')")
    assert (result.status, result.stdout) == (Status.OK, "a\ufffdb")


DOUBLER = """
#include <stdio.h>
int main(void) {
    long n;
    if (scanf("%ld", &n) != 1) return 2;
    printf("%ld\\n", 2 * n);
    return 0;
}
"""


async def test_a_compiled_program_runs_many_times_with_different_stdin(
    sandbox: Sandbox,
) -> None:
    program = await sandbox.prepare(LANGUAGES["c"], DOUBLER, limits=COMPILE_LIMITS)
    try:
        assert program.compiled_ok
        outputs = [
            (await sandbox.run(program, stdin=stdin, limits=LIMITS)).stdout
            for stdin in ("2\n", "21\n", "-5\n")
        ]
    finally:
        await sandbox.cleanup(program)
    assert outputs == ["4\n", "42\n", "-10\n"]


async def test_each_run_starts_from_the_prepared_work_dir(sandbox: Sandbox) -> None:
    source = "import os\nprint(os.path.exists('state'))\nopen('state', 'w').write('x')"
    program = await sandbox.prepare(LANGUAGES["python"], source, limits=COMPILE_LIMITS)
    try:
        first = await sandbox.run(program, stdin="", limits=LIMITS)
        second = await sandbox.run(program, stdin="", limits=LIMITS)
    finally:
        await sandbox.cleanup(program)
    assert (first.stdout, second.stdout) == ("False\n", "False\n")


async def test_running_a_failed_compilation_returns_the_compile_result(
    sandbox: Sandbox,
) -> None:
    program = await sandbox.prepare(LANGUAGES["c"], "nonsense", limits=COMPILE_LIMITS)
    try:
        result = await sandbox.run(program, stdin="", limits=LIMITS)
    finally:
        await sandbox.cleanup(program)
    assert result.status is Status.COMPILATION_ERROR


async def test_running_a_cleaned_up_program_is_refused(sandbox: Sandbox) -> None:
    program = await sandbox.prepare(LANGUAGES["python"], "print(1)", limits=COMPILE_LIMITS)
    await sandbox.cleanup(program)
    await sandbox.cleanup(program)  # idempotent
    with pytest.raises(SandboxError):
        await sandbox.run(program, stdin="", limits=LIMITS)
