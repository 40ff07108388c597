"""The bubblewrap backend: Linux namespaces, a per-run cgroup, rlimits and a seccomp filter.

Starting a sandbox, step by step (``_start``, on the warm pool's threads):

1. the server creates the sandbox's cgroup (memory, pids, CPU quota and accounting);
2. it starts ``setpriv`` (becomes the unprivileged sandbox uid/gid, no supplementary groups,
   no capabilities, no_new_privs) exec'ing ``prlimit`` (CPU seconds, file size, open files, no
   core dumps) exec'ing ``bwrap`` with ``--block-fd``: bwrap builds the new
   user/pid/net/ipc/uts/mount/cgroup namespaces, the read-only toolchains, fresh tmpfs
   ``/tmp`` and ``/box``, the seccomp filter and the clean environment, then waits;
3. bwrap reports the sandbox's init pid (``--json-status-fd``); before anything of the
   program has run, the server moves that process into the cgroup, and (for a fresh-tmpfs
   ``/box``) waits until the sandbox's root carries the start's random marker, i.e. every
   mount is in place and bwrap is blocked.

A run (``_execute``): take a started sandbox of the run's *shape* (command, environment,
rlimits, cgroup limits, layout) from the warm pool, where it was started before the request
came; copy the program's files into its ``/box`` (as the sandbox user, through the sandbox's
own root, never following a link), put stdin in place, unblock it, supervise it, kill and
account, destroy it. Every process the program can create is in the cgroup and under the
rlimits from its first instruction, and killing the cgroup's tasks (or bwrap's pid 1) ends the
whole tree, daemons included. A sandbox serves one run; the pool only starts them early.

No shell in between: each exec costs about a millisecond.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import logging
import math
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from codecollab.config import Settings
from codecollab.execution.languages import Language
from codecollab.execution.sandbox import cgroups, etc, seccomp
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
from codecollab.execution.sandbox.process import (
    Tree,
    classify,
    decode,
    split_exit,
    supervise,
)
from codecollab.execution.sandbox.warm import WarmPool

logger = logging.getLogger(__name__)

NOBODY = 65534
PROGRAM_SKIP = (etc.PREFIX, ".")
TOOLS = ("setpriv", "prlimit", "bwrap")
# Top-level paths that are symlinks into /usr on merged-/usr systems, else bound read-only.
ROOT_LINKS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
VERSION_LIMITS = Limits(
    cpu_time_ms=10_000, wall_time_ms=20_000, memory_bytes=1024 * MIB, processes=128
)
PROBE_LIMITS = Limits(cpu_time_ms=2_000, wall_time_ms=10_000, memory_bytes=64 * MIB, processes=8)
POOL_SIZE = 2
"""Sandboxes kept started ahead per shape in use."""
POOL_SHAPES = 8
"""Shapes kept warm at once (the least recently used one goes cold)."""
COPY_LIMIT_BYTES = 16 * MIB
COPY_LIMIT_ENTRIES = 256
"""Programs up to this size are copied into a pre-started sandbox's /box (which grows by
COPY_LIMIT_BYTES for them); bigger ones run in a sandbox started with read-only binds."""
READY_MARKER = ".sandbox-ready"
READY_TIMEOUT_S = 10.0
READY_POLL_S = 0.0005
DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FORK_LOCK = threading.Lock()
"""Held while starting a sandbox (fork to exec) and while a copied file is open for writing."""


@dataclass(slots=True)
class BwrapProgram(Program):
    host_dir: Path | None = None
    box_bytes: int | None = None
    """Size of the work dir when a pre-started sandbox can take a copy of it, else None."""


@dataclass(frozen=True, slots=True)
class _Box:
    """How a program's host dir appears at /box: read-write (compile) or a fresh tmpfs
    holding read-only binds of its entries (runs of programs too big to copy)."""

    host_dir: Path
    writable: bool


@dataclass(frozen=True, slots=True)
class _Shape:
    """Everything fixed when a sandbox starts. ``box`` None: /box is a fresh tmpfs that the
    program's files (if any) are copied into once the sandbox is up."""

    command: tuple[str, ...]
    env: tuple[tuple[str, str], ...]
    limits: Limits
    box: _Box | None


