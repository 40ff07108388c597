"""Group commit for the event log: accepted updates are batched for a few milliseconds (or until
N are waiting) and written in one transaction, so persistence costs no round trip per keystroke.

The interval counts from the oldest waiting append, not from when the writer got round to the
batch: appends arriving while a transaction is in flight are committed at most one interval
(plus the transactions) after they arrived. Each transaction's commit delay (oldest append to
commit) is recorded, and summarised in the log when the writer stops.

The writer runs on a thread of its own, with its own event loop and database engine. Under load
the server's event loop is busy relaying updates; a transaction whose round trips each waited
for a turn of that loop missed the 100 ms promise by hundreds of milliseconds. Appends are
handed over under a lock, the writer is woken once per batch, and what it reports (events
committed, flushes done) is delivered on the caller's loop. The server runs this writer inside a
child process by default (`writer_process.py`), where no busy server thread holds the
interpreter lock it needs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import statistics
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import uvloop
from sqlalchemy.exc import NoResultFound
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from codecollab.db import create_engine, create_sessionmaker
from codecollab.events.service import NewEvent, WrittenEvent, append_events_for_rooms

logger = logging.getLogger(__name__)

Batch = dict[uuid.UUID, list[NewEvent]]
CommittedListener = Callable[[uuid.UUID, list[WrittenEvent]], None]
# Called with a room and how many of its events were dropped because the room is gone.
DroppedListener = Callable[[uuid.UUID, int], None]
# Called with each transaction's commit delay in seconds (for the server's metrics).
DelayListener = Callable[[float], None]
EngineFactory = Callable[[], AsyncEngine]
# The writer runs one transaction at a time; the second connection is headroom (a replacement
# for one found broken), not parallelism.
EVENT_LOG_CONNECTIONS = 2
MAX_RETRY_DELAY_S = 2.0
# An accepted update is committed within this; a transaction that misses it is logged.
COMMIT_PROMISE_S = 0.1
# How long starting waits for the writer's first connection to the database.
READY_TIMEOUT_S = 10.0
# Commit delays kept for the summary (the most recent; at 20 transactions a second, 80 minutes).
KEPT_DELAYS = 100_000


def connect_event_log(database_url: str) -> AsyncEngine:
    """The engine of the live event log's group commit.

    It has connections of its own: when a thousand clients connect at once, their
    authorizations take every connection of the main pool, and accepted updates must still
    be committed within the interval, not wait seconds in line. No ping before each
    transaction: that would be one more round trip per commit, and a transaction failing on
    a dropped connection is retried anyway.
    """
    return create_engine(
        database_url, pool_size=EVENT_LOG_CONNECTIONS, max_overflow=0, pool_pre_ping=False
    )


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
    """Commits appended events in groups, on a thread of its own.

    `connect` makes the writer's database engine; it is called, used and disposed on the
    writer's thread, whose event loop no other code shares.
    """

    def __init__(
        self,
        connect: EngineFactory,
        *,
        interval_s: float,
        max_events: int,
        on_committed: CommittedListener | None = None,
        on_dropped: DroppedListener | None = None,
        on_delay: DelayListener | None = None,
    ) -> None:
        self._connect = connect
        self._interval_s = interval_s
        self._max_events = max_events
        self._on_committed = on_committed
        self._on_dropped = on_dropped
        self._on_delay = on_delay
        self.delays = CommitDelays()
        # Shared between the caller's thread and the writer's, under `_lock`.
        self._lock = threading.Lock()
        self._pending: Batch = {}
        self._pending_count = 0
        # time.monotonic() of the oldest pending append (the batch's deadline counts from it).
        self._oldest = 0.0
        self._full_signalled = False
        self._waiters: list[asyncio.Future[None]] = []
        self._stopping = False
        # The writer's own; touched only on its thread (the events bind to its loop when used).
        self._loop = uvloop.new_event_loop()
        self._wakeup = asyncio.Event()
        self._full = asyncio.Event()
        self._sessionmaker: async_sessionmaker[AsyncSession]  # made on the writer's thread
        self._thread: threading.Thread | None = None
        self._caller: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()

    async def start(self) -> None:
        """Start the writer's thread; return once its engine has connected to the database, so
        the first commit does not wait for a connection to be opened (nor for the driver to be
        imported)."""
        self._caller = asyncio.get_running_loop()
        self._thread = threading.Thread(target=self._serve, name="event-log-writer", daemon=True)
        self._thread.start()
        if not await asyncio.to_thread(self._ready.wait, READY_TIMEOUT_S):
            logger.warning("event log: not connected to the database after %.0f s", READY_TIMEOUT_S)

    def append(self, room_id: uuid.UUID, event: NewEvent) -> None:
        with self._lock:
            starts_batch = not self._pending_count
            if starts_batch:
                self._oldest = time.monotonic()
            self._pending.setdefault(room_id, []).append(event)
            self._pending_count += 1
            fills_batch = self._pending_count >= self._max_events and not self._full_signalled
            if fills_batch:
                self._full_signalled = True
        # The writer is woken once per batch, not once per event.
        if starts_batch or fills_batch:
            self._signal(full=fills_batch)

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending_count

    async def flush(self) -> None:
        """Return once everything appended before this call is committed."""
        if self._thread is None or not self._thread.is_alive():
            raise RuntimeError("the event log writer is not running")
        waiter = asyncio.get_running_loop().create_future()
        with self._lock:
            self._waiters.append(waiter)
        self._signal(full=True)
        await waiter

    async def stop(self) -> None:
        """Write everything still pending, then stop."""
        if self._thread is None:
            return
        if self._thread.is_alive():
            await self.flush()
        with self._lock:
            self._stopping = True
        self._signal(full=False)
        await asyncio.to_thread(self._thread.join)
        self._thread = None
        logger.info(self.delays.summary())

    def _signal(self, *, full: bool) -> None:
        """Wake the writer (from any thread)."""
        with contextlib.suppress(RuntimeError):  # the writer has stopped: nothing to wake
            self._loop.call_soon_threadsafe(self._wake, full)

    def _wake(self, full: bool) -> None:
        self._wakeup.set()
        if full:
            self._full.set()

    def _report(self, callback: Callable[..., None], *args: object) -> None:
        """Run `callback(*args)` on the caller's loop."""
        assert self._caller is not None
        with contextlib.suppress(RuntimeError):  # the caller's loop has closed
            self._caller.call_soon_threadsafe(callback, *args)

    # Everything below runs on the writer's thread.

    def _serve(self) -> None:
        # The Runner closes the loop (async generators and executor shut down) when done.
        with asyncio.Runner(loop_factory=lambda: self._loop) as runner:
            runner.run(self._main())

    async def _main(self) -> None:
        engine = self._connect()
        self._sessionmaker = create_sessionmaker(engine)
        try:
            await _connect_once(engine)
            self._ready.set()
            await self._run()
        finally:
            self._ready.set()
            await engine.dispose()

    async def _run(self) -> None:
        delay = 0.0
        while True:
            await self._wakeup.wait()
            with self._lock:
                if self._stopping and not self._pending:
                    return
            await self._gather()
            self._wakeup.clear()
            self._full.clear()
            batch, oldest, waiters = self._take()
            started = time.monotonic()
            failed = await self._write(batch)
            if failed:
                self._put_back(failed, oldest, waiters)
                delay = min(MAX_RETRY_DELAY_S, max(0.05, delay * 2))
                await asyncio.sleep(delay)
                self._wakeup.set()
                continue
            delay = 0.0
            if batch:
                self._record(batch, oldest, started)
            for waiter in waiters:
                self._report(_resolve, waiter)

    def _record(self, batch: Batch, oldest: float, started: float) -> None:
        committed = time.monotonic()
        self.delays.record(committed - oldest, _count(batch))
        if self._on_delay is not None:
            self._report(self._on_delay, committed - oldest)
        if committed - oldest > COMMIT_PROMISE_S:
            logger.warning(
                "event log: commit delay %.0f ms over the %.0f ms promise "
                "(%d events of %d rooms; gathered %.0f ms, transaction %.0f ms)",
                (committed - oldest) * 1000,
                COMMIT_PROMISE_S * 1000,
                _count(batch),
                len(batch),
                (started - oldest) * 1000,
                (committed - started) * 1000,
            )

    async def _gather(self) -> None:
        """Wait until the group-commit interval after the oldest append, unless the batch is
        already full."""
        with self._lock:
            remaining = self._oldest + self._interval_s - time.monotonic()
            empty = not self._pending_count
        if remaining <= 0 or self._full.is_set() or empty:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._full.wait(), remaining)

    def _take(self) -> tuple[Batch, float, list[asyncio.Future[None]]]:
        with self._lock:
            batch, self._pending, self._pending_count = self._pending, {}, 0
            waiters, self._waiters = self._waiters, []
            self._full_signalled = False
            return batch, self._oldest, waiters

    def _put_back(self, failed: Batch, oldest: float, waiters: list[asyncio.Future[None]]) -> None:
        with self._lock:
            if self._pending_count:
                oldest = min(oldest, self._oldest)
            self._oldest = oldest
            for room_id, events in failed.items():
                self._pending[room_id] = events + self._pending.get(room_id, [])
                self._pending_count += len(events)
            self._waiters[:0] = waiters

    async def _write(self, batch: Batch) -> Batch:
        """Write the batch; returns what could not be written yet (to retry)."""
        if not batch:
            return {}
        try:
            await self._commit(batch)
        except Exception as exc:
            if len(batch) == 1:
                return self._unwritten(batch, exc)
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
            self._drop(room_id, len(batch[room_id]))
        if self._on_committed is not None:
            for room_id, rows in committed.items():
                self._report(self._on_committed, room_id, rows)

    def _unwritten(self, batch: Batch, exc: Exception) -> Batch:
        """What of a one-room batch to retry: nothing if the room was deleted meanwhile."""
        room_id = next(iter(batch))
        if isinstance(exc, NoResultFound):
            self._drop(room_id, len(batch[room_id]))
            return {}
        logger.error("writing room %s's events failed (%r); will retry", room_id, exc)
        return batch

    def _drop(self, room_id: uuid.UUID, count: int) -> None:
        logger.warning("room %s no longer exists; dropping %d events", room_id, count)
        if self._on_dropped is not None:
            self._report(self._on_dropped, room_id, count)


async def _connect_once(engine: AsyncEngine) -> None:
    """Open the pool's first connection; a database that is down is retried by the commits."""
    try:
        async with engine.connect():
            pass
    except Exception as exc:
        logger.warning("event log: could not connect to the database yet (%r)", exc)


def _resolve(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


def _count(batch: Batch) -> int:
    return sum(len(events) for events in batch.values())
