"""Hidden tests for top-k-frequent (see generate.py)."""

import random


def case(values: list[int], k: int) -> str:
    return f"{len(values)} {k}\n{' '.join(map(str, values))}\n"


def cases() -> list[tuple[str, str]]:
    rng = random.Random(5)
    skewed = [int(rng.paretovariate(1.2)) for _ in range(25_000)]
    distinct = rng.sample(range(-(10**9), 10**9), 50_000)
    ties = [value for value in range(-250, 250) for _ in range(100)]
    rng.shuffle(ties)
    return [
        ("random-small", case([rng.randint(-5, 5) for _ in range(40)], 3)),
        ("large-skewed", case(skewed, 10)),
        ("large-all-distinct", case(distinct, 1000)),
        ("large-all-tied", case(ties, 100)),
        ("large-wide-random", case([rng.randint(-(10**9), 10**9) for _ in range(25_000)], 5)),
    ]
