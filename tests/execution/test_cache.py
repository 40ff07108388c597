"""Results kept for repeats: bounded, least recently used first, concurrent work joined."""

from __future__ import annotations

import asyncio

import pytest

from codecollab.execution.cache import ResultCache, SharedResults, digest


def test_the_least_recently_used_result_goes_first() -> None:
    cache: ResultCache[str] = ResultCache(2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"
    cache.put("c", "C")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("A", None, "C")
    assert len(cache) == 2


def test_equal_parts_give_equal_keys_and_lone_surrogates_are_keys_too() -> None:
    assert digest("python", "print(1)", ["1\n"]) == digest("python", "print(1)", ["1\n"])
    assert digest("python", "print(1)") != digest("python", "print(2)")
    assert digest("\ud800") != digest("\udc00")


async def test_concurrent_callers_of_one_key_compute_it_once() -> None:
    shared: SharedResults[int] = SharedResults(8)
    calls = 0
    release = asyncio.Event()

    async def compute() -> int:
        nonlocal calls
        calls += 1
        await release.wait()
        return 42

    callers = [asyncio.create_task(shared.get_or_compute("k", compute)) for _ in range(5)]
    await asyncio.sleep(0)
    release.set()
    assert await asyncio.gather(*callers) == [42] * 5
    assert calls == 1
    assert await shared.get_or_compute("k", compute) == 42
    assert calls == 1


async def test_a_waiting_caller_computes_itself_when_the_first_fails() -> None:
    shared: SharedResults[str] = SharedResults(8)
    started = asyncio.Event()

    async def failing() -> str:
        started.set()
        await asyncio.sleep(0)
        raise RuntimeError("the sandbox failed")

    async def working() -> str:
        return "done"

    first = asyncio.create_task(shared.get_or_compute("k", failing))
    await started.wait()
    second = asyncio.create_task(shared.get_or_compute("k", working))
    with pytest.raises(RuntimeError):
        await first
    assert await second == "done"
