"""Hidden tests for trapping-rain-water (see generate.py)."""

import random


def case(heights: list[int]) -> str:
    return f"{len(heights)}\n{' '.join(map(str, heights))}\n"


def cases() -> list[tuple[str, str]]:
    rng = random.Random(14)
    n = 50_000
    valley = [10**9] + [0] * (n - 2) + [10**9]  # 2e14 units: past 32-bit integers
    return [
        ("random-small", case([rng.randint(0, 5) for _ in range(20)])),
        ("large-random", case([rng.randint(0, 10**9) for _ in range(n)])),
        ("large-valley-overflows-32-bit", case(valley)),
        ("large-increasing", case(list(range(n)))),
        ("large-mountain", case(list(range(n // 2)) + list(range(n // 2, 0, -1)))),
        ("large-comb", case([10**9 if k % 2 == 0 else 0 for k in range(n)])),
    ]
