"""Supervising one sandboxed process tree: capped output capture, wall timer, classification."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from codecollab.execution.sandbox.base import Limits, Status
from codecollab.execution.sandbox.cgroups import Usage

READ_CHUNK = 64 * 1024
DRAIN_GRACE_S = 5.0


class KillReason(Enum):
    WALL_TIME = "wall_time"
    OUTPUT = "output"


@dataclass(slots=True)
class Captured:
    data: bytes
    truncated: bool


class _CappedReader:
    """Reads a non-blocking pipe on the running loop until EOF, keeping at most ``cap`` bytes;
    calls ``on_overflow`` once past it and keeps draining (so the writer never blocks)."""

    def __init__(
        self, fd: int, cap: int, on_overflow: Callable[[], None], done: asyncio.Future[None]
    ) -> None:
        self._fd = fd
        self._cap = cap
        self._on_overflow = on_overflow
        self._done = done
        self.buffer = bytearray()
        self.truncated = False

    def readable(self) -> None:
        try:
            chunk = os.read(self._fd, READ_CHUNK)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            if not self._done.done():
                self._done.set_result(None)
            return
        if self.truncated:
            return  # drain what the killed tree still had in the pipe
        room = self._cap - len(self.buffer)
        if len(chunk) > room:
            self.buffer += chunk[:room]
            self.truncated = True
            self._on_overflow()
        else:
            self.buffer += chunk

    def captured(self) -> Captured:
        return Captured(bytes(self.buffer), self.truncated or not self._done.done())


@dataclass(slots=True)
class Supervised:
    stdout: Captured
    stderr: Captured
    returncode: int
    killed: KillReason | None


@dataclass(frozen=True, slots=True)
class Tree:
    """A started process tree as the supervisor sees it: its output pipes (read ends) and a
    pidfd of its root process, whose exit status ``reap`` collects once the pidfd is readable."""

    stdout_fd: int
    stderr_fd: int
    pidfd: int
    reap: Callable[[], int]


async def supervise(tree: Tree, *, limits: Limits, kill: Callable[[], None]) -> Supervised:
    """Wait for the tree under the wall limit and output cap; ``kill`` ends the whole tree.

    Works on whichever event loop is running (readers on raw fds, the exit through a pidfd),
    so a tree may be started on another thread or loop than the one supervising it."""
    loop = asyncio.get_running_loop()
    killed: KillReason | None = None

    def overflow() -> None:
        nonlocal killed
        if killed is None:
            killed = KillReason.OUTPUT
            kill()

    out_done: asyncio.Future[None] = loop.create_future()
    err_done: asyncio.Future[None] = loop.create_future()
    exited: asyncio.Future[int] = loop.create_future()
    stdout = _CappedReader(tree.stdout_fd, limits.output_bytes, overflow, out_done)
    stderr = _CappedReader(tree.stderr_fd, limits.output_bytes, overflow, err_done)

    def on_exit() -> None:
        loop.remove_reader(tree.pidfd)
        if not exited.done():
            exited.set_result(tree.reap())

    for fd in (tree.stdout_fd, tree.stderr_fd):
        os.set_blocking(fd, False)
    loop.add_reader(tree.stdout_fd, stdout.readable)
    loop.add_reader(tree.stderr_fd, stderr.readable)
    loop.add_reader(tree.pidfd, on_exit)
    waiting = (out_done, err_done, exited)
    try:
        _, pending = await asyncio.wait(waiting, timeout=limits.wall_time_ms / 1000)
        if pending:
            if killed is None:
                killed = KillReason.WALL_TIME
            kill()
            # a pipe held open by something we could not kill: give up on it after a grace
            await asyncio.wait(pending, timeout=DRAIN_GRACE_S)
    finally:
        for fd in (tree.stdout_fd, tree.stderr_fd, tree.pidfd):
            loop.remove_reader(fd)
    returncode = exited.result() if exited.done() else -signal.SIGKILL
    return Supervised(stdout.captured(), stderr.captured(), returncode, killed)


def split_exit(code: int) -> tuple[int | None, int | None]:
    """(exit_code, signal) from a shell-style status: 128+N (or -N) means killed by signal N."""
    if code < 0:
        return None, -code
    if 128 < code <= 128 + 64:
        return None, code - 128
    return code, None


def classify(
    *,
    exit_code: int | None,
    signal_number: int | None,
    killed: KillReason | None,
    usage: Usage,
    limits: Limits,
) -> Status:
    """The run's status from what the supervisor did and what the cgroup counted."""
    if killed is KillReason.OUTPUT:
        return Status.OUTPUT_LIMIT_EXCEEDED
    if usage.oom_kills > 0:
        return Status.MEMORY_LIMIT_EXCEEDED
    if killed is KillReason.WALL_TIME:
        return Status.TIME_LIMIT_EXCEEDED
    if usage.cpu_ms >= limits.cpu_time_ms or signal_number == signal.SIGXCPU:
        return Status.TIME_LIMIT_EXCEEDED
    if signal_number == signal.SIGXFSZ:
        return Status.OUTPUT_LIMIT_EXCEEDED
    if signal_number is not None or exit_code != 0:
        return Status.RUNTIME_ERROR
    return Status.OK


def decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")
