"""Hidden tests for group-anagrams (see generate.py)."""

import random


def case(words: list[str]) -> str:
    return f"{len(words)}\n" + "".join(word + "\n" for word in words)


def shuffled(rng: random.Random, word: str) -> str:
    letters = list(word)
    rng.shuffle(letters)
    return "".join(letters)


def cases() -> list[tuple[str, str]]:
    rng = random.Random(16)
    roots = ["".join(rng.choice("abcdefgh") for _ in range(rng.randint(3, 8))) for _ in range(5000)]
    words = [shuffled(rng, rng.choice(roots)) for _ in range(20_000)]
    # Same letters, different counts: not anagrams of each other.
    counts = [letter * k + "b" * (12 - k) for letter in "a" for k in range(1, 12)]
    singles = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10)) for _ in range(20_000)
    ]
    return [
        ("letter-counts-matter", case(counts + [shuffled(rng, word) for word in counts])),
        ("large-grouped", case(words)),
        ("large-mostly-singletons", case(singles)),
        ("large-one-group", case([shuffled(rng, "interviewing") for _ in range(10_000)])),
    ]
