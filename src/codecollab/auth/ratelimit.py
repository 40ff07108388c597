"""Limits on guessing passwords and on creating accounts (the `limits` library's storage).

Logins: failures are counted per (account, client address) pair and per client address. Once a
pair (or address) reaches its allowance, each failure makes it wait, twice as long as the one
before, up to a ceiling (429 with Retry-After); the password is not even checked meanwhile.
Nothing is counted per account alone, so failures from an attacker's address never stop the
owner logging in from their own (OWASP ASVS V2.2, NIST SP 800-63B §5.2.2). A success clears the
pair's count.

Sign-ups (and guest joins), invite previews: a moving window per client address.

In memory for one process; in Redis when REDIS_URL is set, so every server process counts the
same attempts. If Redis is unreachable the limiters let requests through and log it: an outage of
the limiter must not lock every user out.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from codecollab.config import Settings

logger = logging.getLogger(__name__)


def limits_storage(settings: Settings, *, prefix: str) -> Storage:
    if settings.redis_url:
        return RedisStorage(f"async+{settings.redis_url}", key_prefix=prefix)
    return MemoryStorage()


@dataclass(frozen=True)
class Backoff:
    """Once `allowed` failures are counted, each failure makes the next attempt wait:
    base_s after the `allowed`-th, twice as long after each further one, at most max_s."""

    allowed: int
    base_s: int
    max_s: int

    def delay_s(self, failures: int) -> int:
        """How long to block after the `failures`-th failure (0: not at all)."""
        if failures < self.allowed or failures == 0:
            return 0
        doublings = min(failures - self.allowed, 32)  # 2**32 s is past any ceiling
        return min(self.max_s, self.base_s << doublings)


class BackoffCounter:
    """Failures per key in a storage, with the block that the latest failure earned."""

    def __init__(self, storage: Storage, backoff: Backoff, *, window_s: int) -> None:
        self._storage = storage
        self._backoff = backoff
        self._window_s = window_s

    async def retry_after(self, key: str) -> int | None:
        failures = await self._storage.get(f"{key}/failures")
        if self._backoff.delay_s(failures) == 0:
            return None
        # Later failures block longer and end later: only the latest failure's block matters.
        block = f"{key}/blocked/{failures}"
        if await self._storage.get(block) == 0:
            return None
        return max(1, math.ceil(await self._storage.get_expiry(block) - time.time()))

    async def record_failure(self, key: str) -> None:
        failures = await self._storage.incr(f"{key}/failures", self._window_s)
        delay = self._backoff.delay_s(failures)
        if delay:
            await self._storage.incr(f"{key}/blocked/{failures}", delay)

    async def clear(self, key: str) -> None:
        await self._storage.clear(f"{key}/failures")


class LoginLimiter:
    def __init__(
        self, storage: Storage, *, per_pair: Backoff, per_address: Backoff, window_s: int
    ) -> None:
        self._pairs = BackoffCounter(storage, per_pair, window_s=window_s)
        self._addresses = BackoffCounter(storage, per_address, window_s=window_s)

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginLimiter:
        def backoff(allowed: int) -> Backoff:
            return Backoff(
                allowed=allowed,
                base_s=settings.login_backoff_base_s,
                max_s=settings.login_backoff_max_s,
            )

        return cls(
            limits_storage(settings, prefix="codecollab-login"),
            per_pair=backoff(settings.login_failures_per_account_address),
            per_address=backoff(settings.login_failures_per_address),
            window_s=settings.login_failure_window_s,
        )

    async def retry_after(self, *, account: str, address: str) -> int | None:
        """Seconds until this address may try this account again, or None if it may now."""
        try:
            waits = [
                await self._pairs.retry_after(_pair(account, address)),
                await self._addresses.retry_after(_address(address)),
            ]
        except Exception:  # the storage is down: fail open, see the module docstring
            logger.warning("login rate limiter unavailable; not limiting", exc_info=True)
            return None
        known = [wait for wait in waits if wait is not None]
        return max(known) if known else None

    async def record_failure(self, *, account: str, address: str) -> None:
        try:
            await self._pairs.record_failure(_pair(account, address))
            await self._addresses.record_failure(_address(address))
        except Exception:
            logger.warning("login rate limiter unavailable; failure not counted", exc_info=True)

    async def record_success(self, *, account: str, address: str) -> None:
        try:
            await self._pairs.clear(_pair(account, address))
        except Exception:
            logger.warning("login rate limiter unavailable; success not recorded", exc_info=True)


def _pair(account: str, address: str) -> str:
    return f"pair/{address}/{account}"


def _address(address: str) -> str:
    return f"address/{address}"


class AddressLimiter:
    """Attempts per client address in a moving window (`limits` notation, e.g. "10/hour")."""

    def __init__(self, storage: Storage, *, limit: str, scope: str) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._item = parse(limit)
        self._scope = scope

    async def take(self, *, address: str) -> int | None:
        """Count an attempt: None if allowed, else the seconds to wait."""
        try:
            if await self._limiter.hit(self._item, self._scope, address):
                return None
            stats = await self._limiter.get_window_stats(self._item, self._scope, address)
        except Exception:
            logger.warning("%s rate limiter unavailable; not limiting", self._scope, exc_info=True)
            return None
        return max(1, math.ceil(stats.reset_time - time.time()))


class SignupLimiter(AddressLimiter):
    """Sign-ups per client address; guest joins count here too (each makes a user)."""

    def __init__(self, storage: Storage, *, limit: str) -> None:
        super().__init__(storage, limit=limit, scope="signup")

    @classmethod
    def from_settings(cls, settings: Settings) -> SignupLimiter:
        return cls(
            limits_storage(settings, prefix="codecollab-signup"), limit=settings.signup_rate_limit
        )


class InvitePreviewLimiter(AddressLimiter):
    """Invite previews per client address: the preview is public, so it must not be a free
    oracle for guessing tokens or a cheap way to load the database."""

    def __init__(self, storage: Storage, *, limit: str) -> None:
        super().__init__(storage, limit=limit, scope="invite-preview")

    @classmethod
    def from_settings(cls, settings: Settings) -> InvitePreviewLimiter:
        return cls(
            limits_storage(settings, prefix="codecollab-invite-preview"),
            limit=settings.invite_preview_rate_limit,
        )


class PasswordResetLimiter:
    """Reset requests per client address (refused with a wait), and reset e-mails per account
    (skipped silently, so the answer never tells whether the account exists), each in a moving
    window."""

    def __init__(self, storage: Storage, *, limit: str) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._item = parse(limit)

    @classmethod
    def from_settings(cls, settings: Settings) -> PasswordResetLimiter:
        return cls(
            limits_storage(settings, prefix="codecollab-reset"),
            limit=settings.password_reset_rate_limit,
        )

    async def take_address(self, *, address: str) -> int | None:
        """Count a request from `address`: None if allowed, else the seconds to wait."""
        try:
            if await self._limiter.hit(self._item, "address", address):
                return None
            stats = await self._limiter.get_window_stats(self._item, "address", address)
        except Exception:
            logger.warning("password reset rate limiter unavailable; not limiting", exc_info=True)
            return None
        return max(1, math.ceil(stats.reset_time - time.time()))

    async def take_account(self, *, account: str) -> bool:
        """Whether another reset e-mail may go to `account` now."""
        try:
            return await self._limiter.hit(self._item, "account", account)
        except Exception:
            logger.warning("password reset rate limiter unavailable; not limiting", exc_info=True)
            return True