def _start_limits(limits: Limits) -> Limits:
    """The limits fixed at start (rlimits, cgroup, tmpfs sizes); wall time and output are the
    supervisor's, and the CPU rlimit has whole seconds."""
    return replace(limits, cpu_time_ms=_cpu_seconds(limits) * 1000, wall_time_ms=0, output_bytes=0)


def _cpu_seconds(limits: Limits) -> int:
    return max(1, math.ceil(limits.cpu_time_ms / 1000))


class _LoadFailed(Exception):
    """The program's files could not be put into a pre-started sandbox."""


@dataclass(eq=False, slots=True)
class _Started:
    """A started, blocked sandbox: bwrap (``popen``) and its init ``pid`` in ``cgroup``."""

    popen: subprocess.Popen[bytes]
    pidfd: int
    cgroup: cgroups.RunCgroup
    cgroup_name: str
    token: str
    stdin: IO[bytes]
    stdout_fd: int
    stderr_fd: int
    status_fd: int
    block_fd: int
    pid: int | None = None
    ready: bool = False
    _finished: bool = field(default=False)

    def alive(self) -> bool:
        return self.ready and self.popen.poll() is None

    def tree(self) -> Tree:
        return Tree(self.stdout_fd, self.stderr_fd, self.pidfd, self.popen.wait)

    def wait_ready(self) -> bool:
        """Wait until the sandbox's root shows this start's marker: bwrap has mounted
        everything, changed root and is blocked before the program."""
        assert self.pid is not None
        marker = f"/proc/{self.pid}/root/{READY_MARKER}"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            with contextlib.suppress(OSError):
                if os.readlink(marker) == self.token:
                    return True
            if self.popen.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(READY_POLL_S)

    def box_fd(self) -> int:
        """/box of this sandbox, opened through its own root (checked by the marker)."""
        assert self.pid is not None
        root = os.open(f"/proc/{self.pid}/root", os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            if os.readlink(READY_MARKER, dir_fd=root) != self.token:
                raise _LoadFailed("not the sandbox's root")
            return os.open(SANDBOX_WORKDIR.lstrip("/"), DIRECTORY_FLAGS, dir_fd=root)
        finally:
            os.close(root)

    def unblock(self, stdin: bytes) -> None:
        view = memoryview(stdin)
        offset = 0
        while offset < len(view):
            offset += os.pwrite(self.stdin.fileno(), view[offset:], offset)
        os.write(self.block_fd, b"go")

    def kill(self) -> None:
        """SIGKILL the whole tree now, without waiting (safe on the event loop)."""
        cgroups.kill_once(self.cgroup)
        with contextlib.suppress(ProcessLookupError):
            self.popen.kill()

    def finish(self) -> cgroups.Usage:
        """Kill what is left, account, remove the cgroup, close everything (blocking)."""
        try:
            cgroups.kill_all(self.cgroup)
            with contextlib.suppress(ProcessLookupError):
                self.popen.kill()
            self.popen.wait()
            return self.cgroup.usage()
        finally:
            self._release()

    def destroy(self) -> None:
        """Finish a sandbox that never ran (pool eviction, shutdown, a failed start)."""
        try:
            self.finish()
        except OSError:
            logger.warning("could not destroy a pre-started sandbox", exc_info=True)

    def _release(self) -> None:
        if self._finished:
            return
        self._finished = True
        try:
            self.cgroup.remove()
        finally:
            for fd in (self.pidfd, self.stdout_fd, self.stderr_fd, self.status_fd, self.block_fd):
                with contextlib.suppress(OSError):
                    os.close(fd)
            self.stdin.close()


class BwrapSandbox:
    name = "bwrap"

    def __init__(
        self, *, root: Path, uid: int = NOBODY, gid: int = NOBODY, pool_size: int = POOL_SIZE
    ) -> None:
        self._root = root
        self._uid = uid
        self._gid = gid
        self._tools: dict[str, str] = {}
        self._hierarchy: cgroups.Hierarchy | None = None
        self._availability: Availability | None = None
        self._etc = Path("/nonexistent")
        self._pool: WarmPool[_Shape, _Started] = WarmPool(
            self._start, size=pool_size, shapes=POOL_SHAPES
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> BwrapSandbox:
        return cls(root=settings.sandbox_dir)

    # --- the Sandbox protocol ----------------------------------------------------------

    async def probe(self) -> Availability:
        if self._availability is None:
            self._availability = await self._probe()
        return self._availability

    async def version(self, language: Language) -> str | None:
        await self._ensure_available()
        result = await self._execute(
            language.version, box=None, stdin="", limits=VERSION_LIMITS, env=language.env
        )
        if result.status is not Status.OK:
            return None
        return language.parse_version(result.stdout + "\n" + result.stderr)

    async def prepare(self, language: Language, source: str, *, limits: Limits) -> Program:
        program = await self._new_program(language, source=source)
        if language.compile is None:
            size = len(source.encode("utf-8"))
            program.box_bytes = size if size <= COPY_LIMIT_BYTES else None
            return program
        try:
            host_dir = self._host_dir(program)
            result = await self._execute(
                language.compile,
                box=_Box(host_dir, True),
                stdin="",
                limits=limits,
                env=language.env,
            )
            program.box_bytes = await asyncio.to_thread(_copy_size, host_dir)
        except BaseException:
            await self.cleanup(program)
            raise
        program.compile_result = _compile_result(result)
        return program

    async def run(self, program: Program, *, stdin: str, limits: Limits) -> ExecutionResult:
        if program.compile_result is not None and not program.compiled_ok:
            return program.compile_result
        host_dir = self._host_dir(program)
        assert isinstance(program, BwrapProgram)
        language = program.language
        if program.box_bytes is not None:
            try:
                return await self._execute(
                    language.run,
                    box=None,
                    stdin=stdin,
                    limits=limits,
                    env=language.env,
                    files=host_dir,
                    pooled=True,
                )
            except _LoadFailed:
                logger.info("program did not fit a pre-started sandbox; starting one for it")
        return await self._execute(
            language.run, box=_Box(host_dir, False), stdin=stdin, limits=limits, env=language.env
        )

    async def cleanup(self, program: Program) -> None:
        if isinstance(program, BwrapProgram) and program.host_dir is not None:
            host_dir, program.host_dir = program.host_dir, None
            if program.compile_result is None and _remove_source_dir(host_dir, program.language):
                return  # nothing but the source was there: no thread hop for a tree walk
            await asyncio.to_thread(_remove_tree, host_dir)

    def program_dirs(self) -> list[Path]:
        """Work dirs of programs not cleaned up yet."""
        if not self._root.is_dir():
            return []
        return sorted(p for p in self._root.iterdir() if not p.name.startswith(PROGRAM_SKIP))

    async def close(self) -> None:
        """Destroy the pre-started sandboxes."""
        await asyncio.to_thread(self.shutdown)

    def shutdown(self) -> None:
        self._pool.close()

    # --- the warm pool, as tests see it ------------------------------------------------

    def drain(self) -> None:
        """Wait until no sandbox is being started in the background."""
        self._pool.drain()

    def idle_processes(self) -> list[int]:
        """Processes of the sandboxes started ahead and waiting for a run."""
        pids = []
        for started in self._pool.idle():
            pids.append(started.popen.pid)
            if started.pid is not None:
                pids.append(started.pid)
        return pids

    def idle_cgroups(self) -> list[str]:
        """Names of the cgroups of those sandboxes."""
        return [started.cgroup_name for started in self._pool.idle()]

    # --- availability ------------------------------------------------------------------

    async def _probe(self) -> Availability:
        if not sys.platform.startswith("linux"):
            return Availability(False, "bubblewrap needs Linux")
        for tool in TOOLS:
            found = shutil.which(tool)
            if found is None:
                return Availability(False, f"{tool} not found (install bubblewrap and util-linux)")
            self._tools[tool] = found
        try:
            self._hierarchy = cgroups.discover()
            cgroups.sweep_stale(self._hierarchy.parent_dirs)
            seccomp.filter_program()
            self._prepare_root()
        except (cgroups.CgroupUnavailable, seccomp.SeccompUnavailable) as exc:
            return Availability(False, str(exc))
        except OSError as exc:
            return Availability(False, f"sandbox root {self._root}: {exc}")
        result = await self._execute(("true",), box=None, stdin="", limits=PROBE_LIMITS, env={})
        if result.status is not Status.OK:
            return Availability(False, f"bwrap cannot start a sandbox: {result.stderr.strip()}")
        return Availability(True)

    def _prepare_root(self) -> None:
        """The runs' root (traversable, not listable) and the sandbox's /etc."""
        self._root.mkdir(parents=True, exist_ok=True)
        os.chmod(self._root, 0o711)  # noqa: S103 - sandbox uid must reach its own dir
        self._etc = etc.build(self._root, uid=self._uid, gid=self._gid)

    async def _ensure_available(self) -> None:
        if self._hierarchy is None:
            availability = await self.probe()
            if not availability.available:
                raise SandboxError(availability.reason)

    # --- programs ----------------------------------------------------------------------

    async def _new_program(self, language: Language, *, source: str) -> BwrapProgram:
        await self._ensure_available()
        program_id = uuid.uuid4().hex
        host_dir = self._root / program_id
        host_dir.mkdir(mode=0o700)
        os.chown(host_dir, self._uid, self._gid)
        program = BwrapProgram(id=program_id, language=language, host_dir=host_dir)
        _write_new_file(host_dir / language.file, source)
        return program

    @staticmethod
    def _host_dir(program: Program) -> Path:
        if not isinstance(program, BwrapProgram) or program.host_dir is None:
            raise SandboxError("not a prepared bwrap program (or already cleaned up)")
        return program.host_dir

    # --- one sandboxed command ---------------------------------------------------------

    async def _execute(
        self,
        command: tuple[str, ...],
        *,
        box: _Box | None,
        stdin: str,
        limits: Limits,
        env: Mapping[str, str],
        files: Path | None = None,
        pooled: bool = False,
    ) -> ExecutionResult:
        """Run ``command`` in a sandbox of its shape: pre-started when ``pooled``, else started
        now; with ``files`` (a program's host dir) copied into its fresh /box first."""
        shape = _Shape(command, tuple(_environment(env).items()), _start_limits(limits), box)
        started = await (self._pool.take(shape) if pooled else self._pool.start(shape))
        try:
            if started.ready:
                await asyncio.to_thread(self._load, started, files, stdin.encode("utf-8"))
            else:
                started.kill()  # failed or stuck in set-up: collect what it said
            unblocked = time.monotonic()
            outcome = await supervise(started.tree(), limits=limits, kill=started.kill)
            wall_ms = int((time.monotonic() - unblocked) * 1000)
        finally:
            usage = await asyncio.to_thread(started.finish)
            if pooled:
                self._pool.refill(shape)
        if not started.ready:
            return ExecutionResult.internal_error(
                "sandbox failed to start: " + decode(outcome.stderr.data).strip()
            )
        exit_code, signal_number = split_exit(outcome.returncode)
        status = classify(
            exit_code=exit_code,
            signal_number=signal_number,
            killed=outcome.killed,
            usage=usage,
            limits=limits,
        )
        return ExecutionResult(
            status=status,
            stdout=decode(outcome.stdout.data),
            stderr=decode(outcome.stderr.data),
            exit_code=exit_code,
            signal=signal_number,
            time_ms=usage.cpu_ms,
            wall_ms=wall_ms,
            memory_kb=usage.peak_memory_bytes // 1024,
            truncated=outcome.stdout.truncated or outcome.stderr.truncated,
        )

    def _load(self, started: _Started, files: Path | None, stdin: bytes) -> None:
        """Copy the program into the sandbox's /box, put stdin in place and let it go."""
        if files is not None:
            try:
                box = started.box_fd()
                try:
                    source = os.open(files, DIRECTORY_FLAGS)
                    try:
                        with _filesystem_identity(self._uid, self._gid):
                            _copy_tree(source, box)
                    finally:
                        os.close(source)
                finally:
                    os.close(box)
            except OSError as exc:
                raise _LoadFailed(str(exc)) from exc
        started.unblock(stdin)

    # --- starting a sandbox (on the pool's threads) ------------------------------------

    def _start(self, shape: _Shape) -> _Started:
        """Start a sandbox of ``shape`` and leave it blocked before its command."""
        assert self._hierarchy is not None
        name = cgroups.run_name()
        cgroup = self._hierarchy.create(name, shape.limits)
        # unlinked, mode 0600: the sandbox gets a read-only fd; closed by _Started._release
        stdin = tempfile.TemporaryFile()  # noqa: SIM115
        child_side: list[int] = []
        parent_side: list[int] = []
        try:
            status_read, status_write = _pipe(parent_side, child_side)
            block_read, block_write = _pipe(child_side, parent_side)
            out_read, out_write = _pipe(parent_side, child_side)
            err_read, err_write = _pipe(parent_side, child_side)
            child_stdin = os.open(f"/proc/self/fd/{stdin.fileno()}", os.O_RDONLY | os.O_CLOEXEC)
            child_side.append(child_stdin)
            filter_fd = seccomp.filter_fd()
            child_side.append(filter_fd)
            token = uuid.uuid4().hex
            argv = self._argv(shape, filter_fd, status_write, block_read, token)
            with _FORK_LOCK:  # returns once the child has exec'd (dropping inherited fds)
                popen = subprocess.Popen(  # noqa: S603 - our own argv
                    argv,
                    stdin=child_stdin,
                    stdout=out_write,
                    stderr=err_write,
                    pass_fds=(filter_fd, status_write, block_read),
                    env={"PATH": SANDBOX_PATH},
                    start_new_session=True,
                )
            try:
                pidfd = os.pidfd_open(popen.pid)
            except OSError:
                popen.kill()
                popen.wait()
                raise
        except BaseException:
            for fd in child_side + parent_side:
                os.close(fd)
            stdin.close()
            cgroup.remove()
            raise
        for fd in child_side:
            os.close(fd)
        started = _Started(
            popen, pidfd, cgroup, name, token, stdin, out_read, err_read, status_read, block_write
        )
        started.pid = _sandbox_pid(status_read)
        if started.pid is not None:
            try:
                _confine(started.pid, cgroup)
            except (ProcessLookupError, OSError):  # bwrap failed during set-up
                started.pid = None
        if started.pid is not None:
            started.ready = shape.box is not None or started.wait_ready()
        return started

    def _argv(
        self, shape: _Shape, filter_fd: int, status_fd: int, block_fd: int, token: str
    ) -> list[str]:
        limits = shape.limits
        cpu_s = _cpu_seconds(limits)
        return [
            *self._drop_privileges(),
            self._tools["prlimit"],  # rlimits are set by the sandbox user on itself: setting
            f"--cpu={cpu_s}:{cpu_s + 1}",  # them on another uid's process needs
            f"--fsize={limits.file_size_bytes}",  # CAP_SYS_RESOURCE, which containers
            f"--nofile={limits.open_files}",  # often drop
            "--core=0",
            "--",
            self._tools["bwrap"],
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
            self._tools["setpriv"],
            f"--reuid={self._uid}",
            f"--regid={self._gid}",
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--no-new-privs",
            "--",
        ]

    def _bwrap_args(self, shape: _Shape, token: str) -> list[str]:
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
        args += ["--ro-bind", str(self._etc), "/etc"]
        args += ["--proc", "/proc", "--dev", "/dev"]
        args += ["--size", str(limits.file_size_bytes), "--tmpfs", "/tmp"]  # noqa: S108 - inside the sandbox
        args += _box_args(shape.box, limits)
        args += ["--symlink", token, f"/{READY_MARKER}"]
        args += ["--remount-ro", "/", "--chdir", SANDBOX_WORKDIR, "--clearenv"]
        for key, value in shape.env:
            args += ["--setenv", key, value]
        return args


def _environment(extra: Mapping[str, str]) -> dict[str, str]:
    return {
        "PATH": SANDBOX_PATH,
        "HOME": SANDBOX_WORKDIR,
        "TMPDIR": "/tmp",  # noqa: S108 - inside the sandbox
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        **extra,
    }


def _root_links() -> list[str]:
    args = []
    for name in ROOT_LINKS:
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), f"/{name}"]
        elif path.is_dir():
            args += ["--ro-bind", str(path), f"/{name}"]
    return args


