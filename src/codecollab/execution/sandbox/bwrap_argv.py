"""The command line that starts a bubblewrap sandbox: setpriv, prlimit, then bwrap.

``setpriv`` (when the server is root) becomes the unprivileged sandbox uid/gid with no
supplementary groups, no capabilities and no_new_privs; it execs ``prlimit`` (CPU seconds, file
size, open files, stack, no core dumps, set by the sandbox user on itself), which execs ``bwrap``:
new user/pid/net/ipc/uts/mount/cgroup namespaces, read-only toolchains, fresh tmpfs ``/tmp``
and ``/box`` (or the program's dir bound at ``/box``), the seccomp filter, a clean environment
and the start's ready marker. Everything fixed at start is the sandbox's *shape*.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace
from pathlib import Path

from codecollab.execution.sandbox.base import SANDBOX_WORKDIR, Limits
from codecollab.execution.sandbox.bwrap_files import COPY_LIMIT_BYTES

READY_MARKER = ".sandbox-ready"
"""A symlink at the sandbox's root whose target is the start's random token."""
ROOT_LINKS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
"""Top-level paths that are symlinks into /usr on merged-/usr systems, else bound read-only."""
TOOLCHAIN_STATE = ("/var/lib/ghc",)
"""Toolchain data Debian keeps outside /usr (GHC's package database), bound read-only if present."""


@dataclass(frozen=True, slots=True)
class Box:
    """How a program's host dir appears at /box: read-write (compile) or a fresh tmpfs
    holding read-only binds of its entries (runs of programs too big to copy)."""

    host_dir: Path
    writable: bool


@dataclass(frozen=True, slots=True)
class Shape:
    """Everything fixed when a sandbox starts. ``box`` None: /box is a fresh tmpfs that the
    program's files (if any) are copied into once the sandbox is up."""

    command: tuple[str, ...]
    env: tuple[tuple[str, str], ...]
    limits: Limits
    box: Box | None


def start_limits(limits: Limits) -> Limits:
    """The limits fixed at start (rlimits, cgroup, tmpfs sizes); wall time, output and the
    tree's CPU time are the supervisor's, and the CPU rlimit has whole seconds."""
    return replace(limits, cpu_time_ms=cpu_seconds(limits) * 1000, wall_time_ms=0, output_bytes=0)


CPU_RLIMIT_MARGIN_S = 1
"""The CPU rlimit is a per-process backstop this far past the limit: the supervisor stops the
whole tree at the limit by its cgroup's CPU time (process.py). The kernel's per-process CPU
time is tick-sampled and ran up to 15% ahead of the cgroup's on this machine, so an rlimit at
the limit itself would end a busy program before it had the CPU time it was given."""


def cpu_seconds(limits: Limits) -> int:
    """The CPU rlimit (soft; the hard one is a second more)."""
    return max(1, math.ceil(limits.cpu_time_ms / 1000)) + CPU_RLIMIT_MARGIN_S


@dataclass(frozen=True, slots=True)
class CommandLine:
    """Builds the argv of a sandbox start from the tools found and the sandbox's /etc."""

    tools: dict[str, str]
    """Absolute paths of setpriv, prlimit and bwrap."""
    uid: int
    gid: int
    etc: Path

    def argv(
        self, shape: Shape, filter_fd: int, status_fd: int, block_fd: int, token: str
    ) -> list[str]:
        limits = shape.limits
        cpu_s = cpu_seconds(limits)
        return [
            *self._drop_privileges(),
            self.tools["prlimit"],  # rlimits are set by the sandbox user on itself: setting
            f"--cpu={cpu_s}:{cpu_s + 1}",  # them on another uid's process needs
            f"--fsize={limits.file_size_bytes}",  # CAP_SYS_RESOURCE, which containers
            f"--nofile={limits.open_files}",  # often drop
            f"--stack={limits.stack_bytes}",
            "--core=0",
            "--",
            self.tools["bwrap"],
            *self._bwrap_args(shape, token),
            "--seccomp", str(filter_fd),
            "--json-status-fd", str(status_fd),
            "--block-fd", str(block_fd),
            "--",
            *shape.command,
        ]  # fmt: skip

    def _drop_privileges(self) -> list[str]:
        """Become the sandbox user (when the server is root): setpriv rather than Popen's
        user/group arguments, which would run Python code in the forked child."""
        if os.geteuid() != 0:
            return []
        return [
            self.tools["setpriv"],
            f"--reuid={self.uid}",
            f"--regid={self.gid}",
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--no-new-privs",
            "--",
        ]

    def _bwrap_args(self, shape: Shape, token: str) -> list[str]:
        limits = shape.limits
        args = [
            "--unshare-all",
            "--unshare-user",
            "--disable-userns",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--hostname",
            "sandbox",
            "--ro-bind",
            "/usr",
            "/usr",
        ]
        args += _root_links()
        args += _toolchain_state()
        args += ["--ro-bind", str(self.etc), "/etc"]
        args += ["--proc", "/proc", "--dev", "/dev"]
        args += ["--size", str(limits.file_size_bytes), "--tmpfs", "/tmp"]  # noqa: S108 - inside the sandbox
        args += _box_args(shape.box, limits)
        args += ["--symlink", token, f"/{READY_MARKER}"]
        args += ["--remount-ro", "/", "--chdir", SANDBOX_WORKDIR, "--clearenv"]
        for key, value in shape.env:
            args += ["--setenv", key, value]
        return args


def _root_links() -> list[str]:
    args = []
    for name in ROOT_LINKS:
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), f"/{name}"]
        elif path.is_dir():
            args += ["--ro-bind", str(path), f"/{name}"]
    return args


def _toolchain_state() -> list[str]:
    args = []
    for path in TOOLCHAIN_STATE:
        if Path(path).is_dir():
            args += ["--ro-bind", path, path]
    return args


def _box_args(box: Box | None, limits: Limits) -> list[str]:
    if box is None:  # room for a copy of the program besides what the run may write
        size = limits.file_size_bytes + COPY_LIMIT_BYTES
        return ["--size", str(size), "--tmpfs", SANDBOX_WORKDIR]
    if box.writable:
        return ["--bind", str(box.host_dir), SANDBOX_WORKDIR]
    args = ["--size", str(limits.file_size_bytes), "--tmpfs", SANDBOX_WORKDIR]
    with os.scandir(box.host_dir) as entries:
        for entry in entries:
            target = f"{SANDBOX_WORKDIR}/{entry.name}"
            if entry.is_symlink():  # recreated, never followed on the host
                args += ["--symlink", os.readlink(entry.path), target]
            elif entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
                args += ["--ro-bind", entry.path, target]
    return args
