"""Per-run control groups: memory, process count and CPU limits, and their accounting.

Each run gets its own cgroup, created under the server's own cgroup (read from
/proc/self/cgroup, never at the hierarchy root) and always removed afterwards. cgroup v2 is
used when it has the controllers; otherwise the v1 controllers (this machine mounts v1
memory, pids, cpu and cpuacct read-write beside an empty v2 hierarchy).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from codecollab.execution.sandbox.base import Limits

CFS_PERIOD_US = 100_000
V1_CONTROLLERS = ("memory", "pids", "cpuacct", "cpu")
V2_CONTROLLERS = ("memory", "pids", "cpu")
NAME_PREFIX = "codecollab-"


def run_name() -> str:
    """A new run cgroup's name: it carries the creating process's pid, so a cgroup left by a
    process that died (killed without cleanup) is recognisably stale."""
    return f"{NAME_PREFIX}{os.getpid()}-{uuid.uuid4().hex}"


def own_prefix() -> str:
    return f"{NAME_PREFIX}{os.getpid()}-"


def _creator_alive(name: str) -> bool:
    pid_text = name.removeprefix(NAME_PREFIX).split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    return Path(f"/proc/{pid_text}").exists()


def sweep_stale(parents: list[Path]) -> None:
    """Remove run cgroups whose creating process is gone (rmdir only succeeds when empty)."""
    for parent in parents:
        for path in parent.glob(NAME_PREFIX + "*"):
            if _creator_alive(path.name):
                continue
            _kill_pids(_read_pids(path / "cgroup.procs"))
            with contextlib.suppress(OSError):
                path.rmdir()


class CgroupUnavailable(Exception):
    """No usable cgroup hierarchy; the message says why, for the operator."""


@dataclass(frozen=True, slots=True)
class Usage:
    cpu_ms: int
    peak_memory_bytes: int
    oom_kills: int


class RunCgroup(Protocol):
    """One run's cgroup (in every controller it needs)."""

    @property
    def procs_files(self) -> list[Path]:
        """Files a process writes its pid to in order to join the run's cgroup."""
        ...

    def usage(self) -> Usage: ...

    def cpu_ms(self) -> int:
        """CPU time (user + system) of every task of the run so far."""
        ...

    def pids(self) -> list[int]: ...

    def remove(self) -> None: ...


class Hierarchy(Protocol):
    version: int

    @property
    def parent_dirs(self) -> list[Path]:
        """Where this server's run cgroups are created."""
        ...

    def create(self, name: str, limits: Limits) -> RunCgroup: ...


@dataclass(frozen=True, slots=True)
class _Mount:
    point: Path
    root: str
    fstype: str
    options: frozenset[str]


def _mounts() -> list[_Mount]:
    mounts = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        left, _, right = line.partition(" - ")
        fields, rfields = left.split(), right.split()
        if len(fields) < 5 or len(rfields) < 3 or rfields[0] not in ("cgroup", "cgroup2"):
            continue
        mounts.append(
            _Mount(
                point=Path(fields[4]),
                root=fields[3],
                fstype=rfields[0],
                options=frozenset(rfields[2].split(",")),
            )
        )
    return mounts


def _own_paths() -> dict[str, str]:
    """The server's own cgroup path per v1 controller, and under "" for v2."""
    paths: dict[str, str] = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def _under(mount: _Mount, own: str) -> Path:
    relative = own
    if mount.root != "/" and own.startswith(mount.root):
        relative = own[len(mount.root) :]
    return mount.point / relative.lstrip("/")


def _write(path: Path, value: str) -> None:
    path.write_text(value)


def _read_int(path: Path) -> int:
    return int(path.read_text().strip() or 0)


def _read_keyed(path: Path) -> dict[str, int]:
    values = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(" ")
        with contextlib.suppress(ValueError):
            values[key] = int(value)
    return values


def _rmdir(path: Path) -> None:
    """Remove a cgroup directory, waiting briefly for exiting tasks to be reaped."""
    for _ in range(200):
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError as exc:
            if exc.errno != errno.EBUSY:
                raise
            _kill_pids(_read_pids(path / "cgroup.procs"))
            time.sleep(0.005)
    path.rmdir()


def _read_pids(path: Path) -> list[int]:
    try:
        return [int(line) for line in path.read_text().split()]
    except FileNotFoundError:
        return []


