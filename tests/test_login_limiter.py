"""Login backoff per (account, address) and per address, shared through Redis, failing open."""

from __future__ import annotations

import os
import uuid

import pytest
from limits.aio.storage import MemoryStorage, RedisStorage, Storage

from codecollab.auth.ratelimit import Backoff, LoginLimiter, SignupLimiter

PAIR = Backoff(allowed=3, base_s=30, max_s=900)
ADDRESS = Backoff(allowed=100, base_s=30, max_s=900)


def _redis_url() -> str:
    url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set: no Redis to share limits through")
    return url


def _limiter(storage: Storage) -> LoginLimiter:
    return LoginLimiter(storage, per_pair=PAIR, per_address=ADDRESS, window_s=3600)


def _account() -> str:
    return f"{uuid.uuid4().hex}@example.com"


def test_failures_within_the_allowance_cost_nothing() -> None:
    assert [PAIR.delay_s(failures) for failures in range(3)] == [0, 0, 0]


def test_each_further_failure_doubles_the_delay_up_to_the_ceiling() -> None:
    assert [PAIR.delay_s(failures) for failures in range(3, 10)] == [
        30,
        60,
        120,
        240,
        480,
        900,
        900,
    ]


def test_an_absurd_failure_count_stays_at_the_ceiling() -> None:
    assert PAIR.delay_s(10**9) == 900


async def test_failures_block_the_pair_not_the_account_from_another_address() -> None:
    limiter, account = _limiter(MemoryStorage()), _account()
    for _ in range(3):
        await limiter.record_failure(account=account, address="10.0.0.66")
    assert await limiter.retry_after(account=account, address="10.0.0.66") is not None
    assert await limiter.retry_after(account=account, address="10.0.0.1") is None


async def test_a_success_clears_the_pairs_failures() -> None:
    limiter, account = _limiter(MemoryStorage()), _account()
    for _ in range(2):
        await limiter.record_failure(account=account, address="10.0.0.1")
    await limiter.record_success(account=account, address="10.0.0.1")
    await limiter.record_failure(account=account, address="10.0.0.1")
    assert await limiter.retry_after(account=account, address="10.0.0.1") is None


async def test_failures_counted_by_one_process_limit_another() -> None:
    url = _redis_url()
    account = _account()
    first = _limiter(RedisStorage(f"async+{url}", key_prefix="codecollab-test"))
    second = _limiter(RedisStorage(f"async+{url}", key_prefix="codecollab-test"))
    for _ in range(3):
        await first.record_failure(account=account, address="10.0.0.1")
    retry_after = await second.retry_after(account=account, address="10.0.0.1")
    assert retry_after is not None
    assert 0 < retry_after <= 30


async def test_an_unreachable_store_lets_logins_through() -> None:
    limiter = LoginLimiter(
        RedisStorage("async+redis://127.0.0.1:1/0"),
        per_pair=Backoff(allowed=1, base_s=30, max_s=900),
        per_address=Backoff(allowed=1, base_s=30, max_s=900),
        window_s=60,
    )
    await limiter.record_failure(account="a@example.com", address="10.0.0.1")
    assert await limiter.retry_after(account="a@example.com", address="10.0.0.1") is None


async def test_sign_ups_past_the_limit_wait_for_the_window() -> None:
    limiter = SignupLimiter(MemoryStorage(), limit="2/hour")
    assert await limiter.take(address="10.0.0.1") is None
    assert await limiter.take(address="10.0.0.1") is None
    retry_after = await limiter.take(address="10.0.0.1")
    assert retry_after is not None
    assert 0 < retry_after <= 3600
    assert await limiter.take(address="10.0.0.2") is None
