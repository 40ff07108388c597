"""Hidden tests for running-median (see generate.py)."""

import random


def case(values: list[int]) -> str:
    return f"{len(values)}\n{' '.join(map(str, values))}\n"


def cases() -> list[tuple[str, str]]:
    rng = random.Random(15)
    n = 50_000
    return [
        ("random-small", case([rng.randint(-10, 10) for _ in range(30)])),
        ("negative-halves", case([-3, -4, -1, -8, 5, -2])),
        ("large-random", case([rng.randint(-(10**9), 10**9) for _ in range(n)])),
        ("large-increasing", case(list(range(n)))),
        ("large-alternating-extremes", case([10**9 if k % 2 else -(10**9) for k in range(n)])),
        ("large-few-values", case([rng.randint(0, 3) for _ in range(n)])),
    ]
