"""Hidden tests for sliding-window-maximum (see generate.py)."""

import random


def case(values: list[int], k: int) -> str:
    return f"{len(values)} {k}\n{' '.join(map(str, values))}\n"


def cases() -> list[tuple[str, str]]:
    rng = random.Random(13)
    n = 50_000
    return [
        ("random-small", case([rng.randint(-9, 9) for _ in range(25)], 4)),
        ("window-of-one", case([rng.randint(-100, 100) for _ in range(1000)], 1)),
        ("window-of-all", case([rng.randint(-100, 100) for _ in range(1000)], 1000)),
        ("large-random-half", case([rng.randint(-(10**9), 10**9) for _ in range(n)], n // 2)),
        ("large-decreasing", case(list(range(n, 0, -1)), 20_000)),
        ("large-increasing", case(list(range(n)), 25_000)),
        ("large-random-small-window", case([rng.randint(0, 10) for _ in range(n)], 7)),
    ]
