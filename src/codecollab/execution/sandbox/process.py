"""Supervising one sandboxed process tree: capped output capture, CPU and wall limits,
classification.

The CPU limit holds for the whole tree, not per process: the supervisor polls the tree's CPU
time (its cgroup's accounting) and kills the tree once it reaches the limit, as isolate does,
so a fork bomb or a program with many busy threads ends at the CPU limit, not at the wall
limit with several times the CPU limit used. The poll sleeps a fraction of what is left, so a
short run is never polled more than a few times, and the overshoot stays within
``CPU_POLL_MIN_S`` of CPU per CPU the tree may use.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from codecollab.execution.sandbox.base import Limits, Status
from codecollab.execution.sandbox.cgroups import Usage

READ_CHUNK = 64 * 1024
DRAIN_GRACE_S = 5.0
CPU_POLL_MIN_S = 0.01
"""Shortest pause between two readings of the tree's CPU time."""


class KillReason(Enum):
    WALL_TIME = "wall_time"
    CPU_TIME = "cpu_time"
    OUTPUT = "output"


def complete_utf8(data: bytes) -> bytes:
    """``data`` without a UTF-8 character cut in two at its end: a cap cuts bytes, and
    what is shown must end at the last complete character at or before the cap. Anything
    else (invalid bytes the program wrote) is left as it is, to be decoded with replacement."""
    for back in range(1, min(len(data), 4) + 1):
        byte = data[-back]
        if byte & 0xC0 == 0x80:
            continue  # a continuation byte: its lead byte is further back
        return data[:-back] if _sequence_length(byte) > back else data
    return data


def _sequence_length(lead: int) -> int:
    """Bytes of the UTF-8 sequence ``lead`` starts (1 for ASCII and for invalid bytes)."""
    if lead >> 5 == 0b110:
        return 2
    if lead >> 4 == 0b1110:
        return 3
    if lead >> 3 == 0b11110:
        return 4
    return 1


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
        truncated = self.truncated or not self._done.done()
        data = bytes(self.buffer)
        return Captured(complete_utf8(data) if truncated else data, truncated)


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


async def supervise(
    tree: Tree,
    *,
    limits: Limits,
    kill: Callable[[], None],
    cpu_ms: Callable[[], int] | None = None,
) -> Supervised:
    """Wait for the tree under the wall limit, the output cap and, given ``cpu_ms`` (the
    whole tree's CPU time so far), the CPU limit; ``kill`` ends the whole tree.

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

    async def watch_cpu(read: Callable[[], int]) -> None:
        nonlocal killed
        while True:  # polled: the kernel tells no one when a cgroup's CPU time passes a mark
            left_ms = limits.cpu_time_ms - read()
            if left_ms <= 0:
                break
            await asyncio.sleep(cpu_pause_s(left_ms))
        if killed is None:
            killed = KillReason.CPU_TIME
        kill()

    for fd in (tree.stdout_fd, tree.stderr_fd):
        os.set_blocking(fd, False)
    loop.add_reader(tree.stdout_fd, stdout.readable)
    loop.add_reader(tree.stderr_fd, stderr.readable)
    loop.add_reader(tree.pidfd, on_exit)
    watcher = None if cpu_ms is None else asyncio.create_task(watch_cpu(cpu_ms))
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
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await watcher
    returncode = exited.result() if exited.done() else -signal.SIGKILL
    return Supervised(stdout.captured(), stderr.captured(), returncode, killed)


def cpu_pause_s(left_ms: int) -> float:
    """How long the CPU watch may sleep with ``left_ms`` of the CPU limit left: a tree uses
    at most one CPU second per second on each of the machine's CPUs, so in a quarter of what
    is left per CPU it cannot reach the limit."""
    cpus = os.cpu_count() or 1
    return max(CPU_POLL_MIN_S, left_ms / 1000 / cpus / 4)


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
    if killed in (KillReason.WALL_TIME, KillReason.CPU_TIME):
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
