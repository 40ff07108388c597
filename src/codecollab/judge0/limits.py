"""Judge0's limit fields mapped onto this server's sandbox limits, capped at its maxima.

Judge0's units: seconds (floats) for times, kilobytes for memory, stack and file size. Fields
left out take Judge0 CE's defaults, capped like the rest. What Judge0 calls ``cpu_extra_time``
is time the program may run past its limit before it is killed; it still ends as Time Limit
Exceeded when its CPU time passed ``cpu_time_limit``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from codecollab.config import Settings
from codecollab.execution.service import RUN_PROCESSES
from codecollab.judge0.schemas import SubmissionRequest

DEFAULT_CPU_TIME_S = 5.0
DEFAULT_CPU_EXTRA_S = 1.0
DEFAULT_WALL_TIME_S = 10.0
DEFAULT_MEMORY_KB = 128_000
DEFAULT_MAX_FILE_SIZE_KB = 1024
MAX_FILE_SIZE_KB = 4096
MAX_NUMBER_OF_RUNS = 3
"""Each run counts against the account's run rate, like any run."""
MIN_CPU_MS = 100
MIN_MEMORY_MB = 16


@dataclass(frozen=True, slots=True)
class Maxima:
    """This server's ceilings in Judge0's units, as ``/judge0/config_info`` shows them."""

    cpu_time_limit: float
    wall_time_limit: float
    memory_limit: int
    max_processes_and_or_threads: int

    @classmethod
    def of(cls, settings: Settings) -> Maxima:
        return cls(
            cpu_time_limit=settings.execution_max_time_limit_ms / 1000,
            wall_time_limit=(2 * settings.execution_max_time_limit_ms + 1000) / 1000,
            memory_limit=settings.memory_limit_bytes // 1024,
            max_processes_and_or_threads=RUN_PROCESSES,
        )


@dataclass(frozen=True, slots=True)
class EffectiveLimits:
    """One submission's limits as run, in Judge0's units (shown back by ``fields=*``)."""

    cpu_time_limit: float
    cpu_extra_time: float
    wall_time_limit: float
    memory_limit: int
    max_processes_and_or_threads: int
    max_file_size: int
    number_of_runs: int

    def as_fields(self) -> dict[str, Any]:
        return {
            "cpu_time_limit": self.cpu_time_limit,
            "cpu_extra_time": self.cpu_extra_time,
            "wall_time_limit": self.wall_time_limit,
            "memory_limit": self.memory_limit,
            "max_processes_and_or_threads": self.max_processes_and_or_threads,
            "max_file_size": self.max_file_size,
            "number_of_runs": self.number_of_runs,
        }

    @property
    def cpu_limit_ms(self) -> int:
        return max(MIN_CPU_MS, round(self.cpu_time_limit * 1000))

    @property
    def kill_after_ms(self) -> int:
        """The CPU time after which the program is stopped: the limit and the extra time."""
        return max(MIN_CPU_MS, round((self.cpu_time_limit + self.cpu_extra_time) * 1000))

    @property
    def memory_limit_mb(self) -> int:
        return max(MIN_MEMORY_MB, math.ceil(self.memory_limit / 1024))

    def sandbox_overrides(self) -> dict[str, int]:
        """What the execution service's own limits are lowered to (never raised)."""
        return {
            "wall_time_ms": max(MIN_CPU_MS, round(self.wall_time_limit * 1000)),
            "processes": self.max_processes_and_or_threads,
            "file_size_bytes": self.max_file_size * 1024,
        }


def effective_limits(request: SubmissionRequest, maxima: Maxima) -> EffectiveLimits:
    cpu = min(_or(request.cpu_time_limit, DEFAULT_CPU_TIME_S), maxima.cpu_time_limit)
    extra = min(_or(request.cpu_extra_time, DEFAULT_CPU_EXTRA_S), maxima.cpu_time_limit - cpu)
    wall = min(_or(request.wall_time_limit, DEFAULT_WALL_TIME_S), maxima.wall_time_limit)
    memory = min(_or(request.memory_limit, DEFAULT_MEMORY_KB), maxima.memory_limit)
    processes = request.max_processes_and_or_threads or maxima.max_processes_and_or_threads
    file_size = request.max_file_size
    return EffectiveLimits(
        cpu_time_limit=cpu,
        cpu_extra_time=max(0.0, extra),
        wall_time_limit=wall,
        memory_limit=int(memory),
        max_processes_and_or_threads=min(processes, maxima.max_processes_and_or_threads),
        max_file_size=DEFAULT_MAX_FILE_SIZE_KB if file_size is None else file_size,
        number_of_runs=min(request.number_of_runs or 1, MAX_NUMBER_OF_RUNS),
    )


def _or(value: float | None, default: float) -> float:
    return default if value is None else value
