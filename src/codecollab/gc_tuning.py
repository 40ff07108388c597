"""Garbage-collector settings for the long-running server process.

CPython's default thresholds (700, 10, 10) run a young collection every 700 new container
objects. Under live editing (thousands of WebSocket frames a second) that is hundreds of
collections a second, and every object that lives a few tens of milliseconds (a queued frame,
an event waiting for the group commit) survives two of them and is promoted to the old
generation. Full collections then come every few seconds and traverse every connection's
objects: 300-400 ms pauses at 1,000 connections, the whole p99 of the collaboration benchmark
(docs/benchmarks.md). Rarer young collections let those objects die young, and freezing what
exists once the application is built keeps modules, classes and functions out of every later
full collection.
"""

from __future__ import annotations

import gc

# Young collections every 20,000 new container objects (a few per second under load), the
# middle generation every 50 of them, a full collection every 20 middle ones at most.
THRESHOLDS = (20_000, 50, 20)


def tune_for_server() -> None:
    """Call once the application is imported and built, before serving."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
