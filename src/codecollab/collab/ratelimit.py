"""Throttles that slow a sender down instead of refusing it (the limits that refuse, HTTP ones
and client signals, use the `limits` library).

A `Throttle` is a token bucket that may run into debt: `await throttle.wait(n)` spends `n` tokens
and returns once the bucket is out of debt again. A caller that waits before handling what it
read stops reading from its connection meanwhile, so TCP pushes back on the client; nothing is
dropped and nothing is closed. Costs larger than the burst pass too (after a proportionally longer
wait), so no single message can wait forever. Waiters of one shared throttle are served in the
order they spent (each waits for the debt in front of it), which keeps the sum bounded: by any
moment t, at most `burst + rate_per_s * t` tokens have passed.

Hand-written rather than the `limits` library (used for the limits that refuse): `limits` answers
"allowed or not" for a window and never "how long until n more may pass", and a cost above the
window's amount could never pass at all.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable


class Throttle:
    def __init__(
        self,
        *,
        rate_per_s: float,
        burst: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate_per_s <= 0 or burst <= 0:
            raise ValueError("a throttle needs a positive rate and burst")
        self._rate = rate_per_s
        self._burst = float(burst)
        self._tokens = float(burst)
        self._clock = clock
        self._stamp = clock()

    def spend(self, amount: float) -> float:
        """Spend `amount` tokens now; the seconds until the bucket is out of debt (0: at once)."""
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now
        self._tokens -= amount
        return max(0.0, -self._tokens / self._rate)

    async def wait(self, amount: float) -> None:
        """Spend `amount` tokens and wait until they are paid for."""
        delay = self.spend(amount)
        if delay > 0:
            await asyncio.sleep(delay)


class ConnectionThrottle:
    """One connection's budgets: messages per second and bytes per second."""

    def __init__(self, *, messages: Throttle, bytes_: Throttle) -> None:
        self._messages = messages
        self._bytes = bytes_

    async def wait(self, size: int) -> None:
        """Account for one message of `size` bytes; returns when both budgets allow it."""
        delay = max(self._messages.spend(1), self._bytes.spend(size))
        if delay > 0:
            await asyncio.sleep(delay)


class RoomBudgets:
    """One shared byte throttle per room, over all its connections and documents."""

    def __init__(self, *, rate_per_s: float, burst: float) -> None:
        self._rate = rate_per_s
        self._burst = burst
        self._rooms: dict[uuid.UUID, Throttle] = {}

    def of(self, room_id: uuid.UUID) -> Throttle:
        budget = self._rooms.get(room_id)
        if budget is None:
            budget = self._rooms[room_id] = Throttle(rate_per_s=self._rate, burst=self._burst)
        return budget

    def forget(self, room_id: uuid.UUID) -> None:
        """The room left memory (its budget starts full when it comes back)."""
        self._rooms.pop(room_id, None)
