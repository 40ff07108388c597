"""bubblewrap-specific guarantees: host-side handling of the work dir, seccomp, probing."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox import cgroups
from codecollab.execution.sandbox.base import COMPILE_LIMITS, Limits, Sandbox, Status, execute
from codecollab.execution.sandbox.bwrap import BwrapProgram, BwrapSandbox

LANGUAGES = load_languages()
LIMITS = Limits(cpu_time_ms=2_000, wall_time_ms=5_000)


# These tests take the `sandbox` fixture's bubblewrap instance only (not generated, rather than
# skipped, for the other backends).
bwrap_only = pytest.mark.parametrize("sandbox", ["bwrap"], indirect=True)


@pytest.fixture
def bwrap(sandbox: Sandbox) -> BwrapSandbox:
    assert isinstance(sandbox, BwrapSandbox)
    return sandbox


@pytest.fixture
def precious(tmp_path: Path) -> Path:
    """A world-readable host dir and file the sandbox must neither read nor delete."""
    tmp_path.chmod(0o755)
    directory = tmp_path / "precious"
    directory.mkdir(mode=0o755)
    (directory / "data.txt").write_text("precious host data\n")
    (directory / "data.txt").chmod(0o644)
    return directory


def plant(program: BwrapProgram, name: str, target: Path) -> None:
    assert program.host_dir is not None
    (program.host_dir / name).symlink_to(target)


@bwrap_only
async def test_a_symlink_in_the_work_dir_is_not_followed_into_the_host(
    bwrap: BwrapSandbox, precious: Path
) -> None:
    source = "cat leak/data.txt leakfile 2>&1; echo end"
    program = await bwrap.prepare(LANGUAGES["bash"], source, limits=COMPILE_LIMITS)
    assert isinstance(program, BwrapProgram)
    plant(program, "leak", precious)
    plant(program, "leakfile", precious / "data.txt")
    try:
        result = await bwrap.run(program, stdin="", limits=LIMITS)
    finally:
        await bwrap.cleanup(program)
    assert "precious host data" not in result.stdout
    assert "end" in result.stdout
    assert (precious / "data.txt").read_text() == "precious host data\n"


@bwrap_only
async def test_cleanup_never_follows_a_planted_symlink(bwrap: BwrapSandbox, precious: Path) -> None:
    program = await bwrap.prepare(LANGUAGES["bash"], "true", limits=COMPILE_LIMITS)
    assert isinstance(program, BwrapProgram)
    plant(program, "dirlink", precious)
    await bwrap.cleanup(program)
    assert (precious / "data.txt").exists()


SYSCALLS = {
    "ptrace": 101,
    "mount": 165,
    "keyctl": 250,
    "unshare": 272,
    "perf_event_open": 298,
    "bpf": 321,
    "userfaultfd": 323,
    "io_uring_setup": 425,
}
SYSCALL_PROBE = """
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
for name, number in (line.split() for line in sys.stdin.read().splitlines()):
    result = libc.syscall(int(number), 0, 0, 0, 0, 0)
    print(name, result, ctypes.get_errno())
"""


@bwrap_only
async def test_dangerous_syscalls_are_refused_by_seccomp(bwrap: BwrapSandbox) -> None:
    stdin = "\n".join(f"{name} {number}" for name, number in SYSCALLS.items())
    result = await execute(bwrap, LANGUAGES["python"], SYSCALL_PROBE, stdin=stdin, limits=LIMITS)
    assert result.status is Status.OK, result
    assert result.stdout.splitlines() == [f"{name} -1 1" for name in SYSCALLS]


@pytest.fixture
def unreachable_root() -> Iterator[Path]:
    """A runs root inside a dir the sandbox user cannot enter."""
    parent = Path(tempfile.mkdtemp(prefix="codecollab-closed-"))
    yield parent / "runs"
    shutil.rmtree(parent)


async def test_probe_explains_why_the_sandbox_cannot_work(unreachable_root: Path) -> None:
    availability = await BwrapSandbox(root=unreachable_root).probe()
    assert not availability.available
    assert "Permission denied" in availability.reason


def test_run_cgroups_live_under_the_servers_own_cgroup() -> None:
    hierarchy = cgroups.discover()
    own = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(","):
            own[controller] = path
    parents = getattr(hierarchy, "parents", {})
    for controller, parent in parents.items():
        assert str(parent).endswith(own[controller].rstrip("/")), controller


def mode_and_owner(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_mode & 0o777, info.st_uid


@bwrap_only
async def test_a_program_dir_is_private_to_the_sandbox_user(bwrap: BwrapSandbox) -> None:
    program = await bwrap.prepare(LANGUAGES["bash"], "true", limits=COMPILE_LIMITS)
    assert isinstance(program, BwrapProgram)
    assert program.host_dir is not None
    try:
        assert mode_and_owner(program.host_dir) == (0o700, 65534)
    finally:
        await bwrap.cleanup(program)