def _box_args(box: _Box | None, limits: Limits) -> list[str]:
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


def _compile_result(result: ExecutionResult) -> ExecutionResult:
    return compile_result(
        result, output="\n".join(part for part in (result.stdout, result.stderr) if part)
    )


def _sandbox_pid(status_fd: int) -> int | None:
    """The sandbox's init pid as bwrap reports it, or None if bwrap failed before (EOF)."""
    text = ""
    decoder = json.JSONDecoder()
    while chunk := os.read(status_fd, 4096):
        text += chunk.decode(errors="replace")
        position = 0
        while (start := text.find("{", position)) >= 0:
            try:
                document, position = decoder.raw_decode(text, start)
            except json.JSONDecodeError:
                break  # a document cut in two: read on
            if isinstance(document, dict) and isinstance(document.get("child-pid"), int):
                pid: int = document["child-pid"]
                return pid
    return None


def _confine(pid: int, cgroup: cgroups.RunCgroup) -> None:
    """Put the (still blocked) sandbox into the run's cgroup."""
    for procs in cgroup.procs_files:
        procs.write_text(str(pid))


def _write_new_file(path: Path, text: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


def _remove_source_dir(host_dir: Path, language: Language) -> bool:
    """Remove a program dir holding just its source file (unlink never follows a link);
    False if anything else is in it."""
    try:
        (host_dir / language.file).unlink()
        host_dir.rmdir()
    except OSError:
        return False
    return True


def _remove_tree(path: Path) -> None:
    """Remove a program dir without following any link planted in it."""
    assert shutil.rmtree.avoids_symlink_attacks
    shutil.rmtree(path, ignore_errors=True)


def _pipe(read_side: list[int], write_side: list[int]) -> tuple[int, int]:
    read, write = os.pipe()
    read_side.append(read)
    write_side.append(write)
    return read, write


def _copy_size(path: Path) -> int | None:
    """The bytes a copy of the program dir takes, or None past the copy limits (links are
    counted, never followed)."""
    total, count = 0, 0
    pending = [path]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                count += 1
                if count > COPY_LIMIT_ENTRIES:
                    return None
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
    return total if total <= COPY_LIMIT_BYTES else None


def _copy_tree(source: int, target: int) -> None:
    """Copy the directory open at ``source`` into the one open at ``target``: regular files
    (never writable by others), directories and symlinks (recreated, never followed); nothing
    else. Every name is opened relative to its parent with O_NOFOLLOW."""
    for entry in os.scandir(source):
        name = entry.name
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            os.symlink(os.readlink(name, dir_fd=source), name, dir_fd=target)
        elif stat.S_ISDIR(info.st_mode):
            os.mkdir(name, 0o755, dir_fd=target)
            inner_source = os.open(name, DIRECTORY_FLAGS, dir_fd=source)
            try:
                inner_target = os.open(name, DIRECTORY_FLAGS, dir_fd=target)
                try:
                    _copy_tree(inner_source, inner_target)
                finally:
                    os.close(inner_target)
            finally:
                os.close(inner_source)
        elif stat.S_ISREG(info.st_mode):
            _copy_file(name, source, target, info.st_mode & 0o755)


def _copy_file(name: str, source: int, target: int, mode: int) -> None:
    """Copy one file; under _FORK_LOCK, so no child forked meanwhile inherits the writable fd
    (exec'ing a file anyone holds open for writing fails with ETXTBSY)."""
    reader = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=source)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        with _FORK_LOCK:
            writer = os.open(name, flags, mode, dir_fd=target)
            try:
                while os.sendfile(writer, reader, None, 1 << 30) > 0:
                    pass
            finally:
                os.close(writer)
    finally:
        os.close(reader)


_libc = ctypes.CDLL(None, use_errno=True)


@contextlib.contextmanager
def _filesystem_identity(uid: int, gid: int) -> Iterator[None]:
    """Make this thread create and open files as ``uid``/``gid`` (setfsuid/setfsgid are per
    thread): a sandbox's tmpfs belongs to its user namespace, where only the sandbox user is
    mapped, and the copy should have no more rights than the sandbox user anyway."""
    if os.geteuid() != 0:
        yield
        return
    _libc.setfsgid(gid)
    _libc.setfsuid(uid)
    try:
        if _libc.setfsuid(-1) != uid or _libc.setfsgid(-1) != gid:
            raise OSError("could not switch to the sandbox user's file system identity")
        yield
    finally:
        _libc.setfsuid(0)
        _libc.setfsgid(0)
