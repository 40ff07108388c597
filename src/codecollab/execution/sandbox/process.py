"""Supervising one sandboxed process tree: capped output capture, wall timer, classification."""

from __future__ import annotations

import asyncio
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


async def read_capped(
    stream: asyncio.StreamReader, cap: int, on_overflow: Callable[[], None]
) -> Captured:
    """Read a stream to EOF keeping at most ``cap`` bytes; call ``on_overflow`` once past it."""
    buffer = bytearray()
    truncated = False
    while chunk := await stream.read(READ_CHUNK):
        if truncated:
            continue  # drain what the killed tree still had in the pipe
        room = cap - len(buffer)
        if len(chunk) > room:
            buffer += chunk[:room]
            truncated = True
            on_overflow()
        else:
            buffer += chunk
    return Captured(bytes(buffer), truncated)


@dataclass(slots=True)
class Supervised:
    stdout: Captured
    stderr: Captured
    returncode: int
    killed: KillReason | None


async def supervise(
    process: asyncio.subprocess.Process, *, limits: Limits, kill: Callable[[], None]
) -> Supervised:
    """Wait for the tree under the wall limit and output cap; ``kill`` ends the whole tree."""
    assert process.stdout is not None
    assert process.stderr is not None
    killed: KillReason | None = None

    def overflow() -> None:
        nonlocal killed
        if killed is None:
            killed = KillReason.OUTPUT
            kill()

    tasks = (
        asyncio.ensure_future(read_capped(process.stdout, limits.output_bytes, overflow)),
        asyncio.ensure_future(read_capped(process.stderr, limits.output_bytes, overflow)),
        asyncio.ensure_future(process.wait()),
    )
    _, pending = await asyncio.wait(tasks, timeout=limits.wall_time_ms / 1000)
    if pending:
        if killed is None:
            killed = KillReason.WALL_TIME
        kill()
        _, still = await asyncio.wait(pending, timeout=DRAIN_GRACE_S)
        for task in still:  # a pipe held open by something we could not kill: give up on it
            task.cancel()
        await asyncio.gather(*still, return_exceptions=True)
    stdout = tasks[0].result() if not tasks[0].cancelled() else Captured(b"", True)
    stderr = tasks[1].result() if not tasks[1].cancelled() else Captured(b"", True)
    returncode = process.returncode if process.returncode is not None else -signal.SIGKILL
    return Supervised(stdout, stderr, returncode, killed)


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
