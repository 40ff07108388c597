"""Hidden tests for consecutive-login-days: many users, repeated logins, streaks over month
and year ends (see generate.py)."""

import datetime
import random

SCHEMA = "CREATE TABLE logins (user_id INTEGER NOT NULL, login_date TEXT NOT NULL);\n"
START = datetime.date(2023, 11, 15)


def case(rng: random.Random, users: int, days: int, presence: float) -> str:
    rows = []
    for user in range(1, users + 1):
        for offset in range(days):
            if rng.random() < presence:
                day = (START + datetime.timedelta(days=offset)).isoformat()
                rows += [f"({user}, '{day}')"] * rng.choice((1, 1, 1, 2, 3))
    rng.shuffle(rows)
    return SCHEMA + "INSERT INTO logins VALUES\n" + ",\n".join(rows) + ";\n"


def cases() -> list[tuple[str, str]]:
    rng = random.Random(23)
    return [
        ("sparse", case(rng, 30, 60, 0.35)),
        ("dense", case(rng, 50, 90, 0.8)),
        ("many-users", case(rng, 400, 60, 0.5)),
    ]
