"""Hidden tests for customers-who-never-order: many customers, namesakes, guest orders
(see generate.py)."""

import random

SCHEMA = (
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER);\n"
)
NAMES = ["Ada", "Alan", "Grace", "Linus", "Barbara", "Edsger", "Donald", "Frances", "Ken", "Radia"]


def setup(names: list[str], buyers: list[int | None]) -> str:
    customers = ",\n".join(f"({index}, '{name}')" for index, name in enumerate(names, start=1))
    orders = ",\n".join(
        f"({index}, {'NULL' if buyer is None else buyer})"
        for index, buyer in enumerate(buyers, start=1)
    )
    script = SCHEMA + f"INSERT INTO customers VALUES\n{customers};\n"
    return script + (f"INSERT INTO orders VALUES\n{orders};\n" if orders else "")


def case(rng: random.Random, customers: int, orders: int, guests: int) -> str:
    names = [rng.choice(NAMES) for _ in range(customers)]
    buyers: list[int | None] = [rng.randint(1, customers) for _ in range(orders)]
    buyers += [None] * guests
    rng.shuffle(buyers)
    return setup(names, buyers)


def cases() -> list[tuple[str, str]]:
    rng = random.Random(21)
    return [
        ("random-small", case(rng, 20, 15, 0)),
        ("random-with-guests", case(rng, 300, 400, 5)),
        ("many-namesakes", case(rng, 3000, 2500, 1)),
    ]
