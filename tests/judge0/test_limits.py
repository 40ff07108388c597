"""Judge0's limit fields mapped onto the sandbox's limits: defaults, caps, never raised."""

from __future__ import annotations

from pathlib import Path

from codecollab.config import Settings
from codecollab.execution.sandbox.base import Limits
from codecollab.execution.service import lowered
from codecollab.judge0.limits import Maxima, effective_limits
from codecollab.judge0.schemas import SubmissionRequest


def maxima(tmp_path: Path) -> Maxima:
    return Maxima.of(Settings(_env_file=None, data_dir=tmp_path))


def test_judge0s_defaults_apply_to_fields_left_out(tmp_path: Path) -> None:
    limits = effective_limits(SubmissionRequest(), maxima(tmp_path))
    assert (limits.cpu_time_limit, limits.cpu_extra_time, limits.wall_time_limit) == (5, 1, 10)
    assert (limits.memory_limit, limits.max_file_size, limits.number_of_runs) == (128_000, 1024, 1)


def test_the_program_is_stopped_after_its_limit_and_the_extra_time(tmp_path: Path) -> None:
    request = SubmissionRequest(cpu_time_limit=2, cpu_extra_time=0.5)
    limits = effective_limits(request, maxima(tmp_path))
    assert limits.cpu_limit_ms == 2000
    assert limits.kill_after_ms == 2500


def test_limits_are_capped_at_the_servers_maxima(tmp_path: Path) -> None:
    request = SubmissionRequest(
        cpu_time_limit=15, cpu_extra_time=5, max_processes_and_or_threads=120
    )
    limits = effective_limits(request, maxima(tmp_path))
    assert limits.kill_after_ms == 10_000
    assert limits.max_processes_and_or_threads == 64


def test_memory_is_kilobytes_rounded_up_to_whole_mebibytes(tmp_path: Path) -> None:
    limits = effective_limits(SubmissionRequest(memory_limit=65_537), maxima(tmp_path))
    assert limits.memory_limit_mb == 65


def test_a_sandbox_limit_is_only_ever_lowered() -> None:
    base = Limits(wall_time_ms=5_000, processes=64, file_size_bytes=16 * 1024 * 1024)
    changed = lowered(base, {"wall_time_ms": 3_000, "processes": 500, "cpu_time_ms": 1})
    assert changed.wall_time_ms == 3_000
    assert changed.processes == 64
    assert changed.cpu_time_ms == base.cpu_time_ms
