"""Hidden tests for longest-substring-without-repeats (see generate.py)."""

import random
import string

ALPHABET = string.ascii_lowercase + string.digits


def cases() -> list[tuple[str, str]]:
    rng = random.Random(4)
    full = "".join(rng.sample(ALPHABET, len(ALPHABET)))
    return [
        ("random-small", "".join(rng.choice("abc") for _ in range(30)) + "\n"),
        ("random-medium", "".join(rng.choice(ALPHABET) for _ in range(5000)) + "\n"),
        ("large-random", "".join(rng.choice(ALPHABET) for _ in range(100_000)) + "\n"),
        ("large-two-letters", "".join(rng.choice("xy") for _ in range(100_000)) + "\n"),
        ("large-whole-alphabet-repeated", (full * 2800)[:100_000] + "\n"),
        ("large-same-letter", "z" * 100_000 + "\n"),
        # The best window only at the very end, after a long stretch of repeats.
        ("large-best-at-end", "a" * 99_964 + full + "\n"),
    ]
