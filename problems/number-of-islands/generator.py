"""Hidden tests for number-of-islands (see generate.py)."""

import random


def case(grid: list[str]) -> str:
    return f"{len(grid)} {len(grid[0])}\n" + "".join(row + "\n" for row in grid)


def random_grid(rng: random.Random, rows: int, cols: int, land: float) -> list[str]:
    return ["".join("1" if rng.random() < land else "0" for _ in range(cols)) for _ in range(rows)]


def snake(rows: int, cols: int) -> list[str]:
    """One island winding through the whole grid: deep for a recursive search."""
    grid = []
    for row in range(rows):
        if row % 2 == 0:
            grid.append("1" * cols)
        elif row % 4 == 1:
            grid.append("0" * (cols - 1) + "1")
        else:
            grid.append("1" + "0" * (cols - 1))
    return grid


def cases() -> list[tuple[str, str]]:
    rng = random.Random(9)
    checker = ["".join("1" if (r + c) % 2 == 0 else "0" for c in range(500)) for r in range(500)]
    return [
        ("random-small", case(random_grid(rng, 8, 12, 0.45))),
        ("single-row", case(random_grid(rng, 1, 1000, 0.5))),
        ("single-column", case(["1" if rng.random() < 0.5 else "0" for _ in range(1000)])),
        ("large-random-sparse", case(random_grid(rng, 500, 500, 0.3))),
        ("large-random-dense", case(random_grid(rng, 500, 500, 0.6))),
        ("large-diagonal-checkerboard", case(checker)),
        ("large-snake", case(snake(500, 500))),
    ]
