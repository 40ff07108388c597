"""The bubblewrap backend's pre-started sandboxes: a run never sees what an earlier run of the
same shape did, idle sandboxes run nothing, and every limit is the run's own."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox import cgroups
from codecollab.execution.sandbox.base import COMPILE_LIMITS, MIB, Limits, Program, Status
from codecollab.execution.sandbox.bwrap import BwrapProgram, BwrapSandbox
from tests.execution.backends import descendant_processes, run_cgroups

LANGUAGES = load_languages()
LIMITS = Limits(cpu_time_ms=2_000, wall_time_ms=5_000)


@pytest.fixture
def scratch() -> Iterator[Path]:
    """A dir the sandbox user can reach (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="codecollab-test-warm-"))
    path.chmod(0o711)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
async def pool(scratch: Path) -> AsyncIterator[BwrapSandbox]:
    """A bubblewrap sandbox of its own, so its pool can be inspected and closed."""
    sandbox = BwrapSandbox(root=scratch / "runs")
    availability = await sandbox.probe()
    if not availability.available:
        pytest.skip(f"bwrap sandbox unavailable: {availability.reason}")
    try:
        yield sandbox
    finally:
        await sandbox.close()


async def prepared(sandbox: BwrapSandbox, language: str, source: str) -> Program:
    return await sandbox.prepare(LANGUAGES[language], source, limits=COMPILE_LIMITS)


def executable(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]


LITTER = """
echo planted > /box/planted; echo planted > /tmp/planted
rm main.sh; echo "echo changed" > main.sh
(setsid sleep 300 &) ; (sleep 300 &)
ls -A /box /tmp
"""


async def test_a_run_never_sees_what_an_earlier_run_left(pool: BwrapSandbox) -> None:
    program = await prepared(pool, "bash", LITTER)
    try:
        results = []
        for _ in range(4):  # more runs than the pool keeps per shape: reused ones would show
            results.append(await pool.run(program, stdin="", limits=LIMITS))
            pool.drain()
    finally:
        await pool.cleanup(program)
    for result in results:
        assert result.status is Status.OK, result
        assert result.stdout.split() == ["/box:", "main.sh", "planted", "/tmp:", "planted"]


async def test_a_run_cannot_change_the_program_for_the_next(pool: BwrapSandbox) -> None:
    source = "head -c 12 main.sh; echo; rm main.sh; echo 'echo tampered' > main.sh"
    program = await prepared(pool, "bash", source)
    assert isinstance(program, BwrapProgram)
    assert program.host_dir is not None
    try:
        first = await pool.run(program, stdin="", limits=LIMITS)
        second = await pool.run(program, stdin="", limits=LIMITS)
        assert (program.host_dir / "main.sh").read_text() == source
    finally:
        await pool.cleanup(program)
    assert first.status is second.status is Status.OK
    assert first.stdout == second.stdout == "head -c 12 m\n"


async def test_idle_sandboxes_run_nothing_and_are_gone_after_close(scratch: Path) -> None:
    sandbox = BwrapSandbox(root=scratch / "runs")
    if not (await sandbox.probe()).available:
        pytest.skip("bwrap sandbox unavailable")
    program = await prepared(sandbox, "python", "print('hi')")
    try:
        result = await sandbox.run(program, stdin="", limits=LIMITS)
        sandbox.drain()
        assert result.stdout == "hi\n"
        idle = set(sandbox.idle_processes())
        assert len(sandbox.idle_cgroups()) == 2
        for pid in idle:  # bwrap and its blocked pid 1; the program has not started
            assert executable(pid).endswith(b"bwrap"), executable(pid)
        assert set(descendant_processes()) == idle
    finally:
        await sandbox.cleanup(program)
        await sandbox.close()
    assert descendant_processes() == []
    assert run_cgroups() == []


MEMORY_HOG = "x = bytearray(200 * 1024 * 1024); x[::4096] = b'y' * len(x[::4096]); print('kept')"


