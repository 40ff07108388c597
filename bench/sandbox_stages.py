"""Where one bubblewrap run's time goes, stage by stage (median over --runs, in process).

    .venv/bin/python -m bench.sandbox_stages [--runs 30] [--languages c,python]

Wraps the backend's own steps with timers: taking a pre-started sandbox from the pool, loading
it (copying the program into its /box, stdin, unblocking), supervising (the program, its exit
and the pipes' end), finishing (kill sweep, cgroup accounting and removal). "other" is the
rest of `run` (thread hops, the event loop). A pause between runs lets the pool refill, as
requests that are not back to back do. Needs root, like the server.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from bench.sandbox_overhead import LIMITS, scratch_dir
from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox import bwrap, bwrap_started, warm
from codecollab.execution.sandbox.base import COMPILE_LIMITS, Status

T = TypeVar("T")
TIMES: dict[str, list[float]] = defaultdict(list)


def timed(name: str, function: Callable[..., T]) -> Callable[..., T]:
    def wrapper(*args: Any, **kwargs: Any) -> T:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[name].append((time.perf_counter() - started) * 1000)

    return wrapper


def timed_async(name: str, function: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        started = time.perf_counter()
        try:
            return await function(*args, **kwargs)
        finally:
            TIMES[name].append((time.perf_counter() - started) * 1000)

    return wrapper


def instrument() -> None:
    warm.WarmPool.take = timed_async("take (pool)", warm.WarmPool.take)  # type: ignore[method-assign]
    bwrap.BwrapSandbox._load = timed("load (copy, stdin, unblock)", bwrap.BwrapSandbox._load)  # type: ignore[method-assign]
    bwrap.supervise = timed_async("supervise (program, exit, pipes)", bwrap.supervise)
    bwrap_started.StartedSandbox.finish = timed(  # type: ignore[method-assign]
        "finish (kill, account, cgroup)", bwrap_started.StartedSandbox.finish
    )


async def measure(language_id: str, runs: int) -> None:
    sandbox = bwrap.BwrapSandbox(root=scratch_dir() / "runs")
    assert (await sandbox.probe()).available
    language = load_languages()[language_id]
    program = await sandbox.prepare(
        language, language.hello.source, limits=language.compile_limits_over(COMPILE_LIMITS)
    )
    await sandbox.run(program, stdin="", limits=LIMITS)  # the shape's first run starts cold
    sandbox.drain()
    TIMES.clear()
    for _ in range(runs):
        await asyncio.sleep(0.02)
        started = time.perf_counter()
        result = await sandbox.run(program, stdin="", limits=LIMITS)
        TIMES["run (total)"].append((time.perf_counter() - started) * 1000)
        TIMES["program wall (wall_ms)"].append(result.wall_ms)
        assert result.status is Status.OK, result
    await sandbox.cleanup(program)
    await sandbox.close()
    medians = {name: statistics.median(values) for name, values in TIMES.items()}
    parts = [name for name in medians if name not in ("run (total)", "program wall (wall_ms)")]
    medians["other (thread hops, loop)"] = medians["run (total)"] - sum(medians[p] for p in parts)
    print(f"\n{language_id}: median of {runs} runs, ms")
    for name, value in medians.items():
        print(f"  {name:36s} {value:6.2f}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--languages", default="c,python")
    args = parser.parse_args()
    instrument()
    for language_id in args.languages.split(","):
        await measure(language_id, args.runs)


if __name__ == "__main__":
    asyncio.run(main())
