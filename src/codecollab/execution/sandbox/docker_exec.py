"""One exec of the runner script in a Docker sandbox container, and the result it makes.

The runner (``docker_runner.sh``, beside this module) is fed on stdin with the program's files
as a tar archive followed by the program's stdin. It ends with one trailer line on stderr
carrying the exit status and the container cgroup's CPU time and OOM-kill count deltas, marked
with a random nonce. Since the program's processes are all dead before the trailer is written,
the last trailer is the runner's own even if the program printed look-alikes; without one (the
exec was killed from here, or the runner failed) the run's status comes from why it ended.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import docker
import docker.errors
import requests.exceptions

from codecollab.execution.sandbox.base import (
    MIB,
    SANDBOX_WORKDIR,
    ExecutionResult,
    Limits,
    SandboxError,
    Status,
    sandbox_environment,
)
from codecollab.execution.sandbox.cgroups import Usage
from codecollab.execution.sandbox.docker_stream import FrameReader, feed, start_exec
from codecollab.execution.sandbox.process import (
    KillReason,
    classify,
    complete_utf8,
    decode,
    split_exit,
)

RUNNER = (
    resources.files("codecollab.execution.sandbox")
    .joinpath("docker_runner.sh")
    .read_text(encoding="utf-8")
)
"""The runner script, passed to ``sh -c``."""
SANDBOX_UID = 65534
"""Runs every compile, run and version command (``nobody`` in the image)."""
TOOLS = "/usr/libexec/codecollab"
"""Execute-only copies of sh, time and timeout in the image (see scripts/podman/build-image.sh):
running them makes the runner's processes non-dumpable, so the program cannot open their
/proc/PID/fd entries although they share its uid."""
TRAILER_RESERVE = 512
"""Bytes of stderr beyond the cap kept for the runner's trailer."""
ARTIFACT_LIMIT = 64 * MIB
"""Largest compiled work dir carried from the compile container to the run container."""
BACKSTOP_S = 5.0
"""How long past the wall limit an exec may take before the container is killed from here."""
TRAILER_FIELDS = 5


@dataclass(slots=True)
class Trailer:
    """The runner's last line: the command's exit and the container's accounting deltas."""

    returncode: int
    cpu_ns: int
    oom_kills: int
    rss_kb: int
    wall_ns: int


@dataclass(slots=True)
class ExecOutcome:
    """What one exec of the runner produced."""

    stdout: bytes
    stderr: bytes
    stdout_truncated: bool
    stderr_truncated: bool
    killed: KillReason | None
    trailer: Trailer | None
    wall_ms: int


