"""Group commit for the event log: accepted updates are batched for a few milliseconds (or until
N are waiting) and written in one transaction, so persistence costs no round trip per keystroke.

The interval counts from the oldest waiting append, not from when the writer got round to the
batch: appends arriving while a transaction is in flight are committed at most one interval
(plus the transactions) after they arrived. Each transaction's commit delay (oldest append to
commit) is recorded, and summarised in the log when the writer stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import statistics
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import NoResultFound
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.events.service import NewEvent, WrittenEvent, append_events_for_rooms

logger = logging.getLogger(__name__)

Batch = dict[uuid.UUID, list[NewEvent]]
CommittedListener = Callable[[uuid.UUID, list[WrittenEvent]], None]
MAX_RETRY_DELAY_S = 2.0
# Commit delays kept for the summary (the most recent; at 20 transactions a second, 80 minutes).
KEPT_DELAYS = 100_000


@dataclass
class CommitDelays:
    """How long accepted events waited to be committed: one delay per transaction, measured
    from its oldest event's append to the end of the commit."""

    transactions: int = 0
    events: int = 0
    recent_s: deque[float] = field(default_factory=lambda: deque(maxlen=KEPT_DELAYS))

    def record(self, delay_s: float, events: int) -> None:
        self.transactions += 1
        self.events += events
        self.recent_s.append(delay_s)

    def summary(self) -> str:
        if not self.recent_s:
            return "event log: nothing committed"
        delays_ms = sorted(delay * 1000 for delay in self.recent_s)
        p99 = delays_ms[min(len(delays_ms) - 1, int(0.99 * len(delays_ms)))]
        return (
            f"event log: {self.events} events committed in {self.transactions} transactions; "
            f"commit delay p50 {statistics.median(delays_ms):.1f} ms, p99 {p99:.1f} ms, "
            f"max {delays_ms[-1]:.1f} ms"
        )


class EventLogWriter:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        interval_s: float,
        max_events: int,
        on_committed: CommittedListener | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._interval_s = interval_s
        self._max_events = max_events
        self._on_committed = on_committed
        self._pending: Batch = {}
        self._pending_count = 0
        # time.monotonic() of the oldest pending append (the batch's deadline counts from it).
        self._oldest = 0.0
        self.delays = CommitDelays()
        self._wakeup = asyncio.Event()
        self._full = asyncio.Event()
        self._waiters: list[asyncio.Future[None]] = []
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="event-log-writer")

    def append(self, room_id: uuid.UUID, event: NewEvent) -> None:
        if not self._pending_count:
            self._oldest = time.monotonic()
        self._pending.setdefault(room_id, []).append(event)
        self._pending_count += 1
        self._wakeup.set()
        if self._pending_count >= self._max_events:
            self._full.set()

    @property
    def pending(self) -> int:
        return self._pending_count

    async def flush(self) -> None:
        """Return once everything appended before this call is committed."""
        if self._task is None or self._task.done():
            raise RuntimeError("the event log writer is not running")
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        self._wakeup.set()
        self._full.set()
        await waiter

    async def stop(self) -> None:
        """Write everything still pending, then stop."""
        if self._task is None:
            return
        await self.flush()
        self._stopping = True
        self._wakeup.set()
        await self._task
        self._task = None
        logger.info(self.delays.summary())

    async def _run(self) -> None:
        delay = 0.0
        while True:
            await self._wakeup.wait()
            if self._stopping and not self._pending:
                return
            await self._gather()
            self._wakeup.clear()
            self._full.clear()
            batch, oldest, waiters = self._take()
            failed = await self._write(batch)
            if failed:
                self._put_back(failed, oldest)
                self._waiters[:0] = waiters
                delay = min(MAX_RETRY_DELAY_S, max(0.05, delay * 2))
                await asyncio.sleep(delay)
                self._wakeup.set()
                continue
            delay = 0.0
            if batch:
                self.delays.record(time.monotonic() - oldest, _count(batch))
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    async def _gather(self) -> None:
        """Wait until the group-commit interval after the oldest append, unless the batch is
        already full."""
        remaining = self._oldest + self._interval_s - time.monotonic()
        if remaining <= 0 or self._full.is_set() or not self._pending_count:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._full.wait(), remaining)

    def _take(self) -> tuple[Batch, float, list[asyncio.Future[None]]]:
        batch, self._pending, self._pending_count = self._pending, {}, 0
        waiters, self._waiters = self._waiters, []
        return batch, self._oldest, waiters

    def _put_back(self, failed: Batch, oldest: float) -> None:
        if self._pending_count:
            oldest = min(oldest, self._oldest)
        self._oldest = oldest
        for room_id, events in failed.items():
            self._pending[room_id] = events + self._pending.get(room_id, [])
            self._pending_count += len(events)

    async def _write(self, batch: Batch) -> Batch:
        """Write the batch; returns what could not be written yet (to retry)."""
        if not batch:
            return {}
        try:
            await self._commit(batch)
        except Exception as exc:
            if len(batch) == 1:
                return _unwritten(batch, exc)
            # One bad room (deleted meanwhile) must not hold back the others.
            failed: Batch = {}
            for room_id, events in batch.items():
                failed.update(await self._write({room_id: events}))
            return failed
        return {}

    async def _commit(self, batch: Batch) -> None:
        async with self._sessionmaker() as session, session.begin():
            committed = await append_events_for_rooms(session, batch)
        for room_id in batch.keys() - committed.keys():
            logger.warning(
                "room %s no longer exists; dropping %d events", room_id, len(batch[room_id])
            )
        if self._on_committed is not None:
            for room_id, rows in committed.items():
                self._on_committed(room_id, rows)


def _count(batch: Batch) -> int:
    return sum(len(events) for events in batch.values())


def _unwritten(batch: Batch, exc: Exception) -> Batch:
    """What of a one-room batch to retry: nothing if the room was deleted meanwhile."""
    room_id = next(iter(batch))
    if isinstance(exc, NoResultFound):
        logger.warning("room %s no longer exists; dropping %d events", room_id, len(batch[room_id]))
        return {}
    logger.error("writing room %s's events failed (%r); will retry", room_id, exc)
    return batch
