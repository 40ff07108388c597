"""The Docker backend: programs run in containers through the Docker Engine API.

Works with a real Docker Engine and with podman's Docker-compatible API (``podman system
service``, see scripts/ci/podman.sh and docs/sandbox-docker.md). Only the portable part of the
API is used: containers, exec and a hijacked exec stream for stdin.

Each container is locked down: no network, read-only root, size-limited tmpfs at ``/box`` and
``/tmp``, every capability dropped, ``no-new-privileges``, the engine's default seccomp profile,
an init as pid 1 and limits on memory (swap included), tasks and CPUs. Its pid 1 and a
``sleep`` run as ``SUPERVISOR_UID``; everything the program does runs as ``SANDBOX_UID`` via
``exec``, so the program can neither signal the container's own processes nor write anything
but the two tmpfs mounts.

A run is one ``exec`` of ``RUNNER`` (a POSIX shell script), fed on stdin with the program's
files as a tar archive followed by the program's stdin. The runner empties ``/box`` and
``/tmp``, unpacks the files, applies the per-process rlimits (CPU seconds, file size, open
files) and the wall limit (``timeout``), runs the command, kills every process the program left
(``kill -9 -1`` as the sandbox uid, until none is left), and ends with one trailer line on stderr
carrying the exit status and the container cgroup's CPU time and OOM-kill count deltas. Since
the program's processes are all dead before the trailer is written, the last trailer is the
runner's own even if the program printed look-alikes.

Compile once, run many: ``prepare`` compiles in a container with the compile limits and gets
the whole work dir back as a tar archive (the compiler's output goes to stderr, the archive to
stdout). The archive is held in memory here and unpacked inside the run container before every
run, so each run starts from exactly the prepared work dir. Runs of one program reuse one
container (its memory and task limits are the run's); the host never touches a file the
program wrote, so planted symlinks lead nowhere.

Speed: containers with a given set of limits are created and started ahead of time (a small warm
pool, refilled in the background) and removed in the background, so a run costs one exec.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import math
import os
import secrets
import socket
import struct
import tarfile
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import docker
import docker.errors
import requests.exceptions
from docker.types import Ulimit

from codecollab.execution.languages import Language
from codecollab.execution.sandbox.base import (
    MIB,
    SANDBOX_PATH,
    SANDBOX_WORKDIR,
    Availability,
    ExecutionResult,
    Limits,
    Program,
    SandboxError,
    Status,
    compile_result,
)
from codecollab.execution.sandbox.cgroups import Usage
from codecollab.execution.sandbox.process import KillReason, classify, decode, split_exit

if TYPE_CHECKING:
    from codecollab.config import Settings

SUPERVISOR_UID = 65532
"""Owns the container's pid 1 and its idle ``sleep``; the program cannot signal them."""
SANDBOX_UID = 65534
"""Runs every compile, run and version command (``nobody`` in the image)."""
LABEL = "codecollab.sandbox"
"""Every container this backend creates carries this label (value: the owning process)."""
RUNNER_TASKS = 5
"""Tasks alive beside the program's: init, sleep, the runner, time and timeout."""
TOOLS = "/usr/libexec/codecollab"
"""Execute-only copies of sh, time and timeout in the image (see scripts/podman/build-image.sh):
running them makes the runner's processes non-dumpable, so the program cannot open their
/proc/PID/fd entries although they share its uid."""
BOX_STEP = 16 * MIB
"""/box holds the program's files plus ``file_size_bytes``, rounded up to this step."""
TRAILER_RESERVE = 512
"""Bytes of stderr beyond the cap kept for the runner's trailer."""
ARTIFACT_LIMIT = 64 * MIB
"""Largest compiled work dir carried from the compile container to the run container."""
BACKSTOP_S = 5.0
"""How long past the wall limit an exec may take before the container is killed from here."""
PROBE_TIMEOUT_S = 2
API_TIMEOUT_S = 30
MAX_WARM_SHAPES = 3
"""How many distinct limit sets keep warm containers."""
VERSION_LIMITS = Limits(
    cpu_time_ms=10_000, wall_time_ms=20_000, memory_bytes=1024 * MIB, processes=128
)
STDIN_CHUNK = 64 * 1024

