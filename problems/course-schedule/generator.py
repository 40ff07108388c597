"""Hidden tests for course-schedule (see generate.py)."""

import random


def case(n: int, edges: list[tuple[int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{a} {b}\n" for a, b in edges)


def random_dag(rng: random.Random, n: int, m: int) -> list[tuple[int, int]]:
    rank = list(range(n))
    rng.shuffle(rank)
    edges = set()
    while len(edges) < m:
        a, b = rng.sample(range(n), 2)
        edges.add((a, b) if rank[b] < rank[a] else (b, a))  # b before a
    return sorted(edges, key=lambda _: rng.random())


def cases() -> list[tuple[str, str]]:
    rng = random.Random(12)
    n = 50_000
    chain = [(k, k + 1) for k in range(n - 1)]  # k needs k + 1 first: the reverse order
    cyclic = random_dag(rng, n, 40_000)
    a, b = cyclic[0]
    return [
        ("random-small", case(10, random_dag(rng, 10, 12))),
        ("no-prerequisites", case(7, [])),
        ("large-random-dag", case(n, random_dag(rng, n, 60_000))),
        ("large-reverse-chain", case(n, chain)),
        ("large-one-cycle", case(n, [*cyclic, (b, a)])),
        ("large-star", case(n, [(k, 0) for k in range(1, n)])),
    ]
