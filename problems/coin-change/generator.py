"""Hidden tests for coin-change (see generate.py)."""

import random


def case(coins: list[int], amount: int) -> str:
    return f"{len(coins)} {amount}\n{' '.join(map(str, coins))}\n"


def cases() -> list[tuple[str, str]]:
    rng = random.Random(10)
    return [
        ("greedy-fails", case([1, 7, 10], 14)),
        ("greedy-fails-large", case([1, 50, 99, 100], 9_898)),
        ("random-small", case(rng.sample(range(1, 30), 4), 97)),
        ("large-many-coins", case(rng.sample(range(1, 10_001), 50), 10_000)),
        ("large-unreachable-even", case([2 * k for k in range(1, 51)], 9_999)),
        ("large-big-coins", case(rng.sample(range(500, 2_000), 20), 9_973)),
        ("large-one-coin", case([1], 10_000)),
    ]