async def test_each_run_gets_its_own_limits_from_a_pre_started_sandbox(
    pool: BwrapSandbox,
) -> None:
    program = await prepared(pool, "python", MEMORY_HOG)
    try:
        roomy = await pool.run(program, stdin="", limits=LIMITS.with_(memory_bytes=512 * MIB))
        pool.drain()  # sandboxes with the roomy limits are now waiting
        tight = await pool.run(program, stdin="", limits=LIMITS.with_(memory_bytes=64 * MIB))
        roomy_again = await pool.run(program, stdin="", limits=LIMITS.with_(memory_bytes=512 * MIB))
    finally:
        await pool.cleanup(program)
    assert roomy.status is Status.OK, roomy
    assert tight.status is Status.MEMORY_LIMIT_EXCEEDED, tight
    assert roomy_again.status is Status.OK, roomy_again


async def test_the_cpu_limit_of_a_pre_started_sandbox_is_the_runs(pool: BwrapSandbox) -> None:
    program = await prepared(pool, "bash", "while :; do :; done")
    try:
        pool.drain()
        result = await pool.run(
            program, stdin="", limits=LIMITS.with_(cpu_time_ms=1_000, wall_time_ms=20_000)
        )
    finally:
        await pool.cleanup(program)
    assert result.status is Status.TIME_LIMIT_EXCEEDED, result
    assert result.signal in (9, 24), result  # the CPU watch or rlimit, not the 20 s wall timer
    assert result.time_ms < 1_250, result


async def test_large_stdin_reaches_a_pre_started_sandbox(pool: BwrapSandbox) -> None:
    stdin = "line of input\n" * 200_000  # 2.8 MB, far past a pipe's buffer
    program = await prepared(pool, "python", "import sys; print(len(sys.stdin.read()))")
    try:
        result = await pool.run(program, stdin=stdin, limits=LIMITS)
    finally:
        await pool.cleanup(program)
    assert result.status is Status.OK, result
    assert result.stdout == f"{len(stdin)}\n"


async def test_compiled_programs_are_copied_with_their_links_never_followed(
    pool: BwrapSandbox, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("host secret\n")
    secret.chmod(0o644)
    program = await prepared(pool, "c", '#include <stdio.h>\nint main(){puts("compiled");}')
    assert isinstance(program, BwrapProgram)
    assert program.host_dir is not None
    assert program.box_bytes is not None  # small enough to go through the pool
    (program.host_dir / "link").symlink_to(secret)
    os.mkdir(program.host_dir / "data")
    (program.host_dir / "data" / "note").write_text("copied\n")
    try:
        result = await pool.run(program, stdin="", limits=LIMITS)
    finally:
        await pool.cleanup(program)
    assert result.status is Status.OK, result
    assert result.stdout == "compiled\n"
    assert secret.read_text() == "host secret\n"


async def test_programs_too_big_to_copy_still_run(pool: BwrapSandbox) -> None:
    program = await prepared(pool, "bash", "wc -c < big")
    assert isinstance(program, BwrapProgram)
    assert program.host_dir is not None
    (program.host_dir / "big").write_bytes(b"x" * (20 * MIB))
    program.box_bytes = None  # as prepare finds for a program past the copy limit
    try:
        result = await pool.run(program, stdin="", limits=LIMITS)
    finally:
        await pool.cleanup(program)
    assert result.status is Status.OK, result
    assert result.stdout.strip() == str(20 * MIB)


def test_stale_idle_cgroups_are_swept_by_name() -> None:
    """Idle sandboxes' cgroups carry the server's pid like run cgroups, so a server killed
    without closing its pool has them swept at the next start."""
    assert cgroups.run_name().startswith(cgroups.own_prefix())


async def test_concurrent_runs_of_a_compiled_program_all_start(pool: BwrapSandbox) -> None:
    """Copies of an executable and sandbox starts on other threads interleave: a child forked
    while a copy is open for writing would make exec'ing that copy fail (ETXTBSY)."""
    program = await prepared(pool, "c", '#include <stdio.h>\nint main(){puts("ran");}')

    async def runs() -> list[Status]:
        return [(await pool.run(program, stdin="", limits=LIMITS)).status for _ in range(15)]

    try:
        statuses = await asyncio.gather(*(runs() for _ in range(4)))
    finally:
        await pool.cleanup(program)
    assert {status for each in statuses for status in each} == {Status.OK}
