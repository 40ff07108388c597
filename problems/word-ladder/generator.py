"""Hidden tests for word-ladder (see generate.py)."""

import random


def case(begin: str, end: str, words: list[str]) -> str:
    return f"{begin} {end}\n{len(words)}\n" + "".join(word + "\n" for word in words)


def random_word(rng: random.Random, length: int, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def long_chain(rng: random.Random, length: int, steps: int) -> list[str]:
    """A path of `steps` words, each one letter from the last, no word repeated."""
    word = random_word(rng, length, "abcdefghij")
    chain, seen = [word], {word}
    while len(chain) < steps:
        position = rng.randrange(length)
        nxt = word[:position] + rng.choice("abcdefghij") + word[position + 1 :]
        if nxt not in seen:
            chain.append(nxt)
            seen.add(nxt)
            word = nxt
    return chain


def cases() -> list[tuple[str, str]]:
    rng = random.Random(6)
    dense = sorted({random_word(rng, 6, "abcdef") for _ in range(20_000)})
    begin, end = random_word(rng, 6, "abcdef"), dense[-1]
    sparse = sorted({random_word(rng, 8, "abcdefghijklmnopqrstuvwxyz") for _ in range(20_000)})
    chain = long_chain(rng, 10, 3000)
    noise = {random_word(rng, 10, "klmnopqrst") for _ in range(15_000)}
    chain_words = chain[1:] + sorted(noise - set(chain))
    rng.shuffle(chain_words)
    unreachable = sorted({random_word(rng, 5, "abc") for _ in range(200)} | {"zzzzz"})
    return [
        ("large-dense", case(begin, end, dense)),
        ("large-sparse-unreachable", case("aaaaaaaa", sparse[len(sparse) // 2], sparse)),
        ("large-long-chain", case(chain[0], chain[-1], chain_words)),
        ("end-isolated", case("abcab", "zzzzz", unreachable)),
    ]
