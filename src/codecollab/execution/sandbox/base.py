"""The sandbox contract every backend (bubblewrap, Docker) implements, and its data types.

A backend runs untrusted programs. The judge compiles once and runs many times, so the
protocol has three steps around one opaque handle:

1. ``prepare(language, source, limits=compile_limits, extra_files=..., compiler_options=...)``
   takes the language with the names from the source filled in
   (``language.for_source(source)``, kept as ``program.language``), creates a fresh, private
   work dir (seen by the program as ``SANDBOX_WORKDIR``), writes
   ``source`` (the entry point) to ``language.file`` in it and each of ``extra_files`` beside
   it under its own relative name (names are checked by ``program_files.check_names``), and,
   when the language has a ``compile`` command, runs
   ``language.compile_command(names, compiler_options)`` *inside the sandbox* under
   ``limits``. It returns a ``Program``. ``program.compile_result`` is ``None`` for
   interpreted languages, else the compile step's ``ExecutionResult`` (``status`` is ``ok`` or
   ``compilation_error`` -- a compiler killed by a limit is also a ``compilation_error``, its
   output explaining why; ``internal_error`` when the sandbox itself failed). The compiler's
   stdout and stderr go together into ``compile_output``; ``stdout``/``stderr`` stay empty.
   ``prepare`` never raises for a bad program; it raises ``SandboxError`` only when the
   backend itself cannot work.
2. ``run(program, stdin=..., limits=..., args=..., redirect_stderr=...)`` runs
   ``language.run_command(args, limits)`` (``run`` with the limits filled in, then ``args``,
   the program's command-line arguments) in that work dir with the given stdin and returns an
   ``ExecutionResult``. With ``redirect_stderr`` the program's fd 1 and fd 2 are one pipe:
   everything it writes to either is ``stdout``, in the order written, and ``stderr`` is empty.
   It may be called many times; each run sees the work dir as left by the compile step (a
   backend may restore it between runs).
   Calling ``run`` on a program whose compile failed returns its compile result.
3. ``cleanup(program)`` kills anything left and removes every trace of the program (work
   dir, cgroups, containers). It is idempotent and never follows a symlink planted by the
   program (delete with ``shutil.rmtree``, which does not follow links, or inside the sandbox).

Every language command runs with cwd ``SANDBOX_WORKDIR``, a clean environment (``PATH``,
``HOME=SANDBOX_WORKDIR``, ``LANG=C.UTF-8`` plus ``language.env``), no network, as an
unprivileged user, under every field of ``Limits``.

Status classification is the backend's own accounting, never guessed from output:
- ``memory_limit_exceeded``: the memory cgroup's OOM killer fired (v1 ``memory.failcnt`` /
  ``memory.oom_control`` ``oom_kill``; v2 ``memory.events`` ``oom_kill``), or for Docker an
  exit 137 with the memory limit set (``OOMKilled`` stays false under cgroup v1).
- ``time_limit_exceeded``: the whole tree's CPU time (its cgroup's) reached the limit -- the
  backend kills the tree there, not only each process at its own rlimit -- or the CPU rlimit
  fired (SIGXCPU), or the wall timer killed the run.
- ``output_limit_exceeded``: stdout or stderr went past ``Limits.output_bytes`` (the output is
  truncated to the cap, at the last complete UTF-8 character, and ``truncated`` set) or a
  write hit the file size limit (SIGXFSZ).
- ``runtime_error``: non-zero exit or killed by a signal (``signal`` set) for any other reason.
- ``ok``: exit code 0 within all limits.
Output is decoded as UTF-8 with replacement; it is never buffered past the cap.

``close()`` releases what the backend holds across programs (warm containers, clients); the
service calls it at shutdown. Each backend class also has ``from_settings(settings)``, which
service.py uses to build it (``SANDBOX_BACKEND`` picks which; ``auto`` tries docker, then bwrap).

``probe()`` says whether the backend can run anything at all here and, if not, why (one line
for the operator). ``version(language)`` runs the language's version command in the sandbox
and returns the version string, or ``None`` if the toolchain is missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from pydantic import ConfigDict, with_config

if TYPE_CHECKING:
    from codecollab.execution.languages import Language

SANDBOX_WORKDIR = "/box"
"""Where the program's work dir appears inside every sandbox (its cwd and HOME)."""

SANDBOX_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

MIB = 1024 * 1024
DEFAULT_STACK_BYTES = 64 * MIB
"""As Judge0's default: deep recursion (a DFS at depth 10^6) must not need a rewrite."""


def sandbox_environment(extra: Mapping[str, str]) -> dict[str, str]:
    """The whole environment of every command in every backend: the clean base, then
    ``extra`` (the language's ``env``)."""
    return {
        "PATH": SANDBOX_PATH,
        "HOME": SANDBOX_WORKDIR,
        "TMPDIR": "/tmp",  # noqa: S108 - inside the sandbox
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        **extra,
    }


