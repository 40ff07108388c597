"""Hidden tests for two-sum: exactly one pair sums to the target (see generate.py)."""

import random


def unique_pair_case(rng: random.Random, n: int, spread: int) -> str:
    # Every value but the pair is a multiple of 4; the pair's values are 1 mod 4, so only the
    # pair can sum to the target (2 mod 4).
    values = [4 * rng.randint(-spread, spread) for _ in range(n - 2)]
    first, second = 4 * rng.randint(-spread, spread) + 1, 4 * rng.randint(-spread, spread) + 1
    i, j = sorted(rng.sample(range(n), 2))
    values.insert(i, first)
    values.insert(j, second)
    return f"{n} {first + second}\n{' '.join(map(str, values))}\n"


def cases() -> list[tuple[str, str]]:
    rng = random.Random(1)
    tests = [(f"random-{n}", unique_pair_case(rng, n, 10**6)) for n in (10, 1000, 5000)]
    tests.append(("large-many-duplicates", unique_pair_case(rng, 50_000, 50)))
    tests.append(("large-wide", unique_pair_case(rng, 50_000, 2 * 10**8)))
    # The pair at the very end: a scan that stops early misses nothing, a quadratic one is slow.
    n = 50_000
    values = [4 * k for k in range(n - 2)] + [1, 5]
    tests.append(("large-pair-last", f"{n} 6\n{' '.join(map(str, values))}\n"))
    return tests
