"""Hidden tests for longest-increasing-subsequence (see generate.py)."""

import random


def case(values: list[int]) -> str:
    return f"{len(values)}\n{' '.join(map(str, values))}\n"


def cases() -> list[tuple[str, str]]:
    rng = random.Random(11)
    n = 50_000
    return [
        ("random-small", case([rng.randint(0, 10) for _ in range(30)])),
        ("large-random", case([rng.randint(-(10**9), 10**9) for _ in range(n)])),
        ("large-increasing", case(list(range(-n, n, 2)))),
        ("large-few-values", case([rng.randint(1, 20) for _ in range(n)])),
        ("large-sawtooth", case([k % 1000 + k // 1000 for k in range(n)])),
    ]
