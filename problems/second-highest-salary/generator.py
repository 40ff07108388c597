"""Hidden tests for second-highest-salary: setup scripts with many employees (see generate.py)."""

import random

SCHEMA = "CREATE TABLE employee (id INTEGER PRIMARY KEY, salary INTEGER NOT NULL);\n"


def setup(salaries: list[int]) -> str:
    rows = ",\n".join(f"({index}, {salary})" for index, salary in enumerate(salaries, start=1))
    return SCHEMA + (f"INSERT INTO employee VALUES\n{rows};\n" if rows else "")


def cases() -> list[tuple[str, str]]:
    rng = random.Random(20)
    tests = [
        ("random-small", setup([rng.randint(1, 10) * 1000 for _ in range(12)])),
        ("random-wide", setup([rng.randint(1, 10**6) for _ in range(2000)])),
    ]
    # The top salary held by many, the second by one employee.
    many_top = [9000] * 500 + [8999] + [rng.randint(1, 8000) for _ in range(500)]
    rng.shuffle(many_top)
    tests.append(("top-shared-by-500", setup(many_top)))
    tests.append(("two-distinct-many-rows", setup([7, 3] * 1000)))
    return tests
