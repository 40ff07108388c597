"""Login-failure limits per account and per client address (the `limits` library).

In memory for one process; in Redis when REDIS_URL is set, so every server process counts the
same failures. If Redis is unreachable the limiter lets logins through and logs it: an outage of
the limiter must not lock every user out.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from codecollab.config import Settings

logger = logging.getLogger(__name__)


class LoginLimiter:
    def __init__(
        self, storage: Storage, *, per_account: int, per_address: int, window_s: int
    ) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._account = RateLimitItemPerSecond(per_account, window_s)
        self._address = RateLimitItemPerSecond(per_address, window_s)

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginLimiter:
        storage: Storage = (
            RedisStorage(f"async+{settings.redis_url}", key_prefix="codecollab-login")
            if settings.redis_url
            else MemoryStorage()
        )
        return cls(
            storage,
            per_account=settings.login_failures_per_account,
            per_address=settings.login_failures_per_address,
            window_s=settings.login_failure_window_s,
        )

    async def retry_after(self, *, account: str, address: str) -> int | None:
        """Seconds until another attempt is allowed, or None if one is allowed now."""
        waits = []
        try:
            for item, key in ((self._account, account), (self._address, address)):
                if not await self._limiter.test(item, "login", key):
                    stats = await self._limiter.get_window_stats(item, "login", key)
                    waits.append(max(1, math.ceil(stats.reset_time - time.time())))
        except Exception:  # the storage is down: fail open, see the module docstring
            logger.warning("login rate limiter unavailable; not limiting", exc_info=True)
            return None
        return max(waits) if waits else None

    async def record_failure(self, *, account: str, address: str) -> None:
        try:
            await self._limiter.hit(self._account, "login", account)
            await self._limiter.hit(self._address, "login", address)
        except Exception:
            logger.warning("login rate limiter unavailable; failure not counted", exc_info=True)
