"""The event log's group commit in a process of its own.

Under a thousand connecting or leaving clients the server's main thread is busy with Python code
for a second or two, and a writer thread in the same process waits for the interpreter lock at
every step of its transaction: commits took up to 184 ms against the 100 ms promise. A child
process has an interpreter of its own. It runs the same `EventLogWriter`; the server hands it
appended events over a pipe (one message 2 ms after the first of them, whatever their number)
and hears back which sequence numbers each room's events were committed as (and each
transaction's commit delay, for the server's metrics).

Nothing is lost between the two:
- Every event the server sent stays outstanding until the child reports it committed (or
  dropped because its room is gone). If the child dies, a new one is started and is sent
  everything outstanding, then every flush still waited for.
- When the server itself dies (`kill -9`), the child reads the end of its input, commits what it
  received and exits.
- Its own session (`start_new_session`) keeps a Ctrl-C in the terminal from stopping it before
  the server has handed over its last events.

Messages are length-prefixed pickles: both ends are this module, started from the same
installation, over a pipe no one else holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import struct
import sys
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any, NamedTuple

import uvloop

from codecollab.events.service import NewEvent
from codecollab.events.writer import (
    READY_TIMEOUT_S,
    CommittedListener,
    DelayListener,
    DroppedListener,
    EventLogWriter,
    connect_event_log,
)

logger = logging.getLogger(__name__)

_LENGTH = struct.Struct(">I")
RESTART_DELAY_S = 0.5
# Appends are sent this long after the first of them: a few messages a second at any load,
# instead of one per turn of the server's event loop.
SEND_DELAY_S = 0.002
# Once its input has ended, how long a child keeps retrying what it could not commit yet
# (the database is unreachable) before it gives up and says so.
FINAL_COMMIT_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class WriterConfig:
    """The first message to a new child."""

    database_url: str
    interval_s: float
    max_events: int


# The messages are named tuples of plain values: pickled and unpickled in C, several thousand a
# second, where dataclasses and UUID objects would cost the server's thread Python calls each.
# An event: room id, type, actor id, payload, data, version, audience, ts_ms (ids as 16 bytes).
PackedEvent = tuple[bytes, str, bytes | None, dict[str, Any] | None, bytes | None, int, str, int]


# Server to child.
class Append(NamedTuple):
    events: list[PackedEvent]


class Flush(NamedTuple):
    flush_id: int


# Child to server.
class Ready(NamedTuple):
    """The child's writer is connected to the database (or has said why not)."""


class Committed(NamedTuple):
    """The room's next `size` events were committed as `first_seq`, `first_seq + 1`, …"""

    room_id: bytes
    first_seq: int
    size: int


class Dropped(NamedTuple):
    """The room's next `size` events were dropped: the room is gone."""

    room_id: bytes
    size: int


class Flushed(NamedTuple):
    flush_id: int


class CommitDelay(NamedTuple):
    """A transaction's commit delay, in seconds (oldest append to commit)."""

    seconds: float


def pack(room_id: uuid.UUID, event: NewEvent) -> PackedEvent:
    actor = None if event.actor_id is None else event.actor_id.bytes
    return (
        room_id.bytes,
        event.type,
        actor,
        event.payload,
        event.data,
        event.version,
        event.audience,
        event.ts_ms,
    )


def unpack(packed: PackedEvent) -> tuple[uuid.UUID, NewEvent]:
    room, type_, actor, payload, data, version, audience, ts_ms = packed
    event = NewEvent(
        type=type_,
        actor_id=None if actor is None else uuid.UUID(bytes=actor),
        payload=payload,
        data=data,
        version=version,
        audience=audience,
        ts_ms=ts_ms,
    )
    return uuid.UUID(bytes=room), event


def encode(message: object) -> bytes:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(body)) + body


async def read_message(reader: asyncio.StreamReader) -> Any:
    """The next message; raises `asyncio.IncompleteReadError` at the end of the stream."""
    (length,) = _LENGTH.unpack(await reader.readexactly(_LENGTH.size))
    return pickle.loads(await reader.readexactly(length))  # noqa: S301 (our own child's pipe)


