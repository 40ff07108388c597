"""The sandbox backends the execution and exploit tests run against, one entry each.

Every test taking the `sandbox` fixture runs once per entry in SANDBOX_BACKENDS. A backend that
cannot work on this machine is skipped with its probe's reason, except under CI (CI=true),
where that is a failure: CI must exercise every backend.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from codecollab.execution.languages import Language
from codecollab.execution.sandbox import cgroups
from codecollab.execution.sandbox.base import (
    Availability,
    ExecutionResult,
    Limits,
    Program,
    Sandbox,
    SandboxError,
    SourceFile,
)
from codecollab.execution.sandbox.bwrap import BwrapSandbox
from codecollab.execution.sandbox.docker import DockerSandbox


@dataclass(frozen=True)
class SandboxBackend:
    create: Callable[[Path], Sandbox]
    """Makes the backend, given a private scratch dir it may use and that is removed after."""
    leftovers: Callable[[Sandbox], list[str]]
    """Anything runs left behind (processes, cgroups, files, containers), described."""
    close: Callable[[Sandbox], None] = lambda sandbox: None
    """Releases what the backend holds between runs (e.g. warm containers), at session end."""


_BWRAP_SANDBOXES: list[BwrapSandbox] = []
"""Every bwrap sandbox the tests made (the execution and exploit suites each have one)."""


def _bwrap(scratch: Path) -> Sandbox:
    sandbox = BwrapSandbox(root=scratch / "runs")
    _BWRAP_SANDBOXES.append(sandbox)
    return sandbox


def _bwrap_leftovers(sandbox: Sandbox) -> list[str]:
    """What runs left behind, not counting the sandboxes the warm pool started ahead (blocked
    before any program ran; tests/execution/test_warm_pool.py checks those)."""
    assert isinstance(sandbox, BwrapSandbox)
    idle_cgroups: set[str] = set()
    idle_processes: set[int] = set()
    for each in _BWRAP_SANDBOXES:
        each.drain()
        idle_cgroups.update(each.idle_cgroups())
        idle_processes.update(each.idle_processes())
    found = [f"program dir {path}" for path in sandbox.program_dirs()]
    found += [f"cgroup {path}" for path in run_cgroups() if path.name not in idle_cgroups]
    found += [f"process {pid}" for pid in descendant_processes() if pid not in idle_processes]
    return found


def _bwrap_close(sandbox: Sandbox) -> None:
    if isinstance(sandbox, BwrapSandbox):
        sandbox.shutdown()


def _docker(scratch: Path) -> Sandbox:
    """The engine named by CODECOLLAB_TEST_DOCKER_HOST (scripts/ci/podman.sh prints it)."""
    host = os.environ.get("CODECOLLAB_TEST_DOCKER_HOST", "")
    image = os.environ.get("CODECOLLAB_DOCKER_IMAGE", "localhost/codecollab-sandbox:latest")
    if not host:
        return UnavailableSandbox(
            "docker", "CODECOLLAB_TEST_DOCKER_HOST is not set (run scripts/ci/podman.sh)"
        )
    return DockerSandbox(base_url=host, image=image, pool_size=1)


def _docker_leftovers(sandbox: Sandbox) -> list[str]:
    if not isinstance(sandbox, DockerSandbox):
        return []
    sandbox.drain()
    idle = set(sandbox.idle_containers())
    return [f"container {cid[:12]}" for cid in sandbox.containers() if cid not in idle]


def _docker_close(sandbox: Sandbox) -> None:
    if isinstance(sandbox, DockerSandbox):
        sandbox.shutdown()


class UnavailableSandbox:
    """Stands for a backend this run cannot reach; its probe says why."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self._reason = reason

    async def probe(self) -> Availability:
        return Availability(False, self._reason)

    async def version(self, language: Language) -> str | None:
        raise SandboxError(self._reason)

    async def prepare(
        self,
        language: Language,
        source: str,
        *,
        limits: Limits,
        extra_files: Sequence[SourceFile] = (),
        compiler_options: Sequence[str] = (),
    ) -> Program:
        raise SandboxError(self._reason)

    async def run(
        self, program: Program, *, stdin: str, limits: Limits, args: Sequence[str] = ()
    ) -> ExecutionResult:
        raise SandboxError(self._reason)

    async def cleanup(self, program: Program) -> None:
        return None

    async def close(self) -> None:
        return None


SANDBOX_BACKENDS: dict[str, SandboxBackend] = {
    "bwrap": SandboxBackend(create=_bwrap, leftovers=_bwrap_leftovers, close=_bwrap_close),
    "docker": SandboxBackend(create=_docker, leftovers=_docker_leftovers, close=_docker_close),
}


def run_cgroups() -> list[Path]:
    """Run cgroups this process created that still exist (there should be none between runs)."""
    try:
        hierarchy = cgroups.discover()
    except cgroups.CgroupUnavailable:
        return []
    found: list[Path] = []
    for parent in hierarchy.parent_dirs:
        found += sorted(parent.glob(cgroups.own_prefix() + "*"))
    return found


def descendant_processes(root: int | None = None) -> list[int]:
    """Live (non-zombie) processes descending from `root` (this process by default)."""
    root = os.getpid() if root is None else root
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack += children.get(pid, [])
    return found


def sandbox_fixture(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """Body of the session-scoped, backend-parametrised `sandbox` fixture."""
    backend = SANDBOX_BACKENDS[request.param]
    scratch = Path(tempfile.mkdtemp(prefix=f"codecollab-test-{request.param}-"))
    scratch.chmod(0o711)  # an unprivileged sandbox user must be able to reach its work dirs
    try:
        sandbox = backend.create(scratch)
        availability = asyncio.run(sandbox.probe())
        if not availability.available:
            message = f"{request.param} sandbox unavailable: {availability.reason}"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        try:
            yield sandbox
        finally:
            backend.close(sandbox)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def backend_of(sandbox: Sandbox) -> SandboxBackend:
    return SANDBOX_BACKENDS[sandbox.name]
