"""Hidden tests for department-top-earners: many departments, salary ties (see generate.py)."""

import random

SCHEMA = (
    "CREATE TABLE department (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE employee (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,\n"
    "    salary INTEGER NOT NULL, department_id INTEGER NOT NULL REFERENCES department (id));\n"
)


def case(rng: random.Random, departments: int, employees: int, salary_levels: int) -> str:
    names = [f"dept-{rng.randrange(10**6):06d}-{index}" for index in range(departments)]
    rows = ",\n".join(f"({index}, '{name}')" for index, name in enumerate(names, start=1))
    staff = ",\n".join(
        f"({index}, 'emp-{rng.randrange(10**6):06d}-{index}', "
        f"{1000 * rng.randint(1, salary_levels)}, {rng.randint(1, departments)})"
        for index in range(1, employees + 1)
    )
    return (
        SCHEMA
        + f"INSERT INTO department VALUES\n{rows};\n"
        + f"INSERT INTO employee VALUES\n{staff};\n"
    )


def cases() -> list[tuple[str, str]]:
    rng = random.Random(22)
    return [
        ("few-levels-many-ties", case(rng, 3, 60, 5)),
        ("random-medium", case(rng, 20, 500, 50)),
        ("large", case(rng, 100, 5000, 200)),
    ]