class EventLogProcess:
    """An `EventLog` whose group commit runs in a child process."""

    def __init__(
        self,
        database_url: str,
        *,
        interval_s: float,
        max_events: int,
        on_committed: CommittedListener | None = None,
        on_dropped: DroppedListener | None = None,
        on_delay: DelayListener | None = None,
    ) -> None:
        self._config = WriterConfig(database_url, interval_s, max_events)
        self._on_committed = on_committed
        self._on_dropped = on_dropped
        self._on_delay = on_delay
        # Sent (or about to be) and not yet reported committed, per room in append order.
        self._outstanding: dict[uuid.UUID, deque[NewEvent]] = {}
        self._unsent: list[PackedEvent] = []
        self._send_scheduled = False
        self._flushes: dict[int, asyncio.Future[None]] = {}
        self._next_flush_id = 0
        self._process: asyncio.subprocess.Process | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._stopping = False
        self._ready = asyncio.Event()

    async def start(self) -> None:
        """Start the child; return once its writer is connected to the database, so the first
        commit does not wait for the child to import its modules and open a connection."""
        self._supervisor = asyncio.create_task(self._supervise(), name="event log process")
        try:
            async with asyncio.timeout(READY_TIMEOUT_S):
                await self._ready.wait()
        except TimeoutError:
            logger.warning("event log: its process was not ready after %.0f s", READY_TIMEOUT_S)

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def append(self, room_id: uuid.UUID, event: NewEvent) -> None:
        self._outstanding.setdefault(room_id, deque()).append(event)
        self._unsent.append(pack(room_id, event))
        if not self._send_scheduled:
            self._send_scheduled = True
            asyncio.get_running_loop().call_later(SEND_DELAY_S, self._send_appended)

    @property
    def pending(self) -> int:
        return sum(len(events) for events in self._outstanding.values())

    async def flush(self) -> None:
        if self._supervisor is None or self._supervisor.done():
            raise RuntimeError("the event log process is not running")
        flush_id = self._next_flush_id
        self._next_flush_id += 1
        waiter = asyncio.get_running_loop().create_future()
        self._flushes[flush_id] = waiter
        self._send_appended()
        self._send(Flush(flush_id))
        await waiter

    async def stop(self) -> None:
        if self._supervisor is None:
            return
        self._send_appended()
        self._stopping = True
        if self._process is not None and self._process.stdin is not None:
            self._process.stdin.close()  # the child commits what it has, then exits
        with contextlib.suppress(asyncio.CancelledError):
            await self._supervisor
        self._supervisor = None
        if self.pending:
            logger.error("event log: %d events were not reported committed", self.pending)

    def _send_appended(self) -> None:
        self._send_scheduled = False
        if self._unsent:
            events, self._unsent = self._unsent, []
            self._send(Append(events))

    def _send(self, message: object) -> None:
        """Write to the running child; a child that is starting or restarting is sent
        everything outstanding when it is up."""
        process = self._process
        if process is None or process.stdin is None or process.stdin.is_closing():
            return
        process.stdin.write(encode(message))

    async def _supervise(self) -> None:
        """Run the child, and start another whenever one dies before it was asked to stop."""
        while True:
            try:
                await self._run_child()
            except Exception:
                logger.exception("the event log process failed")
            if self._stopping:
                return
            logger.error(
                "the event log process exited unexpectedly; starting another, "
                "which is sent the %d events not yet reported committed",
                self.pending,
            )
            await asyncio.sleep(RESTART_DELAY_S)

    async def _run_child(self) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            # Not `-m`: the child's classes must be this module's, not a copy in `__main__`.
            f"from {__name__} import main; main()",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        self._process = process
        self._send(self._config)
        self._resend()
        if self._stopping and process.stdin is not None:
            process.stdin.close()
        try:
            assert process.stdout is not None
            while True:
                try:
                    message = await read_message(process.stdout)
                except asyncio.IncompleteReadError:
                    break
                self._receive(message)
        finally:
            code = await process.wait()
            self._process = None
        if code != 0:
            logger.error("the event log process exited with code %d", code)

    def _resend(self) -> None:
        """Send a new child everything the previous one did not report committed."""
        self._unsent = []
        events = [pack(room, event) for room, held in self._outstanding.items() for event in held]
        if events:
            self._send(Append(events))
        for flush_id in self._flushes:
            self._send(Flush(flush_id))

    def _receive(self, message: object) -> None:
        if isinstance(message, Ready):
            self._ready.set()
        elif isinstance(message, Committed):
            room_id = uuid.UUID(bytes=message.room_id)
            events = self._settle(room_id, message.size)
            if self._on_committed is not None:
                first = message.first_seq
                rows = [event.written(room_id, first + i) for i, event in enumerate(events)]
                self._on_committed(room_id, rows)
        elif isinstance(message, Dropped):
            room_id = uuid.UUID(bytes=message.room_id)
            dropped = self._settle(room_id, message.size)
            if self._on_dropped is not None:
                self._on_dropped(room_id, len(dropped))
        elif isinstance(message, CommitDelay):
            if self._on_delay is not None:
                self._on_delay(message.seconds)
        elif isinstance(message, Flushed):
            waiter = self._flushes.pop(message.flush_id, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(None)

    def _settle(self, room_id: uuid.UUID, count: int) -> list[NewEvent]:
        """Take the room's first `count` outstanding events: the child is done with them."""
        queued = self._outstanding.get(room_id)
        if queued is None:
            return []
        settled = [queued.popleft() for _ in range(min(count, len(queued)))]
        if not queued:
            del self._outstanding[room_id]
        return settled


# The child.


async def _serve(output: int) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(output, "wb")
    )
    out = asyncio.StreamWriter(transport, protocol, None, loop)
    # What to tell the server goes out in one write per turn of this loop.
    unsent: list[bytes] = []

    def write_unsent() -> None:
        out.write(b"".join(unsent))
        unsent.clear()

    def send(message: object) -> None:
        if not unsent:
            loop.call_soon(write_unsent)
        unsent.append(encode(message))

    config: WriterConfig = await read_message(reader)
    writer = EventLogWriter(
        lambda: connect_event_log(config.database_url),
        interval_s=config.interval_s,
        max_events=config.max_events,
        on_committed=lambda room_id, rows: send(Committed(room_id.bytes, rows[0].seq, len(rows))),
        on_dropped=lambda room_id, count: send(Dropped(room_id.bytes, count)),
        on_delay=lambda seconds: send(CommitDelay(seconds)),
    )
    await writer.start()
    send(Ready())
    flushes: set[asyncio.Task[None]] = set()

    async def flush(flush_id: int) -> None:
        await writer.flush()
        send(Flushed(flush_id))

    while True:
        try:
            message = await read_message(reader)
        except asyncio.IncompleteReadError:
            break  # the server stopped (or died): commit what was received
        if isinstance(message, Append):
            for packed in message.events:
                writer.append(*unpack(packed))
        elif isinstance(message, Flush):
            task = asyncio.create_task(flush(message.flush_id))
            flushes.add(task)
            task.add_done_callback(flushes.discard)
    try:
        await asyncio.wait_for(_finish(writer, flushes), FINAL_COMMIT_TIMEOUT_S)
    except TimeoutError:
        logger.error(
            "event log: %d events could not be committed within %.0f s; giving up",
            writer.pending,
            FINAL_COMMIT_TIMEOUT_S,
        )
        return
    if unsent:
        write_unsent()
    await out.drain()
    out.close()


async def _finish(writer: EventLogWriter, flushes: set[asyncio.Task[None]]) -> None:
    await asyncio.gather(*flushes)
    await writer.stop()


def main() -> None:
    # The pipe to the server gets only messages: anything printed goes to stderr instead.
    output = os.dup(sys.stdout.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    uvloop.run(_serve(output))
