"""The status decision, from what the supervisor did and what the cgroup counted."""

from __future__ import annotations

import os
import signal

import pytest

from codecollab.execution.sandbox.base import Limits, Status
from codecollab.execution.sandbox.cgroups import Usage
from codecollab.execution.sandbox.process import (
    CPU_POLL_MIN_S,
    KillReason,
    classify,
    cpu_pause_s,
    split_exit,
)

LIMITS = Limits(cpu_time_ms=1000)
IDLE = Usage(cpu_ms=10, peak_memory_bytes=1, oom_kills=0)


def status(code: int, *, killed: KillReason | None = None, usage: Usage = IDLE) -> Status:
    exit_code, signal_number = split_exit(code)
    return classify(
        exit_code=exit_code,
        signal_number=signal_number,
        killed=killed,
        usage=usage,
        limits=LIMITS,
    )


@pytest.mark.parametrize(
    ("code", "expected"), [(0, (0, None)), (3, (3, None)), (128 + 9, (None, 9)), (-11, (None, 11))]
)
def test_exit_statuses_split_into_code_and_signal(
    code: int, expected: tuple[int | None, int | None]
) -> None:
    assert split_exit(code) == expected


def test_an_oom_kill_is_a_memory_limit_even_if_the_wall_timer_fired() -> None:
    usage = Usage(cpu_ms=10, peak_memory_bytes=1, oom_kills=1)
    assert status(137, killed=KillReason.WALL_TIME, usage=usage) is Status.MEMORY_LIMIT_EXCEEDED


def test_output_overflow_wins_over_everything() -> None:
    usage = Usage(cpu_ms=5000, peak_memory_bytes=1, oom_kills=1)
    assert status(137, killed=KillReason.OUTPUT, usage=usage) is Status.OUTPUT_LIMIT_EXCEEDED


def test_cpu_time_at_the_limit_is_a_time_limit_even_with_a_clean_exit() -> None:
    assert status(0, usage=Usage(cpu_ms=1000, peak_memory_bytes=1, oom_kills=0)) is (
        Status.TIME_LIMIT_EXCEEDED
    )


def test_a_kill_by_the_cpu_watch_is_a_time_limit() -> None:
    assert status(137, killed=KillReason.CPU_TIME) is Status.TIME_LIMIT_EXCEEDED


def test_the_cpu_watch_sleeps_less_as_the_limit_nears_but_never_under_its_minimum() -> None:
    far, near = cpu_pause_s(2_000), cpu_pause_s(100)
    assert far > near >= CPU_POLL_MIN_S
    assert cpu_pause_s(0) == CPU_POLL_MIN_S
    assert far * (os.cpu_count() or 1) < 2.0  # all CPUs busy for the pause still stay under


def test_sigxcpu_is_a_time_limit() -> None:
    assert status(128 + signal.SIGXCPU) is Status.TIME_LIMIT_EXCEEDED


def test_sigxfsz_is_an_output_limit() -> None:
    assert status(128 + signal.SIGXFSZ) is Status.OUTPUT_LIMIT_EXCEEDED


def test_a_plain_kill_is_a_runtime_error() -> None:
    assert status(128 + signal.SIGKILL) is Status.RUNTIME_ERROR


def test_a_clean_exit_is_ok() -> None:
    assert status(0) is Status.OK
