"""The CPU limit holds for the whole process tree, as Judge0 and isolate count it: a fork bomb,
many busy threads or many busy processes end as a time limit exceeded at the CPU limit, and
`time_ms` (CPU time of the whole tree) is not far past it, while `wall_ms` stays beside it."""

from __future__ import annotations

import pytest

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
CPU_LIMIT_MS = 1_000
LIMITS = Limits(
    cpu_time_ms=CPU_LIMIT_MS,
    wall_time_ms=30_000,
    memory_bytes=256 * MIB,
    processes=64,
    cpus=2.0,
)
"""A wall limit far away: only the CPU limit can end these runs, however loaded the machine."""
OVERSHOOT_MS = 250
"""How far past the limit the tree's CPU time may go: the watch's last pause (10 ms of CPU
per CPU) plus the time the kill takes to reach every process."""

FORK_BOMB = """
#include <unistd.h>

int main(void) {
    for (;;) fork();
}
"""

BUSY_THREADS = """
#include <pthread.h>

static void *spin(void *unused) {
    (void)unused;
    for (volatile unsigned long i = 0;; i++) {}
    return 0;
}

int main(void) {
    pthread_t threads[16];
    for (int i = 0; i < 16; i++) pthread_create(&threads[i], 0, spin, 0);
    pthread_join(threads[0], 0);
}
"""

BUSY_PROCESSES = """
import os

for _ in range(8):
    if os.fork() == 0:
        break
while True:
    pass
"""

SLEEPER = "import time\ntime.sleep(60)"


async def run(
    sandbox: Sandbox, language: str, source: str, *, limits: Limits = LIMITS
) -> ExecutionResult:
    return await execute(
        sandbox,
        LANGUAGES[language],
        source,
        limits=limits,
        compile_limits=LANGUAGES[language].compile_limits_over(COMPILE_LIMITS),
    )


def assert_stopped_at_the_cpu_limit(result: ExecutionResult) -> None:
    assert result.status is Status.TIME_LIMIT_EXCEEDED, result
    assert CPU_LIMIT_MS <= result.time_ms <= CPU_LIMIT_MS + OVERSHOOT_MS, result


@pytest.mark.parametrize(
    ("language", "source"),
    [("c", FORK_BOMB), ("c", BUSY_THREADS), ("python", BUSY_PROCESSES)],
    ids=["fork-bomb", "16-busy-threads", "8-busy-processes"],
)
async def test_a_tree_using_many_cpus_is_stopped_at_the_cpu_limit(
    sandbox: Sandbox, language: str, source: str
) -> None:
    assert_stopped_at_the_cpu_limit(await run(sandbox, language, source))


async def test_one_busy_process_is_stopped_at_the_cpu_limit(sandbox: Sandbox) -> None:
    assert_stopped_at_the_cpu_limit(await run(sandbox, "python", "while True:\n    pass"))


async def test_a_sleeping_program_ends_at_the_wall_limit_having_used_little_cpu(
    sandbox: Sandbox,
) -> None:
    limits = LIMITS.with_(wall_time_ms=2_000)
    result = await run(sandbox, "python", SLEEPER, limits=limits)
    assert result.status is Status.TIME_LIMIT_EXCEEDED
    assert result.wall_ms >= limits.wall_time_ms
    assert result.time_ms < CPU_LIMIT_MS // 2


async def test_a_program_within_the_limit_reports_its_cpu_and_wall_time(
    sandbox: Sandbox,
) -> None:
    source = (
        "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end:\n    pass"
    )
    result = await run(sandbox, "python", source)
    assert result.status is Status.OK, result
    assert 300 <= result.time_ms < CPU_LIMIT_MS, result
    assert result.wall_ms >= result.time_ms - 50, result