class Status(StrEnum):
    OK = "ok"
    RUNTIME_ERROR = "runtime_error"
    TIME_LIMIT_EXCEEDED = "time_limit_exceeded"
    MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
    OUTPUT_LIMIT_EXCEEDED = "output_limit_exceeded"
    COMPILATION_ERROR = "compilation_error"
    INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file of a program besides its entry point: a relative name (at most one directory
    deep, see program_files.py) and its text."""

    name: str
    content: str


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for one sandboxed process tree."""

    cpu_time_ms: int = 2_000
    wall_time_ms: int = 5_000
    memory_bytes: int = 256 * MIB
    processes: int = 64
    """Tasks (processes and threads) alive at once in the run."""
    output_bytes: int = 64 * 1024
    """Cap on each of stdout and stderr; the rest is discarded and ``truncated`` set."""
    file_size_bytes: int = 16 * MIB
    """Largest file the program may write (RLIMIT_FSIZE)."""
    open_files: int = 256
    cpus: float = 1.0
    stack_bytes: int = DEFAULT_STACK_BYTES
    """The main thread's stack (RLIMIT_STACK, soft and hard; threads default to it too)."""

    def with_(self, **changes: int | float) -> Limits:
        return replace(self, **changes)  # type: ignore[arg-type]


COMPILE_LIMITS = Limits(
    cpu_time_ms=30_000,
    wall_time_ms=60_000,
    memory_bytes=1024 * MIB,
    processes=256,
    output_bytes=64 * 1024,
    file_size_bytes=256 * MIB,
    open_files=1024,
    cpus=2.0,
)
"""Compilers (javac, rustc, go) need far more than a program's run limits."""


@with_config(ConfigDict(extra="ignore"))  # read inside event payloads: extra keys are let be
@dataclass(frozen=True, slots=True)
class ExecutionResult:
    """The outcome of one compile or run, as the contract's execution result: the one type
    for it. The API's response body (execution/schemas.py) and the ``run.finished`` event's
    ``result`` (timeline/types.py) are derived from it."""

    status: Status
    stdout: str = ""
    stderr: str = ""
    compile_output: str = ""
    exit_code: int | None = None
    signal: int | None = None
    time_ms: int = 0
    """CPU time (user + system) of the whole process tree."""
    wall_ms: int = 0
    memory_kb: int = 0
    """Peak memory of the whole process tree."""
    truncated: bool = False

    @classmethod
    def internal_error(cls, message: str) -> ExecutionResult:
        return cls(status=Status.INTERNAL_ERROR, stderr=message)


@dataclass(frozen=True, slots=True)
class Availability:
    available: bool
    reason: str = ""
    """Why the backend cannot run code here (empty when it can)."""


@dataclass(slots=True)
class Program:
    """A prepared (written and, if needed, compiled) program; backends subclass it."""

    id: str
    language: Language
    compile_result: ExecutionResult | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def compiled_ok(self) -> bool:
        return self.compile_result is None or self.compile_result.status is Status.OK


class SandboxError(Exception):
    """The backend itself failed (not the user's program)."""


class Sandbox(Protocol):
    """One way of running untrusted programs in isolation; see the module docstring."""

    name: str

    async def probe(self) -> Availability: ...

    async def version(self, language: Language) -> str | None: ...

    async def prepare(
        self,
        language: Language,
        source: str,
        *,
        limits: Limits,
        extra_files: Sequence[SourceFile] = (),
        compiler_options: Sequence[str] = (),
    ) -> Program: ...

    async def run(
        self,
        program: Program,
        *,
        stdin: str,
        limits: Limits,
        args: Sequence[str] = (),
        redirect_stderr: bool = False,
    ) -> ExecutionResult: ...

    async def cleanup(self, program: Program) -> None: ...

    async def close(self) -> None: ...


async def execute(
    sandbox: Sandbox,
    language: Language,
    source: str,
    *,
    stdin: str = "",
    limits: Limits,
    compile_limits: Limits = COMPILE_LIMITS,
    extra_files: Sequence[SourceFile] = (),
    compiler_options: Sequence[str] = (),
    args: Sequence[str] = (),
    redirect_stderr: bool = False,
) -> ExecutionResult:
    """Prepare, run once and clean up: the result carries the compile output, if any."""
    program = await sandbox.prepare(
        language,
        source,
        limits=compile_limits,
        extra_files=extra_files,
        compiler_options=compiler_options,
    )
    try:
        compiled = program.compile_result
        if compiled is not None and compiled.status is not Status.OK:
            return compiled
        result = await sandbox.run(
            program, stdin=stdin, limits=limits, args=args, redirect_stderr=redirect_stderr
        )
        if compiled is not None:
            result = replace(result, compile_output=compiled.compile_output)
        return result
    finally:
        await sandbox.cleanup(program)


COMPILE_LIMIT_NOTES = {
    Status.TIME_LIMIT_EXCEEDED: "compilation exceeded its time limit",
    Status.MEMORY_LIMIT_EXCEEDED: "compilation exceeded its memory limit",
    Status.OUTPUT_LIMIT_EXCEEDED: "compilation exceeded its output or file size limit",
}


def compile_result(result: ExecutionResult, *, output: str) -> ExecutionResult:
    """A compile step's result: `output` becomes compile output; any failure is the program's."""
    if result.status is Status.INTERNAL_ERROR:
        return replace(result, compile_output=output, stdout="", stderr="")
    status = Status.OK if result.status is Status.OK else Status.COMPILATION_ERROR
    if result.status in COMPILE_LIMIT_NOTES:
        output = f"{output}\n{COMPILE_LIMIT_NOTES[result.status]}".lstrip("\n")
    return replace(result, status=status, compile_output=output, stdout="", stderr="")