def runner_args(limits: Limits, *, files: bytes, nonce: str, compile_mode: bool) -> list[str]:
    """The runner's arguments before the command (see the head of docker_runner.sh)."""
    return [
        str(len(files)),
        f"{max(0.1, limits.wall_time_ms / 1000):.3f}",
        str(max(1, limits.cpu_time_ms)),
        str(max(1, limits.file_size_bytes // 512)),  # ulimit -f counts 512-byte blocks
        str(limits.open_files),
        str(max(1, limits.stack_bytes // 1024)),  # ulimit -s counts KiB
        nonce,
        "compile" if compile_mode else "run",
    ]


def exec_runner(
    client: docker.APIClient,
    container: str,
    command: tuple[str, ...],
    *,
    env: Mapping[str, str],
    limits: Limits,
    files: bytes,
    stdin: bytes,
    compile_mode: bool,
) -> ExecOutcome:
    """Run ``command`` once in ``container`` through the runner (blocking; on a thread)."""
    nonce = secrets.token_hex(16)
    args = runner_args(limits, files=files, nonce=nonce, compile_mode=compile_mode)
    started = time.monotonic()
    try:
        exec_id = client.exec_create(
            container,
            [f"{TOOLS}/sh", "-c", RUNNER, "runner", *args, *command],
            stdin=True,
            user=f"{SANDBOX_UID}:{SANDBOX_UID}",
            workdir=SANDBOX_WORKDIR,
            environment=sandbox_environment(env),
        )["Id"]
        attached = start_exec(client, exec_id)
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        raise SandboxError(f"cannot run in the sandbox container: {exc}") from exc
    stdout_cap = ARTIFACT_LIMIT if compile_mode else limits.output_bytes
    raw = attached.sock
    reader = FrameReader(attached.stream, raw, stdout_cap, limits.output_bytes + TRAILER_RESERVE)
    writer = threading.Thread(
        target=feed, args=(raw, files + stdin), name="docker-sandbox-stdin", daemon=True
    )
    writer.start()
    deadline = started + limits.wall_time_ms / 1000 + BACKSTOP_S
    killed = reader.read_all(deadline)
    if killed is not None:
        # Stop the program right now; the container is then discarded by the caller.
        with contextlib.suppress(Exception):
            client.kill(container)
    with contextlib.suppress(OSError):
        raw.close()
    with contextlib.suppress(Exception):
        attached.response.close()
    writer.join(timeout=5)
    wall_ms = int((time.monotonic() - started) * 1000)
    stderr, trailer = split_trailer(bytes(reader.stderr), nonce)
    if killed is not None:
        trailer = None
    stderr_truncated = reader.stderr_truncated or len(stderr) > limits.output_bytes
    if len(stderr) > limits.output_bytes:
        stderr = stderr[: limits.output_bytes]
        killed = killed or KillReason.OUTPUT
    if stderr_truncated:
        stderr = complete_utf8(stderr)
    stdout = bytes(reader.stdout)
    if compile_mode and reader.stdout_truncated:
        killed = killed or KillReason.OUTPUT
    elif reader.stdout_truncated:
        stdout = complete_utf8(stdout)
    return ExecOutcome(
        stdout=stdout,
        stderr=stderr,
        stdout_truncated=reader.stdout_truncated,
        stderr_truncated=stderr_truncated,
        killed=killed,
        trailer=trailer,
        wall_ms=wall_ms,
    )


def split_trailer(stderr: bytes, nonce: str) -> tuple[bytes, Trailer | None]:
    """The program's stderr and the runner's trailer (None if there is no valid one)."""
    marker = b"\n" + nonce.encode() + b" "
    at = stderr.rfind(marker)
    if at < 0:
        return stderr, None
    fields = stderr[at + len(marker) :].split()
    try:
        numbers = [int(value) for value in fields[:TRAILER_FIELDS]]
    except ValueError:
        return stderr, None
    if len(numbers) != TRAILER_FIELDS:
        return stderr, None
    return stderr[:at], Trailer(*numbers)


def result_of(outcome: ExecOutcome, limits: Limits) -> ExecutionResult:
    """The execution result of one exec, classified from the runner's own accounting."""
    trailer = outcome.trailer
    truncated = outcome.stdout_truncated or outcome.stderr_truncated
    stdout = outcome.stdout
    if trailer is None:
        if outcome.killed is None:
            return ExecutionResult.internal_error(
                "the sandbox container failed: " + decode(outcome.stderr).strip()
            )
        status = (
            Status.OUTPUT_LIMIT_EXCEEDED
            if outcome.killed is KillReason.OUTPUT
            else Status.TIME_LIMIT_EXCEEDED
        )
        return ExecutionResult(
            status=status,
            stdout=decode(complete_utf8(stdout[: limits.output_bytes])),
            stderr=decode(outcome.stderr),
            signal=9,
            wall_ms=outcome.wall_ms,
            time_ms=0,
            truncated=truncated,
        )
    exit_code, signal_number = split_exit(trailer.returncode)
    wall_ms = trailer.wall_ns // 1_000_000
    killed = outcome.killed
    if killed is None and wall_ms >= limits.wall_time_ms and signal_number == 9:
        killed = KillReason.WALL_TIME
    cpu_ms = max(0, trailer.cpu_ns) // 1_000_000
    oom_kills = trailer.oom_kills
    if oom_kills < 0:  # no cgroup counters inside: an exit 137 with a memory limit is an OOM
        oom_kills = int(signal_number == 9 and killed is None)
    usage = Usage(cpu_ms=cpu_ms, peak_memory_bytes=trailer.rss_kb * 1024, oom_kills=oom_kills)
    status = classify(
        exit_code=exit_code,
        signal_number=signal_number,
        killed=killed,
        usage=usage,
        limits=limits,
    )
    return ExecutionResult(
        status=status,
        stdout=decode(stdout),
        stderr=decode(outcome.stderr),
        exit_code=exit_code,
        signal=signal_number,
        time_ms=cpu_ms,
        wall_ms=max(1, wall_ms),
        memory_kb=trailer.rss_kb,
        truncated=truncated,
    )
