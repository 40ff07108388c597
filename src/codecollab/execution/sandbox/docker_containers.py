"""The Docker backend's containers: created locked down, kept warm per shape, removed behind.

Each container is locked down: no network, read-only root, size-limited tmpfs at ``/box`` and
``/tmp``, every capability dropped, ``no-new-privileges``, the engine's default seccomp profile,
an init as pid 1 and limits on memory (swap included), tasks and CPUs. Its pid 1 and a
``sleep`` run as ``SUPERVISOR_UID``; the program runs as the sandbox uid via ``exec``
(docker_exec.py), so it can neither signal the container's own processes nor write anything
but tmpfs mounts: those two, ``/dev/shm`` and the ones podman adds to a read-only container
(``/var/tmp``, ``/dev/mqueue``), which the runner empties before and after every run.

A container's limits are fixed when it is created (its *shape*); a few started, idle containers
are kept per recently used shape (refilled in the background) and containers are removed in
the background, so a run costs one exec.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import docker
import docker.errors
import requests.exceptions
from docker.types import Ulimit

from codecollab.execution.sandbox.base import MIB, SANDBOX_WORKDIR, Limits, SandboxError

SUPERVISOR_UID = 65532
"""Owns the container's pid 1 and its idle ``sleep``; the program cannot signal them."""
LABEL = "codecollab.sandbox"
"""Every container this backend creates carries this label (value: the owning process)."""
RUNNER_TASKS = 5
"""Tasks alive beside the program's: init, sleep, the runner, time and timeout."""
BOX_STEP = 16 * MIB
"""/box holds the program's files plus ``file_size_bytes``, rounded up to this step."""
MAX_WARM_SHAPES = 3
"""How many distinct limit sets keep warm containers."""


@dataclass(frozen=True, slots=True)
class Shape:
    """The limits fixed when a container is created (the rest is set per exec)."""

    memory_bytes: int
    processes: int
    cpus: float
    open_files: int
    box_bytes: int
    tmp_bytes: int

    @classmethod
    def of(cls, limits: Limits, files: bytes) -> Shape:
        box = limits.file_size_bytes + math.ceil(len(files) / BOX_STEP) * BOX_STEP
        return cls(
            memory_bytes=limits.memory_bytes,
            processes=limits.processes,
            cpus=limits.cpus,
            open_files=limits.open_files,
            box_bytes=box,
            tmp_bytes=limits.file_size_bytes,
        )


class Containers:
    """Creates, keeps warm and removes one backend's containers (labelled with ``owner``)."""

    def __init__(
        self, api: Callable[[], docker.APIClient], *, image: str, owner: str, pool_size: int
    ) -> None:
        self._api = api
        self._image = image
        self.owner = owner
        self._pool_size = pool_size
        self._idle: OrderedDict[Shape, list[str]] = OrderedDict()
        self._idle_lock = threading.RLock()
        self._filling: set[Shape] = set()
        self._pending: set[Future[None]] = set()
        self._workers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="docker-sandbox")
        self.closed = False

    async def acquire(self, shape: Shape) -> str:
        """A started container with this shape: a warm one if any, else a new one."""
        if self.closed:
            raise SandboxError("the docker sandbox is closed")
        with self._idle_lock:
            idle = self._idle.setdefault(shape, [])
            self._idle.move_to_end(shape)
            container = idle.pop() if idle else None
            stale: list[str] = []
            while len(self._idle) > MAX_WARM_SHAPES:
                stale += self._idle.popitem(last=False)[1]
        for cid in stale:
            self._background(self.remove, cid)
        self._refill(shape)
        if container is not None:
            return container
        try:
            return await asyncio.to_thread(self._create, shape)
        except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
            raise SandboxError(f"cannot start a sandbox container: {exc}") from exc

    def discard(self, container: str) -> None:
        """Remove ``container`` in the background."""
        self._background(self.remove, container)

    def remove(self, container: str) -> None:
        with contextlib.suppress(docker.errors.NotFound):
            self._api().remove_container(container, force=True, v=True)

    def idle(self) -> list[str]:
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

    def listed(self) -> list[str]:
        """Ids of this owner's containers the engine still has (idle ones included)."""
        found = self._api().containers(all=True, filters={"label": f"{LABEL}={self.owner}"})
        return sorted(str(entry["Id"]) for entry in found)

    def close(self, *, sweep: bool) -> None:
        """Stop refilling, wait for the background work, remove the idle containers and, with
        ``sweep``, every other container the engine still lists for this owner."""
        self.closed = True
        self.drain()
        with self._idle_lock:
            idle = [cid for ids in self._idle.values() for cid in ids]
            self._idle.clear()
        for container in idle:
            self.remove(container)
        if sweep:
            with contextlib.suppress(Exception):
                for container in self.listed():
                    self.remove(container)
        self._workers.shutdown(wait=True)

    def _refill(self, shape: Shape) -> None:
        with self._idle_lock:
            if self._pool_size == 0 or shape in self._filling or self.closed:
                return
            self._filling.add(shape)
        self._background(self._fill, shape)

    def _fill(self, shape: Shape) -> None:
        try:
            while not self.closed:
                with self._idle_lock:
                    idle = self._idle.get(shape)
                    if idle is None or len(idle) >= self._pool_size:
                        return
                container = self._create(shape)
                with self._idle_lock:
                    idle = self._idle.get(shape)
                    if idle is not None and not self.closed:
                        idle.append(container)
                        container = ""
                if container:
                    self.remove(container)
                    return
        finally:
            with self._idle_lock:
                self._filling.discard(shape)

    def _create(self, shape: Shape) -> str:
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
            labels={LABEL: self.owner},
            host_config=host_config,
        )
        container = str(created["Id"])
        try:
            client.start(container)
        except BaseException:
            self.remove(container)
            raise
        return container

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
