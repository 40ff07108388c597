"""Hidden tests for valid-parentheses (see generate.py)."""

import random

OPEN, CLOSE = "([{", ")]}"


def balanced(rng: random.Random, pairs: int) -> str:
    out, stack = [], []
    opened = 0
    while opened < pairs or stack:
        if opened < pairs and (not stack or rng.random() < 0.5):
            kind = rng.randrange(3)
            out.append(OPEN[kind])
            stack.append(kind)
            opened += 1
        else:
            out.append(CLOSE[stack.pop()])
    return "".join(out)


def corrupt(rng: random.Random, text: str) -> str:
    index = rng.randrange(len(text))
    choices = [char for char in OPEN + CLOSE if char != text[index]]
    return text[:index] + rng.choice(choices) + text[index + 1 :]


def case(texts: list[str]) -> str:
    return f"{len(texts)}\n" + "".join(text + "\n" for text in texts)


def cases() -> list[tuple[str, str]]:
    rng = random.Random(2)
    short = []
    for _ in range(2000):
        text = balanced(rng, rng.randint(1, 8))
        short.append(text if rng.random() < 0.5 else corrupt(rng, text))
    deep = "(" * 100_000 + ")" * 100_000
    crossed = "([" * 100_000 + ")]" * 100_000
    return [
        ("many-short", case(short)),
        ("large-random-corrupted", case([corrupt(rng, balanced(rng, 100_000))])),
        ("large-deep-nesting", case([deep])),
        ("large-crossed", case([crossed])),
        ("large-unclosed", case(["{" * 100_000 + "}" * 99_999])),
    ]
