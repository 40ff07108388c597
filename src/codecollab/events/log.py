"""The one append path of a live room's events: every event of a room, from any producer, goes
through the same group-commit writer, so the room's sequence numbers follow the order in which
this process accepted its events.

Document updates are appended and forgotten (committed within the group-commit interval);
producers that need the written rows (a chat message shows its `seq`) or need their event
durable before they answer (a run's `run.finished`) `write` and wait. Both go through the same
writer, in one queue per room, so a run's events and the document updates around them land in
the order they happened.

Events that belong to the same transaction as a domain change (a room's creation, the end of a
session, a membership change) are appended by `events.service.append_events` in that
transaction. Both paths take their numbers from the same per-room counter
(`rooms.last_event_seq`, under the row lock) and the `(room_id, seq)` unique constraint guards
them: a room's log is always one total order.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.exc import NoResultFound

from codecollab.events.service import NewEvent, WrittenEvent
from codecollab.events.writer import CommittedListener, DroppedListener


class GroupCommit(Protocol):
    """A group-commit writer: `EventLogWriter` (a thread) or `EventLogProcess` (a child)."""

    async def start(self) -> None: ...

    def append(self, room_id: uuid.UUID, event: NewEvent) -> None: ...

    async def flush(self) -> None: ...

    async def stop(self) -> None: ...


# Makes the writer, given what to call as a room's events are committed or dropped.
GroupCommitFactory = Callable[[CommittedListener, DroppedListener], GroupCommit]


@dataclass(slots=True)
class _Write:
    """A `write` waiting for its events: the room's `first`-th appended event and `size` more."""

    first: int
    size: int
    done: asyncio.Future[list[WrittenEvent]]
    rows: list[WrittenEvent] = field(default_factory=list)
    dropped: bool = False


@dataclass(slots=True)
class _RoomQueue:
    """How many of a room's events were appended and settled (committed or dropped)."""

    appended: int = 0
    settled: int = 0
    writes: deque[_Write] = field(default_factory=deque)


class RoomEventLog:
    """Every live event of a room, in one order, through one group-commit writer.

    The writer reports each room's events settled in the order they were appended; the
    counts kept here match its reports to the `write`s waiting for them. A room's entry
    lives while it has events in flight, so nothing here outlives the traffic it tracks.
    """

    def __init__(self, group_commit: GroupCommitFactory) -> None:
        self._rooms: dict[uuid.UUID, _RoomQueue] = {}
        self._listeners: list[CommittedListener] = []
        self.writer = group_commit(self._committed, self._dropped)

    @property
    def rooms_in_flight(self) -> int:
        """How many rooms have events appended and not yet settled."""
        return len(self._rooms)

    def on_committed(self, listener: CommittedListener) -> None:
        """Call `listener` with each room's rows as they are committed."""
        self._listeners.append(listener)

    async def start(self) -> None:
        await self.writer.start()

    async def stop(self) -> None:
        await self.writer.stop()

    def append(self, room_id: uuid.UUID, event: NewEvent) -> None:
        """Queue `event`; it is committed within the group-commit interval."""
        room = self._rooms.get(room_id)
        if room is None:
            room = self._rooms[room_id] = _RoomQueue()
        room.appended += 1
        self.writer.append(room_id, event)

    async def write(self, room_id: uuid.UUID, events: Sequence[NewEvent]) -> list[WrittenEvent]:
        """Queue `events` and return them once committed, with their sequence numbers.

        Raises NoResultFound if the room was deleted before they could be written.
        """
        if not events:
            return []
        room = self._rooms.get(room_id)
        if room is None:
            room = self._rooms[room_id] = _RoomQueue()
        done: asyncio.Future[list[WrittenEvent]] = asyncio.get_running_loop().create_future()
        room.writes.append(_Write(room.appended, len(events), done))
        for event in events:
            self.append(room_id, event)
        return await done

    async def flush(self) -> None:
        """Return once everything appended before this call is committed."""
        await self.writer.flush()

    def _committed(self, room_id: uuid.UUID, rows: list[WrittenEvent]) -> None:
        self._settle(room_id, len(rows), rows)
        for listener in self._listeners:
            listener(room_id, rows)

    def _dropped(self, room_id: uuid.UUID, count: int) -> None:
        self._settle(room_id, count, None)

    def _settle(self, room_id: uuid.UUID, count: int, rows: list[WrittenEvent] | None) -> None:
        """The room's next `count` events are settled: committed as `rows`, or dropped."""
        room = self._rooms.get(room_id)
        if room is None:
            return
        start = room.settled
        room.settled += count
        while room.writes and room.writes[0].first < room.settled:
            write = room.writes[0]
            if rows is None:
                write.dropped = True
            else:
                low = max(write.first, start) - start
                high = min(write.first + write.size, room.settled) - start
                write.rows.extend(rows[low:high])
            if write.first + write.size > room.settled:
                break
            room.writes.popleft()
            _resolve(write, room_id)
        if room.settled >= room.appended and not room.writes:
            del self._rooms[room_id]


def _resolve(write: _Write, room_id: uuid.UUID) -> None:
    if write.done.done():
        return
    if write.dropped:
        write.done.set_exception(NoResultFound(f"room {room_id} does not exist"))
    else:
        write.done.set_result(write.rows)