RUNNER = r"""
load=$1 wall=$2 cpu=$3 fsize=$4 nofile=$5 nonce=$6 mode=$7
shift 7
mine() {
    for p in /proc/[0-9]*; do [ "$p" != "/proc/$$" ] && [ -O "$p" ] && return 0; done; return 1
}
reap() { n=0; while mine && [ $n -lt 1000 ]; do kill -9 -1 2>/dev/null; n=$((n+1)); done; }
wipe() { find /box /tmp /dev/shm -mindepth 1 -delete 2>/dev/null; }
cpu_ns() {
    if [ -r /sys/fs/cgroup/cpuacct/cpuacct.usage ]; then cat /sys/fs/cgroup/cpuacct/cpuacct.usage
    elif [ -r /sys/fs/cgroup/cpu.stat ]; then
        while read -r k v; do [ "$k" = usage_usec ] && echo $((v * 1000)); done \
            </sys/fs/cgroup/cpu.stat
    else echo -1; fi
}
ooms() {
    for f in /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events; do
        if [ -r "$f" ]; then
            while read -r k v; do [ "$k" = oom_kill ] && echo "$v" && return; done <"$f"
        fi
    done
    echo -1
}
reap; wipe; umask 022; cd /box || exit 120
if [ "$load" -gt 0 ]; then
    dd bs=65536 count="$load" iflag=count_bytes,fullblock status=none \
        | tar -x -m --no-overwrite-dir -f - -C /box \
        || { echo "sandbox: cannot unpack the program" >&2; exit 121; }
fi
stats=/tmp/.codecollab-time-$nonce
c0=$(cpu_ns); o0=$(ooms); t0=$(date +%s%N)
if [ "$mode" = compile ]; then
    ( ulimit -n "$nofile"; ulimit -f "$fsize"; ulimit -S -t "$cpu"; ulimit -H -t $((cpu + 1))
      exec /usr/libexec/codecollab/time -q -f %M -o "$stats" \
        /usr/libexec/codecollab/timeout -s KILL "$wall" "$@" </dev/null 1>&2 )
else
    ( ulimit -n "$nofile"; ulimit -f "$fsize"; ulimit -S -t "$cpu"; ulimit -H -t $((cpu + 1))
      exec /usr/libexec/codecollab/time -q -f %M -o "$stats" \
        /usr/libexec/codecollab/timeout -s KILL "$wall" "$@" )
fi
rc=$?
t1=$(date +%s%N)
reap
c1=$(cpu_ns); o1=$(ooms)
rss=$(tail -n 1 "$stats" 2>/dev/null); case "$rss" in ''|*[!0-9]*) rss=0;; esac
if [ "$mode" = compile ] && [ "$rc" -eq 0 ]; then
    find . -mindepth 1 -maxdepth 1 -print0 | tar -c -f - --null -T - || rc=122
fi
wipe
cpu_used=-1; [ "$c0" -ge 0 ] && [ "$c1" -ge 0 ] && cpu_used=$((c1 - c0))
oom_used=-1; [ "$o0" -ge 0 ] && [ "$o1" -ge 0 ] && oom_used=$((o1 - o0))
printf '\n%s %s %s %s %s %s\n' "$nonce" "$rc" "$cpu_used" "$oom_used" "$rss" $((t1 - t0)) >&2
"""


@dataclass(frozen=True, slots=True)
class _Shape:
    """The limits fixed when a container is created (the rest is set per exec)."""

    memory_bytes: int
    processes: int
    cpus: float
    open_files: int
    box_bytes: int
    tmp_bytes: int

    @classmethod
    def of(cls, limits: Limits, files: bytes) -> _Shape:
        box = limits.file_size_bytes + math.ceil(len(files) / BOX_STEP) * BOX_STEP
        return cls(
            memory_bytes=limits.memory_bytes,
            processes=limits.processes,
            cpus=limits.cpus,
            open_files=limits.open_files,
            box_bytes=box,
            tmp_bytes=limits.file_size_bytes,
        )


@dataclass(slots=True)
class DockerProgram(Program):
    files: bytes | None = None
    """The prepared work dir as a tar archive (None once cleaned up)."""
    container: str | None = None
    shape: _Shape | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass(slots=True)
class _Trailer:
    returncode: int
    cpu_ns: int
    oom_kills: int
    rss_kb: int
    wall_ns: int


