"""The bubblewrap backend: Linux namespaces, a per-run cgroup, rlimits and a seccomp filter.

One run, step by step:

1. the server creates the run's cgroup (memory, pids, CPU quota and accounting);
2. it starts ``setpriv`` (becomes the unprivileged sandbox uid/gid, no supplementary groups,
   no capabilities, no_new_privs) exec'ing ``prlimit`` (CPU seconds, file size, open files, no
   core dumps) exec'ing ``bwrap`` with ``--block-fd``: bwrap builds the new
   user/pid/net/ipc/uts/mount/cgroup namespaces, the read-only toolchains, fresh tmpfs
   ``/tmp`` and ``/box``, the seccomp filter and the clean environment, then waits;
3. bwrap reports the sandbox's init pid (``--json-status-fd``); before anything of the
   program has run, the server moves that process into the run's cgroup;
4. the server unblocks it and the language's command starts, so every process the program
   can create is in the cgroup and under the rlimits from its first instruction, and killing
   the cgroup's tasks (or bwrap's pid 1) ends the whole tree, daemons included.

No shell in between: each exec costs about a millisecond.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
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
    classify,
    decode,
    split_exit,
    supervise,
)

NOBODY = 65534
PROGRAM_SKIP = (etc.PREFIX, ".")
TOOLS = ("setpriv", "prlimit", "bwrap")
# Top-level paths that are symlinks into /usr on merged-/usr systems, else bound read-only.
ROOT_LINKS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
VERSION_LIMITS = Limits(
    cpu_time_ms=10_000, wall_time_ms=20_000, memory_bytes=1024 * MIB, processes=128
)
PROBE_LIMITS = Limits(cpu_time_ms=2_000, wall_time_ms=10_000, memory_bytes=64 * MIB, processes=8)


@dataclass(slots=True)
class BwrapProgram(Program):
    host_dir: Path | None = None


@dataclass(frozen=True, slots=True)
class _Box:
    """How the program's host dir appears at /box: read-write (compile) or a fresh tmpfs
    holding read-only binds of its entries (run), so runs never change the compiled program."""

    host_dir: Path
    writable: bool


class BwrapSandbox:
    name = "bwrap"

    def __init__(self, *, root: Path, uid: int = NOBODY, gid: int = NOBODY) -> None:
        self._root = root
        self._uid = uid
        self._gid = gid
        self._tools: dict[str, str] = {}
        self._hierarchy: cgroups.Hierarchy | None = None
        self._availability: Availability | None = None
        self._etc = Path("/nonexistent")

    @classmethod
    def from_settings(cls, settings: Settings) -> BwrapSandbox:
        return cls(root=settings.sandbox_dir)

    # --- the Sandbox protocol ----------------------------------------------------------

    async def probe(self) -> Availability:
        if self._availability is None:
            self._availability = await self._probe()
        return self._availability

    async def version(self, language: Language) -> str | None:
        program = await self._new_program(language, source="")
        try:
            result = await self._execute(
                language.version,
                box=_Box(self._host_dir(program), False),
                stdin="",
                limits=VERSION_LIMITS,
                env=language.env,
            )
        finally:
            await self.cleanup(program)
        if result.status is not Status.OK:
            return None
        return language.parse_version(result.stdout + "\n" + result.stderr)

    async def prepare(self, language: Language, source: str, *, limits: Limits) -> Program:
        program = await self._new_program(language, source=source)
        if language.compile is None:
            return program
        try:
            result = await self._execute(
                language.compile,
                box=_Box(self._host_dir(program), True),
                stdin="",
                limits=limits,
                env=language.env,
            )
        except BaseException:
            await self.cleanup(program)
            raise
        program.compile_result = _compile_result(result)
        return program

    async def run(self, program: Program, *, stdin: str, limits: Limits) -> ExecutionResult:
        if program.compile_result is not None and not program.compiled_ok:
            return program.compile_result
        return await self._execute(
            program.language.run,
            box=_Box(self._host_dir(program), False),
            stdin=stdin,
            limits=limits,
            env=program.language.env,
        )

    async def cleanup(self, program: Program) -> None:
        if isinstance(program, BwrapProgram) and program.host_dir is not None:
            host_dir, program.host_dir = program.host_dir, None
            await asyncio.to_thread(_remove_tree, host_dir)

    def program_dirs(self) -> list[Path]:
        """Work dirs of programs not cleaned up yet."""
        if not self._root.is_dir():
            return []
        return sorted(p for p in self._root.iterdir() if not p.name.startswith(PROGRAM_SKIP))

    async def close(self) -> None:
        """Nothing is held between programs."""

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

    # --- programs ----------------------------------------------------------------------

    async def _new_program(self, language: Language, *, source: str) -> BwrapProgram:
        if self._hierarchy is None:
            availability = await self.probe()
            if not availability.available:
                raise SandboxError(availability.reason)
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
    ) -> ExecutionResult:
        assert self._hierarchy is not None
        cgroup = self._hierarchy.create(cgroups.run_name(), limits)
        status_read, status_write = os.pipe()
        block_read, block_write = os.pipe()
        filter_fd = seccomp.filter_fd()
        fds = [status_read, status_write, block_read, block_write, filter_fd]
        try:
            argv = self._argv(command, box, limits, env, filter_fd, status_write, block_read)
            with _stdin_file(stdin) as stdin_file:
                started = time.monotonic()
                process = await asyncio.create_subprocess_exec(
                    *argv,
                    stdin=stdin_file,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.PIPE,
                    pass_fds=(filter_fd, status_write, block_read),
                    env={"PATH": SANDBOX_PATH},
                    start_new_session=True,
                )
            for fd in (status_write, block_read, filter_fd):
                os.close(fd)
                fds.remove(fd)
            sandbox_pid = await asyncio.to_thread(_sandbox_pid, status_read)
            if sandbox_pid is not None:
                try:
                    _confine(sandbox_pid, cgroup)
                    os.write(block_write, b"go")
                except (ProcessLookupError, BrokenPipeError):  # bwrap failed during set-up
                    sandbox_pid = None

            def kill() -> None:
                cgroups.kill_once(cgroup)
                with contextlib.suppress(ProcessLookupError):
                    process.kill()

            outcome = await supervise(process, limits=limits, kill=kill)
            wall_ms = int((time.monotonic() - started) * 1000)
            await asyncio.to_thread(cgroups.kill_all, cgroup)
            usage = cgroup.usage()
        finally:
            for fd in fds:
                os.close(fd)
            await asyncio.to_thread(cgroup.remove)
        if sandbox_pid is None:
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

    def _argv(
        self,
        command: tuple[str, ...],
        box: _Box | None,
        limits: Limits,
        env: Mapping[str, str],
        filter_fd: int,
        status_fd: int,
        block_fd: int,
    ) -> list[str]:
        cpu_s = max(1, math.ceil(limits.cpu_time_ms / 1000))
        return [
            *self._drop_privileges(),
            self._tools["prlimit"],  # rlimits are set by the sandbox user on itself: setting
            f"--cpu={cpu_s}:{cpu_s + 1}",  # them on another uid's process needs
            f"--fsize={limits.file_size_bytes}",  # CAP_SYS_RESOURCE, which containers
            f"--nofile={limits.open_files}",  # often drop
            "--core=0",
            "--",
            self._tools["bwrap"],
            *self._bwrap_args(box, limits, env),
            "--seccomp", str(filter_fd),
            "--json-status-fd", str(status_fd),
            "--block-fd", str(block_fd),
            "--",
            *command,
        ]  # fmt: skip

    def _drop_privileges(self) -> list[str]:
        """Become the sandbox user (when the server is root): setpriv rather than Popen's
        user/group arguments, which uvloop does not support."""
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

    def _bwrap_args(self, box: _Box | None, limits: Limits, env: Mapping[str, str]) -> list[str]:
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
        args += _box_args(box, limits)
        args += ["--remount-ro", "/", "--chdir", SANDBOX_WORKDIR, "--clearenv"]
        for key, value in _environment(env).items():
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
    if box is None:
        return ["--size", str(limits.file_size_bytes), "--tmpfs", SANDBOX_WORKDIR]
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


@contextlib.contextmanager
def _stdin_file(stdin: str) -> Iterator[IO[bytes]]:
    """Stdin as an unlinked temporary file: no pipe to feed, nothing on disk to find."""
    with tempfile.TemporaryFile() as file:
        file.write(stdin.encode("utf-8"))
        file.seek(0)
        yield file


def _write_new_file(path: Path, text: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


def _remove_tree(path: Path) -> None:
    """Remove a program dir without following any link planted in it."""
    assert shutil.rmtree.avoids_symlink_attacks
    shutil.rmtree(path, ignore_errors=True)
