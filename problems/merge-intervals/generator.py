"""Hidden tests for merge-intervals (see generate.py)."""

import random


def case(intervals: list[tuple[int, int]]) -> str:
    return f"{len(intervals)}\n" + "".join(f"{start} {end}\n" for start, end in intervals)


def random_intervals(rng: random.Random, n: int, span: int, length: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        start = rng.randint(0, span)
        out.append((start, min(10**9, start + rng.randint(0, length))))
    return out


def cases() -> list[tuple[str, str]]:
    rng = random.Random(3)
    touching = [(2 * k, 2 * k + 2) for k in range(25_000)]
    rng.shuffle(touching)
    disjoint = [(3 * k, 3 * k + 1) for k in range(25_000)]
    rng.shuffle(disjoint)
    return [
        ("random-small", case(random_intervals(rng, 50, 100, 10))),
        ("random-medium", case(random_intervals(rng, 2000, 10**6, 1000))),
        ("large-touching-shuffled", case(touching)),
        ("large-disjoint-shuffled", case(disjoint)),
        ("large-random", case(random_intervals(rng, 50_000, 10**9, 10**4))),
    ]
