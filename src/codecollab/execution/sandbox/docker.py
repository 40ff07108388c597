"""The Docker backend: programs run in containers through the Docker Engine API.

Works with a real Docker Engine and with podman's Docker-compatible API (``podman system
service``, see scripts/ci/podman.sh and docs/sandbox-docker.md). Only the portable part of the
API is used: containers, exec and a hijacked exec stream for stdin.

The backend is four modules:

- this one: the ``Sandbox`` protocol (probe, version, prepare, run, cleanup, close);
- ``docker_containers.py``: locked-down containers, created per set of limits (a *shape*), a
  small warm pool of started ones, removal in the background;
- ``docker_exec.py``: one exec of the runner script (``docker_runner.sh``) in a container, and
  the execution result made from the runner's trailer;
- ``docker_stream.py``: the attached exec stream (stdin, multiplexed stdout/stderr, caps).

Compile once, run many: ``prepare`` compiles in a container with the compile limits and gets
the whole work dir back as a tar archive (the compiler's output goes to stderr, the archive to
stdout). The archive is held in memory here and unpacked inside the run container before every
run, so each run starts from exactly the prepared work dir. Runs of one program reuse one
container (its memory and task limits are the run's); the host never touches a file the
program wrote, so planted symlinks lead nowhere.
"""

from __future__ import annotations

import asyncio
import io
import os
import socket
import tarfile
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import docker
import docker.errors
import requests.exceptions

from codecollab.execution.languages import Language
from codecollab.execution.program_files import ProgramFilesError, check_names
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
)
from codecollab.execution.sandbox.docker_containers import Containers, Shape
from codecollab.execution.sandbox.docker_exec import ExecOutcome, exec_runner, result_of

if TYPE_CHECKING:
    from codecollab.config import Settings

PROBE_TIMEOUT_S = 2
API_TIMEOUT_S = 30
VERSION_LIMITS = Limits(
    cpu_time_ms=10_000, wall_time_ms=20_000, memory_bytes=1024 * MIB, processes=128
)


@dataclass(slots=True)
class DockerProgram(Program):
    files: bytes | None = None
    """The prepared work dir as a tar archive (None once cleaned up)."""
    container: str | None = None
    shape: Shape | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class DockerSandbox:
    """Runs programs in containers through the Docker Engine API (or podman's)."""

    name = "docker"

    def __init__(self, *, base_url: str, image: str, pool_size: int = 2) -> None:
        """``base_url``: the engine's API (``unix://…``/``tcp://…``); ``image``: the sandbox image;
        ``pool_size``: started, idle containers kept per set of limits."""
        self._base_url = base_url
        self._image = image
        self._client: docker.APIClient | None = None
        self._client_lock = threading.Lock()
        self._availability: Availability | None = None
        self._versions: dict[str, str | None] = {}
        owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._containers = Containers(self._api, image=image, owner=owner, pool_size=pool_size)

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

    async def prepare(
        self,
        language: Language,
        source: str,
        *,
        limits: Limits,
        extra_files: Sequence[SourceFile] = (),
        compiler_options: Sequence[str] = (),
    ) -> Program:
        await self._require_available()
        language = language.for_source(source)
        names = [file.name for file in extra_files]
        try:
            check_names(language.file, names)
        except ProgramFilesError as exc:
            raise SandboxError(f"refused program files: {exc}") from exc
        contents = {language.file: source, **{file.name: file.content for file in extra_files}}
        source_tar = _tar_of({name: text.encode("utf-8") for name, text in contents.items()})
        program = DockerProgram(id=uuid.uuid4().hex, language=language, files=source_tar)
        if language.compile is None:
            return program
        container = await self._containers.acquire(Shape.of(limits, source_tar))
        try:
            outcome = await self._exec(
                container,
                language.compile_command(names, compiler_options),
                env=language.env,
                limits=limits,
                files=source_tar,
                stdin=b"",
                compile_mode=True,
            )
        finally:
            self._containers.discard(container)
        result = result_of(outcome, limits)
        if result.status is Status.OK and not outcome.stdout:
            result = ExecutionResult.internal_error("the compile container returned no files")
        program.compile_result = compile_result(result, output=result.stderr)
        if program.compile_result.status is Status.OK:
            program.files = outcome.stdout
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
        if not isinstance(program, DockerProgram) or program.files is None:
            raise SandboxError("not a prepared docker program (or already cleaned up)")
        if program.compile_result is not None and not program.compiled_ok:
            return program.compile_result
        async with program.lock:
            shape = Shape.of(limits, program.files)
            if program.container is not None and program.shape != shape:
                self._containers.discard(program.container)
                program.container = None
            if program.container is None:
                program.container = await self._containers.acquire(shape)
                program.shape = shape
            container = program.container
            outcome = await self._exec(
                container,
                program.language.run_command(args, limits),
                env=program.language.env,
                limits=limits,
                files=program.files,
                stdin=stdin.encode("utf-8"),
                compile_mode=False,
                redirect_stderr=redirect_stderr,
            )
            if outcome.trailer is None:
                # Killed from here (output cap, backstop) or broken: never reuse it.
                self._containers.discard(container)
                program.container = None
            return result_of(outcome, limits)

    async def cleanup(self, program: Program) -> None:
        if not isinstance(program, DockerProgram):
            return
        program.files = None
        if program.container is not None:
            container, program.container = program.container, None
            self._containers.discard(container)

    # --- lifecycle ---------------------------------------------------------------------

    def containers(self) -> list[str]:
        """Ids of this backend's containers the engine still has (idle ones included)."""
        return self._containers.listed()

    def idle_containers(self) -> list[str]:
        return self._containers.idle()

    def drain(self) -> None:
        """Wait until every background creation and removal has finished."""
        self._containers.drain()

    async def close(self) -> None:
        """Remove every container this backend made, idle ones included; wait for it."""
        await asyncio.to_thread(self.shutdown)

    def shutdown(self) -> None:
        """``close`` for synchronous callers."""
        self._containers.close(sweep=self._client is not None)
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

    async def _exec(
        self,
        container: str,
        command: tuple[str, ...],
        *,
        env: Mapping[str, str],
        limits: Limits,
        files: bytes,
        stdin: bytes,
        compile_mode: bool,
        redirect_stderr: bool = False,
    ) -> ExecOutcome:
        """One exec of the runner in ``container``, on a thread."""

        def work() -> ExecOutcome:
            return exec_runner(
                self._api(),
                container,
                command,
                env=env,
                limits=limits,
                files=files,
                stdin=stdin,
                compile_mode=compile_mode,
                redirect_stderr=redirect_stderr,
            )

        return await asyncio.to_thread(work)

    async def _one_off(
        self, command: tuple[str, ...], env: Mapping[str, str], limits: Limits
    ) -> ExecutionResult:
        await self._require_available()
        container = await self._containers.acquire(Shape.of(limits, b""))
        try:
            outcome = await self._exec(
                container,
                command,
                env=env,
                limits=limits,
                files=b"",
                stdin=b"",
                compile_mode=False,
            )
        finally:
            self._containers.discard(container)
        return result_of(outcome, limits)


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
