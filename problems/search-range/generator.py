"""Hidden tests for search-range (see generate.py)."""

import random


def case(values: list[int], queries: list[int]) -> str:
    return (
        f"{len(values)} {len(queries)}\n{' '.join(map(str, values))}\n"
        f"{' '.join(map(str, queries))}\n"
    )


def cases() -> list[tuple[str, str]]:
    rng = random.Random(8)
    few_values = sorted(rng.randint(-50, 50) for _ in range(50_000))
    wide = sorted(rng.randint(-(10**9), 10**9) for _ in range(50_000))
    return [
        ("random-small", case(sorted(rng.randint(0, 9) for _ in range(20)), list(range(-1, 11)))),
        ("large-many-duplicates", case(few_values, [rng.randint(-60, 60) for _ in range(50_000)])),
        (
            "large-wide",
            case(
                wide,
                [
                    rng.choice(wide) if rng.random() < 0.5 else rng.randint(-(10**9), 10**9)
                    for _ in range(50_000)
                ],
            ),
        ),
        ("large-all-equal", case([7] * 50_000, [7, 6, 8] * 16_666)),
    ]
