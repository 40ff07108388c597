"""Hidden tests for lru-cache (see generate.py)."""

import random


def case(capacity: int, operations: list[str]) -> str:
    return f"{capacity} {len(operations)}\n" + "".join(op + "\n" for op in operations)


def random_operations(rng: random.Random, count: int, keys: int) -> list[str]:
    operations = []
    for _ in range(count):
        key = rng.randint(1, keys)
        if rng.random() < 0.5:
            operations.append(f"get {key}")
        else:
            operations.append(f"put {key} {rng.randint(0, 10**9)}")
    return operations


def cases() -> list[tuple[str, str]]:
    rng = random.Random(7)
    # Fill a big cache, then touch keys in order so a wrong eviction order shows.
    capacity = 100_000
    fill = [f"put {key} {key * 7}" for key in range(1, capacity + 1)]
    touch = [f"get {key}" for key in range(1, capacity + 1, 2)]
    evict = [f"put {key} {key}" for key in range(capacity + 1, capacity + 1 + capacity // 2)]
    probe = [f"get {key}" for key in range(1, 2001)]
    return [
        ("random-tiny-capacity", case(1, random_operations(rng, 500, 5))),
        ("random-small", case(10, random_operations(rng, 5000, 30))),
        ("large-random", case(1000, random_operations(rng, 60_000, 3000))),
        ("large-capacity-sequential", case(capacity, fill + touch + evict + probe)),
        ("large-update-refreshes", case(100_000, random_operations(rng, 200_000, 80_000))),
    ]
