"""What the checks before applying a client update cost: the struct parse (client-id ownership)
and the dependency check (`collab/dependencies.py`), per typing update.

Synthetic typing: 8 writers insert one character each at random places in a shared 2,000
character text, 20,000 updates, checked against a document that has everything before each one.
Run: `.venv/bin/python -m bench.update_checks`; prints p50/p99 in microseconds.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from pycrdt import Doc, Text

from codecollab.collab.dependencies import KnownClocks, refuse_dangling
from codecollab.collab.update_structs import read_structs

WRITERS = 8
UPDATES = 20_000

Check = Callable[[bytes, int, KnownClocks], None]


def typing_updates() -> tuple[bytes, list[tuple[int, bytes]]]:
    """The initial text and each writer's one-character insertions (client id, update)."""
    rng = random.Random(1)
    writers: list[Doc[Any]] = [Doc(client_id=1000 + i) for i in range(WRITERS)]
    writers[0].get("code", type=Text).insert(0, "x" * 2000)
    initial = writers[0].get_update()
    server: Doc[Any] = Doc()
    server.apply_update(initial)
    updates = []
    for _ in range(UPDATES):
        writer = writers[rng.randrange(WRITERS)]
        writer.apply_update(server.get_update(writer.get_state()))
        before = writer.get_state()
        text = writer.get("code", type=Text)
        text.insert(rng.randrange(len(text) + 1), "a")
        update = writer.get_update(before)
        server.apply_update(update)
        updates.append((writer.client_id, update))
    return initial, updates


def measure(check: Check, initial: bytes, updates: list[tuple[int, bytes]]) -> tuple[float, float]:
    doc: Doc[Any] = Doc()
    doc.apply_update(initial)
    known = KnownClocks(doc)
    times = []
    for client_id, update in updates:
        start = time.perf_counter_ns()
        check(update, client_id, known)
        times.append(time.perf_counter_ns() - start)
        doc.apply_update(update)
    times.sort()
    return times[len(times) // 2] / 1000, times[len(times) * 99 // 100] / 1000


def parse_only(update: bytes, _client_id: int, _known: KnownClocks) -> None:
    read_structs(update)


def parse_and_check(update: bytes, client_id: int, known: KnownClocks) -> None:
    structs = read_structs(update)
    refuse_dangling(structs.references, own=lambda other: other == client_id, known=known)


def main() -> None:
    initial, updates = typing_updates()
    for name, check in (("parse", parse_only), ("parse + dependencies", parse_and_check)):
        for _ in range(3):
            p50, p99 = measure(check, initial, updates)
            print(f"{name}: p50 {p50:.1f} µs, p99 {p99:.1f} µs")


if __name__ == "__main__":
    main()
