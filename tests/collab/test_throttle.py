"""The throttle behind the budgets: it delays, never refuses, and bounds what passes."""

from __future__ import annotations

import pytest

from codecollab.collab.ratelimit import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_at_once() -> None:
    throttle = Throttle(rate_per_s=10, burst=5, clock=Clock())
    assert [throttle.spend(1) for _ in range(5)] == [0, 0, 0, 0, 0]


def test_past_the_burst_each_cost_waits_for_its_share_of_the_rate() -> None:
    throttle = Throttle(rate_per_s=10, burst=5, clock=Clock())
    for _ in range(5):
        throttle.spend(1)
    assert throttle.spend(1) == pytest.approx(0.1)
    assert throttle.spend(1) == pytest.approx(0.2)


def test_a_cost_above_the_burst_passes_after_a_proportional_wait() -> None:
    throttle = Throttle(rate_per_s=100, burst=50, clock=Clock())
    assert throttle.spend(250) == pytest.approx(2.0)


def test_time_refills_the_bucket_up_to_the_burst() -> None:
    clock = Clock()
    throttle = Throttle(rate_per_s=10, burst=5, clock=clock)
    throttle.spend(5)
    clock.now = 100.0
    assert [throttle.spend(1) for _ in range(5)] == [0, 0, 0, 0, 0]
    assert throttle.spend(1) > 0


def test_what_passes_by_a_moment_never_exceeds_burst_plus_rate_times_time() -> None:
    clock = Clock()
    throttle = Throttle(rate_per_s=1000, burst=4000, clock=clock)
    passed_at: list[tuple[float, int]] = []
    for cost in [3000, 1, 2500, 700, 10_000, 5, 5]:
        clock.now += throttle.spend(cost)  # the sender waits as told, then sends the next
        passed_at.append((clock.now, cost))
    total = 0
    for moment, cost in passed_at:
        total += cost
        assert total <= 4000 + 1000 * moment


@pytest.mark.parametrize(("rate", "burst"), [(0, 1), (1, 0), (-1, 5)])
def test_a_throttle_needs_a_positive_rate_and_burst(rate: float, burst: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        Throttle(rate_per_s=rate, burst=burst)