def _kill_pids(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


# --- cgroup v1 -------------------------------------------------------------------------


@dataclass(slots=True)
class V1RunCgroup:
    dirs: dict[str, Path]

    @property
    def procs_files(self) -> list[Path]:
        unique = set(self.dirs.values())
        return sorted(path / "cgroup.procs" for path in unique)

    def usage(self) -> Usage:
        memory = self.dirs["memory"]
        oom = _read_keyed(memory / "memory.oom_control")
        return Usage(
            cpu_ms=self.cpu_ms(),
            peak_memory_bytes=_read_int(memory / "memory.max_usage_in_bytes"),
            oom_kills=oom.get("oom_kill", 0),
        )

    def cpu_ms(self) -> int:
        return _read_int(self.dirs["cpuacct"] / "cpuacct.usage") // 1_000_000

    def pids(self) -> list[int]:
        return _read_pids(self.dirs["pids"] / "cgroup.procs")

    def remove(self) -> None:
        for path in set(self.dirs.values()):
            _rmdir(path)


@dataclass(slots=True)
class V1Hierarchy:
    parents: dict[str, Path]
    version: int = 1

    @property
    def parent_dirs(self) -> list[Path]:
        return sorted(set(self.parents.values()))

    def create(self, name: str, limits: Limits) -> V1RunCgroup:
        dirs = {controller: parent / name for controller, parent in self.parents.items()}
        run = V1RunCgroup(dirs)
        try:
            for path in set(dirs.values()):
                path.mkdir()
            self._limit(dirs, limits)
        except OSError:
            run.remove()
            raise
        return run

    @staticmethod
    def _limit(dirs: dict[str, Path], limits: Limits) -> None:
        memory = dirs["memory"]
        _write(memory / "memory.limit_in_bytes", str(limits.memory_bytes))
        memsw = memory / "memory.memsw.limit_in_bytes"
        if memsw.exists():  # only with swap accounting: stop the run from swapping past the limit
            _write(memsw, str(limits.memory_bytes))
        _write(dirs["pids"] / "pids.max", str(limits.processes))
        cpu = dirs.get("cpu")
        if cpu is not None:
            _write(cpu / "cpu.cfs_period_us", str(CFS_PERIOD_US))
            _write(cpu / "cpu.cfs_quota_us", str(max(1000, int(limits.cpus * CFS_PERIOD_US))))

    @classmethod
    def discover(cls) -> V1Hierarchy:
        own = _own_paths()
        parents: dict[str, Path] = {}
        for mount in _mounts():  # in mount order: the first mount of a controller is taken,
            if mount.fstype != "cgroup":  # never a later bind of it (an image build's chroot)
                continue
            for controller in V1_CONTROLLERS:
                if controller in mount.options and controller in own and controller not in parents:
                    parents[controller] = _under(mount, own[controller])
        missing = [c for c in V1_CONTROLLERS if c != "cpu" and c not in parents]
        if missing:
            raise CgroupUnavailable(f"cgroup v1: controllers not mounted: {', '.join(missing)}")
        for controller, path in parents.items():
            if not os.access(path, os.W_OK):
                raise CgroupUnavailable(f"cgroup v1: {controller} cgroup {path} is not writable")
        return cls(parents)


# --- cgroup v2 -------------------------------------------------------------------------


@dataclass(slots=True)
class V2RunCgroup:
    path: Path

    @property
    def procs_files(self) -> list[Path]:
        return [self.path / "cgroup.procs"]

    def usage(self) -> Usage:
        cpu = _read_keyed(self.path / "cpu.stat")
        events = _read_keyed(self.path / "memory.events")
        peak_file = self.path / "memory.peak"
        peak = _read_int(peak_file) if peak_file.exists() else 0
        return Usage(
            cpu_ms=cpu.get("usage_usec", 0) // 1000,
            peak_memory_bytes=peak,
            oom_kills=events.get("oom_kill", 0),
        )

    def cpu_ms(self) -> int:
        return _read_keyed(self.path / "cpu.stat").get("usage_usec", 0) // 1000

    def pids(self) -> list[int]:
        return _read_pids(self.path / "cgroup.procs")

    def remove(self) -> None:
        kill = self.path / "cgroup.kill"
        if kill.exists():
            with contextlib.suppress(OSError):
                _write(kill, "1")
        _rmdir(self.path)


@dataclass(slots=True)
class V2Hierarchy:
    parent: Path
    version: int = 2

    @property
    def parent_dirs(self) -> list[Path]:
        return [self.parent]

    def create(self, name: str, limits: Limits) -> V2RunCgroup:
        run = V2RunCgroup(self.parent / name)
        run.path.mkdir()
        try:
            _write(run.path / "memory.max", str(limits.memory_bytes))
            swap = run.path / "memory.swap.max"
            if swap.exists():
                _write(swap, "0")
            _write(run.path / "pids.max", str(limits.processes))
            quota = max(1000, int(limits.cpus * CFS_PERIOD_US))
            _write(run.path / "cpu.max", f"{quota} {CFS_PERIOD_US}")
        except OSError:
            run.remove()
            raise
        return run

    @classmethod
    def discover(cls) -> V2Hierarchy:
        own = _own_paths().get("")
        mount = next((m for m in _mounts() if m.fstype == "cgroup2"), None)
        if own is None or mount is None:
            raise CgroupUnavailable("cgroup v2: not mounted")
        parent = _under(mount, own)
        available = set((parent / "cgroup.controllers").read_text().split())
        missing = [c for c in V2_CONTROLLERS if c not in available]
        if missing:
            raise CgroupUnavailable(
                f"cgroup v2: controllers {', '.join(missing)} not delegated to {parent}"
            )
        enabled = set((parent / "cgroup.subtree_control").read_text().split())
        wanted = [c for c in V2_CONTROLLERS if c not in enabled]
        if wanted:
            try:
                _write(parent / "cgroup.subtree_control", " ".join(f"+{c}" for c in wanted))
            except OSError as exc:
                raise CgroupUnavailable(
                    f"cgroup v2: cannot enable {', '.join(wanted)} under {parent} ({exc.strerror});"
                    " run the server in its own delegated cgroup (systemd Delegate=yes)"
                ) from exc
        return cls(parent)


def discover() -> Hierarchy:
    """The hierarchy to create run cgroups in: v2 if it has the controllers, else v1."""
    reasons = []
    for kind in (V2Hierarchy, V1Hierarchy):
        try:
            hierarchy: Hierarchy = kind.discover()
        except (CgroupUnavailable, OSError) as exc:
            reasons.append(str(exc))
            continue
        return hierarchy
    raise CgroupUnavailable("; ".join(reasons))


def kill_once(run: RunCgroup) -> None:
    """SIGKILL every task in the run's cgroup now, without waiting (safe on the event loop)."""
    _kill_pids(run.pids())


def kill_all(run: RunCgroup, *, rounds: int = 400) -> None:
    """SIGKILL every task in the run's cgroup until none is left (forks race the sweep)."""
    for _ in range(rounds):
        pids = run.pids()
        if not pids:
            return
        _kill_pids(pids)
        time.sleep(0.0005)
