"""Login-failure limits shared through Redis, and failing open when the store is down."""

from __future__ import annotations

import os
import uuid

import pytest
from limits.aio.storage import RedisStorage

from codecollab.auth.ratelimit import LoginLimiter


def _redis_url() -> str:
    url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set: no Redis to share limits through")
    return url


def _limiter(url: str) -> LoginLimiter:
    return LoginLimiter(
        RedisStorage(f"async+{url}", key_prefix="codecollab-test"),
        per_account=3,
        per_address=100,
        window_s=60,
    )


async def test_failures_counted_by_one_process_limit_another() -> None:
    url = _redis_url()
    account = f"{uuid.uuid4().hex}@example.com"
    first, second = _limiter(url), _limiter(url)
    for _ in range(3):
        await first.record_failure(account=account, address="10.0.0.1")
    retry_after = await second.retry_after(account=account, address="10.0.0.2")
    assert retry_after is not None
    assert 0 < retry_after <= 60


async def test_an_unreachable_store_lets_logins_through() -> None:
    limiter = LoginLimiter(
        RedisStorage("async+redis://127.0.0.1:1/0"), per_account=1, per_address=1, window_s=60
    )
    await limiter.record_failure(account="a@example.com", address="10.0.0.1")
    assert await limiter.retry_after(account="a@example.com", address="10.0.0.1") is None