@dataclass(slots=True)
class _Exec:
    """What one exec of the runner produced."""

    stdout: bytes
    stderr: bytes
    stdout_truncated: bool
    stderr_truncated: bool
    killed: KillReason | None
    trailer: _Trailer | None
    wall_ms: int


class DockerSandbox:
    """Runs programs in containers through the Docker Engine API (or podman's)."""

    name = "docker"

    def __init__(self, *, base_url: str, image: str, pool_size: int = 2) -> None:
        """``base_url``: the engine's API (``unix://…``/``tcp://…``); ``image``: the sandbox image;
        ``pool_size``: started, idle containers kept per set of limits."""
        self._base_url = base_url
        self._image = image
        self._pool_size = pool_size
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._client: docker.APIClient | None = None
        self._client_lock = threading.Lock()
        self._availability: Availability | None = None
        self._versions: dict[str, str | None] = {}
        self._idle: OrderedDict[_Shape, list[str]] = OrderedDict()
        self._idle_lock = threading.RLock()
        self._filling: set[_Shape] = set()
        self._pending: set[Future[None]] = set()
        self._workers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="docker-sandbox")
        self._closed = False

    @classmethod
    def from_settings(cls, settings: Settings) -> DockerSandbox:
        return cls(
            base_url=settings.docker_host,
            image=settings.docker_image,
            pool_size=settings.docker_pool_size,
        )

    # --- the Sandbox protocol ----------------------------------------------------------

    async def probe(self) -> Availability:
        if self._availability is None or not self._availability.available:
            self._availability = await asyncio.to_thread(self._probe)
        return self._availability

    async def version(self, language: Language) -> str | None:
        if language.id not in self._versions:
            result = await self._one_off(language.version, language.env, VERSION_LIMITS)
            found = None
            if result.status is Status.OK:
                found = language.parse_version(result.stdout + "\n" + result.stderr)
            self._versions[language.id] = found
        return self._versions[language.id]

    async def prepare(self, language: Language, source: str, *, limits: Limits) -> Program:
        await self._require_available()
        source_tar = _tar_of({language.file: source.encode("utf-8")})
        program = DockerProgram(id=uuid.uuid4().hex, language=language, files=source_tar)
        if language.compile is None:
            return program
        container = await self._acquire(_Shape.of(limits, source_tar))
        try:
            outcome = await asyncio.to_thread(
                self._exec_runner,
                container,
                language.compile,
                env=language.env,
                limits=limits,
                files=source_tar,
                stdin=b"",
                compile_mode=True,
            )
        finally:
            self._discard(container)
        result = _result_of(outcome, limits)
        if result.status is Status.OK and not outcome.stdout:
            result = ExecutionResult.internal_error("the compile container returned no files")
        program.compile_result = _compile_result(result)
        if program.compile_result.status is Status.OK:
            program.files = outcome.stdout
        return program

    async def run(self, program: Program, *, stdin: str, limits: Limits) -> ExecutionResult:
        if not isinstance(program, DockerProgram) or program.files is None:
            raise SandboxError("not a prepared docker program (or already cleaned up)")
        if program.compile_result is not None and not program.compiled_ok:
            return program.compile_result
        async with program.lock:
            shape = _Shape.of(limits, program.files)
            if program.container is not None and program.shape != shape:
                self._discard(program.container)
                program.container = None
            if program.container is None:
                program.container = await self._acquire(shape)
                program.shape = shape
            container = program.container
            outcome = await asyncio.to_thread(
                self._exec_runner,
                container,
                program.language.run,
                env=program.language.env,
                limits=limits,
                files=program.files,
                stdin=stdin.encode("utf-8"),
                compile_mode=False,
            )
            if outcome.trailer is None:
                # Killed from here (output cap, backstop) or broken: never reuse it.
                self._discard(container)
                program.container = None
            return _result_of(outcome, limits)

    async def cleanup(self, program: Program) -> None:
        if not isinstance(program, DockerProgram):
            return
        program.files = None
        if program.container is not None:
            container, program.container = program.container, None
            self._discard(container)

    # --- lifecycle ---------------------------------------------------------------------

    def containers(self) -> list[str]:
        """Ids of this backend's containers the engine still has (idle ones included)."""
        client = self._api()
        found = client.containers(all=True, filters={"label": f"{LABEL}={self._owner}"})
        return sorted(str(entry["Id"]) for entry in found)

    def idle_containers(self) -> list[str]:
        with self._idle_lock:
            return sorted(cid for ids in self._idle.values() for cid in ids)

    def drain(self) -> None:
        """Wait until every background creation and removal has finished."""
        while True:
            with self._idle_lock:
                pending = list(self._pending)
            if not pending:
                return
            for future in pending:
                with contextlib.suppress(Exception):
                    future.result()

    async def close(self) -> None:
        """Remove every container this backend made, idle ones included; wait for it."""
        await asyncio.to_thread(self.shutdown)

    def shutdown(self) -> None:
        """``close`` for synchronous callers."""
        self._closed = True
        self.drain()
        with self._idle_lock:
            idle = [cid for ids in self._idle.values() for cid in ids]
            self._idle.clear()
        for container in idle:
            self._remove(container)
        if self._client is not None:
            with contextlib.suppress(Exception):
                for container in self.containers():
                    self._remove(container)
        self._workers.shutdown(wait=True)
        if self._client is not None:
            self._client.close()

    # --- engine access -----------------------------------------------------------------

    def _api(self, timeout: int = API_TIMEOUT_S) -> docker.APIClient:
        with self._client_lock:
            if self._client is None:
                self._client = docker.APIClient(
                    base_url=self._base_url, version="auto", timeout=timeout
                )
            return self._client

    def _probe(self) -> Availability:
        try:
            # A short-timeout client answers fast when nothing listens.
            with docker.APIClient(
                base_url=self._base_url, version="1.41", timeout=PROBE_TIMEOUT_S
            ) as quick:
                quick.ping()
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            return Availability(False, f"no Docker engine answers at {self._base_url}: {exc}")
        try:
            client = self._api()
            client.inspect_image(self._image)  # type: ignore[no-untyped-call]
        except docker.errors.ImageNotFound:
            return Availability(
                False, f"sandbox image {self._image} not found (build it: scripts/ci/podman.sh)"
            )
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            return Availability(False, f"Docker engine at {self._base_url} fails: {exc}")
        return Availability(True)

    async def _require_available(self) -> None:
        availability = await self.probe()
        if not availability.available:
            raise SandboxError(availability.reason)

    # --- containers --------------------------------------------------------------------

    async def _acquire(self, shape: _Shape) -> str:
        """A started container with this shape: a warm one if any, else a new one."""
        if self._closed:
            raise SandboxError("the docker sandbox is closed")
        with self._idle_lock:
            idle = self._idle.setdefault(shape, [])
            self._idle.move_to_end(shape)
            container = idle.pop() if idle else None
            stale: list[str] = []
            while len(self._idle) > MAX_WARM_SHAPES:
                stale += self._idle.popitem(last=False)[1]
        for cid in stale:
            self._background(self._remove, cid)
        self._refill(shape)
        if container is not None:
            return container
        try:
            return await asyncio.to_thread(self._create, shape)
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            raise SandboxError(f"cannot start a sandbox container: {exc}") from exc

    def _refill(self, shape: _Shape) -> None:
        with self._idle_lock:
            if self._pool_size == 0 or shape in self._filling or self._closed:
                return
            self._filling.add(shape)
        self._background(self._fill, shape)

    def _fill(self, shape: _Shape) -> None:
        try:
            while not self._closed:
                with self._idle_lock:
                    idle = self._idle.get(shape)
                    if idle is None or len(idle) >= self._pool_size:
                        return
                container = self._create(shape)
                with self._idle_lock:
                    idle = self._idle.get(shape)
                    if idle is not None and not self._closed:
                        idle.append(container)
                        container = ""
                if container:
                    self._remove(container)
                    return
        finally:
            with self._idle_lock:
                self._filling.discard(shape)

    def _create(self, shape: _Shape) -> str:
        client = self._api()
        options = "rw,exec,nosuid,nodev,mode=1777,size="
        host_config = client.create_host_config(
            network_mode="none",
            read_only=True,
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            init=True,
            tmpfs={
                SANDBOX_WORKDIR: f"{options}{shape.box_bytes}",
                "/tmp": f"{options}{shape.tmp_bytes}",  # noqa: S108 - inside the container
            },
            mem_limit=shape.memory_bytes,
            memswap_limit=shape.memory_bytes,
            pids_limit=shape.processes + RUNNER_TASKS,
            nano_cpus=max(1, int(shape.cpus * 1e9)),
            shm_size=16 * MIB,
            # Both or the engine answers 409 "error setting rlimit type 7".
            ulimits=[
                Ulimit(name="nofile", soft=shape.open_files, hard=shape.open_files),
                Ulimit(name="nproc", soft=4096, hard=4096),
                Ulimit(name="core", soft=0, hard=0),
            ],
        )
        created = client.create_container(
            self._image,
            command=["sleep", "infinity"],
            user=f"{SUPERVISOR_UID}:{SUPERVISOR_UID}",
            working_dir=SANDBOX_WORKDIR,
            hostname="sandbox",
            network_disabled=True,
            labels={LABEL: self._owner},
            host_config=host_config,
        )
        container = str(created["Id"])
        try:
            client.start(container)
        except BaseException:
            self._remove(container)
            raise
        return container

    def _discard(self, container: str) -> None:
        self._background(self._remove, container)

    def _remove(self, container: str) -> None:
        with contextlib.suppress(docker.errors.NotFound):
            self._api().remove_container(container, force=True, v=True)

    def _background(self, work: Callable[..., None], *args: Any) -> None:
        try:
            future = self._workers.submit(work, *args)
        except RuntimeError:  # shut down: do it now
            with contextlib.suppress(Exception):
                work(*args)
            return
        with self._idle_lock:
            self._pending.add(future)

        def done(finished: Future[None]) -> None:
            with self._idle_lock:
                self._pending.discard(finished)

        future.add_done_callback(done)

    async def _one_off(
        self, command: tuple[str, ...], env: Mapping[str, str], limits: Limits
    ) -> ExecutionResult:
        await self._require_available()
        container = await self._acquire(_Shape.of(limits, b""))
        try:
            outcome = await asyncio.to_thread(
                self._exec_runner,
                container,
                command,
                env=env,
                limits=limits,
                files=b"",
                stdin=b"",
                compile_mode=False,
            )
        finally:
            self._discard(container)
        return _result_of(outcome, limits)

    # --- one exec of the runner --------------------------------------------------------

    def _exec_runner(
        self,
        container: str,
        command: tuple[str, ...],
        *,
        env: Mapping[str, str],
        limits: Limits,
        files: bytes,
        stdin: bytes,
        compile_mode: bool,
    ) -> _Exec:
        client = self._api()
        nonce = secrets.token_hex(16)
        args = [
            str(len(files)),
            f"{max(0.1, limits.wall_time_ms / 1000):.3f}",
            str(max(1, math.ceil(limits.cpu_time_ms / 1000))),
            str(max(1, limits.file_size_bytes // 512)),  # ulimit -f counts 512-byte blocks
            str(limits.open_files),
            nonce,
            "compile" if compile_mode else "run",
        ]
        started = time.monotonic()
        try:
            exec_id = client.exec_create(
                container,
                [f"{TOOLS}/sh", "-c", RUNNER, "runner", *args, *command],
                stdin=True,
                user=f"{SANDBOX_UID}:{SANDBOX_UID}",
                workdir=SANDBOX_WORKDIR,
                environment=_environment(env),
            )["Id"]
            attached = _start_exec(client, exec_id)
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            raise SandboxError(f"cannot run in the sandbox container: {exc}") from exc
        stdout_cap = ARTIFACT_LIMIT if compile_mode else limits.output_bytes
        raw = attached.sock
        reader = _FrameReader(
            attached.stream, raw, stdout_cap, limits.output_bytes + TRAILER_RESERVE
        )
        writer = threading.Thread(
            target=_feed, args=(raw, files + stdin), name="docker-sandbox-stdin", daemon=True
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
        stderr, trailer = _split_trailer(bytes(reader.stderr), nonce)
        if killed is not None:
            trailer = None
        stderr_truncated = reader.stderr_truncated or len(stderr) > limits.output_bytes
        if len(stderr) > limits.output_bytes:
            stderr = stderr[: limits.output_bytes]
            killed = killed or KillReason.OUTPUT
        if compile_mode and reader.stdout_truncated:
            killed = killed or KillReason.OUTPUT
        return _Exec(
            stdout=bytes(reader.stdout),
            stderr=stderr,
            stdout_truncated=reader.stdout_truncated,
            stderr_truncated=stderr_truncated,
            killed=killed,
            trailer=trailer,
            wall_ms=wall_ms,
        )


@dataclass(slots=True)
class _Attached:
    response: requests.Response
    """Kept referenced: once collected, it closes the socket."""
    stream: io.BufferedReader
    sock: socket.socket


def _start_exec(client: docker.APIClient, exec_id: str) -> _Attached:
    """Start an exec attached, as ``exec_start(socket=True)`` does, but keep the buffered
    reader the HTTP response was parsed from (it may already hold the first output frames) and
    the socket under it (for stdin)."""
    api: Any = client  # the private helpers exec_start itself uses (not in the stubs)
    response: requests.Response = api._post_json(
        api._url("/exec/{0}/start", exec_id),
        headers={"Connection": "Upgrade", "Upgrade": "tcp"},
        data={"Tty": False, "Detach": False},
        stream=True,
    )
    api._raise_for_status(response)
    urllib3_response: Any = response.raw
    buffered: io.BufferedReader = urllib3_response._fp.fp
    raw: socket.socket = buffered.raw._sock  # type: ignore[attr-defined]
    return _Attached(response, buffered, raw)


class _FrameReader:
    """Reads Docker's multiplexed exec stream (8-byte headers), keeping each stream capped."""

    def __init__(
        self, stream: io.BufferedReader, sock: socket.socket, stdout_cap: int, stderr_cap: int
    ) -> None:
        self._stream = stream
        self._sock = sock
        self._caps = {1: stdout_cap, 2: stderr_cap}
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.stdout_truncated = False
        self.stderr_truncated = False

    def read_all(self, deadline: float) -> KillReason | None:
        """Read to the end; stop early (and say why) past a cap or the deadline."""
        pending = bytearray()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return KillReason.WALL_TIME
            self._sock.settimeout(remaining)
            try:
                chunk = self._stream.read1(65536)
            except TimeoutError:
                return KillReason.WALL_TIME
            except OSError:
                return None
            if not chunk:
                return None
            pending += chunk
            while len(pending) >= 8:
                kind, size = pending[0], struct.unpack(">I", pending[4:8])[0]
                if len(pending) < 8 + size:
                    break
                payload = bytes(pending[8 : 8 + size])
                del pending[: 8 + size]
                if self._keep(kind, payload):
                    return KillReason.OUTPUT

    def _keep(self, kind: int, payload: bytes) -> bool:
        """Store a frame; True when its stream went past its cap."""
        buffer = self.stderr if kind == 2 else self.stdout
        cap = self._caps.get(kind, self._caps[1])
        room = cap - len(buffer)
        if len(payload) <= room:
            buffer += payload
            return False
        buffer += payload[: max(0, room)]
        if kind == 2:
            self.stderr_truncated = True
        else:
            self.stdout_truncated = True
        return True


def _feed(sock: socket.socket, data: bytes) -> None:
    """Write the exec's stdin, then half-close so the runner sees end of input."""
    try:
        view = memoryview(data)
        for start in range(0, len(view), STDIN_CHUNK):
            sock.sendall(view[start : start + STDIN_CHUNK])
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # the program stopped reading or was killed: its stdin no longer matters


def _split_trailer(stderr: bytes, nonce: str) -> tuple[bytes, _Trailer | None]:
    marker = b"\n" + nonce.encode() + b" "
    at = stderr.rfind(marker)
    if at < 0:
        return stderr, None
    fields = stderr[at + len(marker) :].split()
    try:
        numbers = [int(value) for value in fields[:5]]
    except ValueError:
        return stderr, None
    if len(numbers) != 5:
        return stderr, None
    return stderr[:at], _Trailer(*numbers)


def _result_of(outcome: _Exec, limits: Limits) -> ExecutionResult:
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
            stdout=decode(stdout[: limits.output_bytes]),
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


def _compile_result(result: ExecutionResult) -> ExecutionResult:
    return compile_result(result, output=result.stderr)


def _environment(extra: Mapping[str, str]) -> dict[str, str]:
    return {
        "PATH": SANDBOX_PATH,
        "HOME": SANDBOX_WORKDIR,
        "TMPDIR": "/tmp",  # noqa: S108 - inside the sandbox
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        **extra,
    }


def _tar_of(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            info.mtime = int(time.time())
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()
