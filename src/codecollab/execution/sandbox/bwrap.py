"""The bubblewrap backend: Linux namespaces, a per-run cgroup, rlimits and a seccomp filter.

Starting a sandbox, step by step (``_start``, on the warm pool's threads):

1. the server creates the sandbox's cgroup (memory, pids, CPU quota and accounting);
2. it starts ``setpriv`` (becomes the unprivileged sandbox uid/gid, no supplementary groups,
   no capabilities, no_new_privs) exec'ing ``prlimit`` (CPU seconds, file size, open files,
   stack, no core dumps) exec'ing ``bwrap`` with ``--block-fd``: bwrap builds the new
   user/pid/net/ipc/uts/mount/cgroup namespaces, the read-only toolchains, fresh tmpfs
   ``/tmp`` and ``/box``, the seccomp filter and the clean environment, then waits
   (the command line: ``bwrap_argv.py``);
3. bwrap reports the sandbox's init pid (``--json-status-fd``); before anything of the
   program has run, the server moves that process into the cgroup, and (for a fresh-tmpfs
   ``/box``) waits until the sandbox's root carries the start's random marker, i.e. every
   mount is in place and bwrap is blocked (``bwrap_started.py``).

A run (``_execute``): take a started sandbox of the run's *shape* (command, environment,
rlimits, cgroup limits, layout) from the warm pool, where it was started before the request
came; copy the program's files into its ``/box`` (as the sandbox user, through the sandbox's
own root, never following a link: ``bwrap_files.py``), put stdin in place, unblock it,
supervise it, kill and account, destroy it. Every process the program can create is in the
cgroup and under the rlimits from its first instruction, and killing the cgroup's tasks (or
bwrap's pid 1) ends the whole tree, daemons included. A sandbox serves one run; the pool only
starts them early.

No shell in between: each exec costs about a millisecond.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from codecollab.config import Settings
from codecollab.execution.languages import Language
from codecollab.execution.program_files import ProgramFilesError, check_names
from codecollab.execution.sandbox import cgroups, etc, seccomp
from codecollab.execution.sandbox.base import (
    MIB,
    Availability,
    ExecutionResult,
    Limits,
    Program,
    SandboxError,
    SourceFile,
    Status,
    compile_result,
    sandbox_environment,
)
from codecollab.execution.sandbox.bwrap_argv import Box, CommandLine, Shape, start_limits
from codecollab.execution.sandbox.bwrap_files import (
    COPY_LIMIT_BYTES,
    COPY_LIMIT_ENTRIES,
    DIRECTORY_FLAGS,
    copy_size,
    copy_tree,
    filesystem_identity,
    remove_source_dir,
    remove_tree,
    write_new_file,
)
from codecollab.execution.sandbox.bwrap_started import LoadFailed, StartedSandbox, start_sandbox
from codecollab.execution.sandbox.process import classify, decode, split_exit, supervise
from codecollab.execution.sandbox.warm import WarmPool

logger = logging.getLogger(__name__)

NOBODY = 65534
PROGRAM_SKIP = (etc.PREFIX, ".")
TOOLS = ("setpriv", "prlimit", "bwrap")
VERSION_LIMITS = Limits(
    cpu_time_ms=10_000, wall_time_ms=20_000, memory_bytes=1024 * MIB, processes=128
)
PROBE_LIMITS = Limits(cpu_time_ms=2_000, wall_time_ms=10_000, memory_bytes=64 * MIB, processes=8)
POOL_SIZE = 2
"""Sandboxes kept started ahead per shape in use."""
POOL_SHAPES = 8
"""Shapes kept warm at once (the least recently used one goes cold)."""


@dataclass(slots=True)
class BwrapProgram(Program):
    host_dir: Path | None = None
    box_bytes: int | None = None
    """Size of the work dir when a pre-started sandbox can take a copy of it, else None."""


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
        self._pool: WarmPool[Shape, StartedSandbox] = WarmPool(
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

    async def prepare(
        self,
        language: Language,
        source: str,
        *,
        limits: Limits,
        extra_files: Sequence[SourceFile] = (),
        compiler_options: Sequence[str] = (),
    ) -> Program:
        language = language.for_source(source)
        program = await self._new_program(language, source=source, extra_files=extra_files)
        if language.compile is None:
            size = sum(len(text.encode("utf-8")) for text in (source, *_contents(extra_files)))
            fits = size <= COPY_LIMIT_BYTES and len(extra_files) < COPY_LIMIT_ENTRIES
            program.box_bytes = size if fits else None
            return program
        try:
            host_dir = self._host_dir(program)
            names = [file.name for file in extra_files]
            result = await self._execute(
                language.compile_command(names, compiler_options),
                box=Box(host_dir, True),
                stdin="",
                limits=limits,
                env=language.env,
            )
            program.box_bytes = await asyncio.to_thread(copy_size, host_dir)
        except BaseException:
            await self.cleanup(program)
            raise
        program.compile_result = _compile_result(result)
        return program

    async def run(
        self,
        program: Program,
        *,
        stdin: str,
        limits: Limits,
        args: Sequence[str] = (),
        redirect_stderr: bool = False,
    ) -> ExecutionResult:
        if program.compile_result is not None and not program.compiled_ok:
            return program.compile_result
        host_dir = self._host_dir(program)
        assert isinstance(program, BwrapProgram)
        language = program.language
        command = language.run_command(args, limits)
        if program.box_bytes is not None:
            try:
                return await self._execute(
                    command,
                    box=None,
                    stdin=stdin,
                    limits=limits,
                    env=language.env,
                    files=host_dir,
                    redirect_stderr=redirect_stderr,
                    # arguments are part of a sandbox's shape: a run with its own is started
                    # now rather than kept warm for a repeat that will hardly come
                    pooled=not args,
                )
            except LoadFailed:
                logger.info("program did not fit a pre-started sandbox; starting one for it")
        return await self._execute(
            command,
            box=Box(host_dir, False),
            stdin=stdin,
            limits=limits,
            env=language.env,
            redirect_stderr=redirect_stderr,
        )

    async def cleanup(self, program: Program) -> None:
        if isinstance(program, BwrapProgram) and program.host_dir is not None:
            host_dir, program.host_dir = program.host_dir, None
            if program.compile_result is None and remove_source_dir(host_dir, program.language):
                return  # nothing but the source was there: no thread hop for a tree walk
            await asyncio.to_thread(remove_tree, host_dir)

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

    def _command_line(self) -> CommandLine:
        return CommandLine(self._tools, self._uid, self._gid, self._etc)

    async def _ensure_available(self) -> None:
        if self._hierarchy is None:
            availability = await self.probe()
            if not availability.available:
                raise SandboxError(availability.reason)

    # --- programs ----------------------------------------------------------------------

    async def _new_program(
        self, language: Language, *, source: str, extra_files: Sequence[SourceFile]
    ) -> BwrapProgram:
        await self._ensure_available()
        try:
            check_names(language.file, [file.name for file in extra_files])
        except ProgramFilesError as exc:
            raise SandboxError(f"refused program files: {exc}") from exc
        program_id = uuid.uuid4().hex
        host_dir = self._root / program_id
        host_dir.mkdir(mode=0o700)
        os.chown(host_dir, self._uid, self._gid)
        program = BwrapProgram(id=program_id, language=language, host_dir=host_dir)
        write_new_file(host_dir / language.file, source)
        for file in extra_files:
            self._write_extra_file(host_dir, file)
        return program

    def _write_extra_file(self, host_dir: Path, file: SourceFile) -> None:
        """Write one checked file (a directory it is in is made the sandbox user's, so a
        compiler can write beside it); nothing but the server has touched ``host_dir`` yet."""
        directory, _, _ = file.name.rpartition("/")
        if directory and not (host_dir / directory).is_dir():
            (host_dir / directory).mkdir(mode=0o755)
            os.chown(host_dir / directory, self._uid, self._gid)
        write_new_file(host_dir / file.name, file.content)

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
        box: Box | None,
        stdin: str,
        limits: Limits,
        env: Mapping[str, str],
        files: Path | None = None,
        pooled: bool = False,
        redirect_stderr: bool = False,
    ) -> ExecutionResult:
        """Run ``command`` in a sandbox of its shape: pre-started when ``pooled``, else started
        now; with ``files`` (a program's host dir) copied into its fresh /box first; with
        ``redirect_stderr`` its stdout and stderr are one pipe."""
        shape = Shape(
            command,
            tuple(sandbox_environment(env).items()),
            start_limits(limits),
            box,
            merged_output=redirect_stderr,
        )
        started = await (self._pool.take(shape) if pooled else self._pool.start(shape))
        try:
            if started.ready:
                await asyncio.to_thread(self._load, started, files, stdin.encode("utf-8"))
            else:
                started.kill()  # failed or stuck in set-up: collect what it said
            unblocked = time.monotonic()
            outcome = await supervise(
                started.tree(), limits=limits, kill=started.kill, cpu_ms=started.cgroup.cpu_ms
            )
            wall_ms = int((time.monotonic() - unblocked) * 1000)
        finally:
            usage = await asyncio.to_thread(started.finish)
            if pooled:
                self._pool.refill(shape)
        if not started.ready:
            said = outcome.stdout.data if redirect_stderr else outcome.stderr.data
            return ExecutionResult.internal_error(
                "sandbox failed to start: " + decode(said).strip()
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

    def _load(self, started: StartedSandbox, files: Path | None, stdin: bytes) -> None:
        """Copy the program into the sandbox's /box, put stdin in place and let it go."""
        if files is not None:
            try:
                box = started.box_fd()
                try:
                    source = os.open(files, DIRECTORY_FLAGS)
                    try:
                        with filesystem_identity(self._uid, self._gid):
                            copy_tree(source, box)
                    finally:
                        os.close(source)
                finally:
                    os.close(box)
            except OSError as exc:
                raise LoadFailed(str(exc)) from exc
        started.unblock(stdin)

    def _start(self, shape: Shape) -> StartedSandbox:
        """Start a sandbox of ``shape`` (on the pool's threads)."""
        assert self._hierarchy is not None
        return start_sandbox(shape, self._hierarchy, self._command_line())


def _contents(files: Sequence[SourceFile]) -> Iterator[str]:
    return (file.content for file in files)


def _compile_result(result: ExecutionResult) -> ExecutionResult:
    return compile_result(
        result, output="\n".join(part for part in (result.stdout, result.stderr) if part)
    )
