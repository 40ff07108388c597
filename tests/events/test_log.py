"""RoomEventLog: writes get their rows back in append order, a dropped room fails its writes, and
nothing is kept for a room once its events are settled."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy.exc import NoResultFound

from codecollab.events.log import RoomEventLog
from codecollab.events.service import NewEvent
from codecollab.events.writer import CommittedListener, DroppedListener


class ManualCommit:
    """A group commit the test drives: it settles what was appended when told to."""

    def __init__(self, committed: CommittedListener, dropped: DroppedListener) -> None:
        self.committed = committed
        self.dropped = dropped
        self.pending: list[tuple[uuid.UUID, NewEvent]] = []
        self.seqs: dict[uuid.UUID, int] = {}

    async def start(self) -> None: ...

    def append(self, room_id: uuid.UUID, event: NewEvent) -> None:
        self.pending.append((room_id, event))

    async def flush(self) -> None: ...

    async def stop(self) -> None: ...

    def commit(self, count: int) -> None:
        """Commit the first `count` pending events, each room's reported in one call."""
        batch, self.pending = self.pending[:count], self.pending[count:]
        rooms: dict[uuid.UUID, list[NewEvent]] = {}
        for room_id, event in batch:
            rooms.setdefault(room_id, []).append(event)
        for room_id, events in rooms.items():
            first = self.seqs.get(room_id, 0) + 1
            self.seqs[room_id] = first + len(events) - 1
            self.committed(room_id, [e.written(room_id, first + i) for i, e in enumerate(events)])


def _log() -> tuple[RoomEventLog, ManualCommit]:
    made: list[ManualCommit] = []

    def factory(committed: CommittedListener, dropped: DroppedListener) -> ManualCommit:
        made.append(ManualCommit(committed, dropped))
        return made[0]

    log = RoomEventLog(factory)
    return log, made[0]


def _event(name: str) -> NewEvent:
    return NewEvent(type="test.event", payload={"name": name})


async def test_a_write_returns_its_rows_numbered_after_the_appends_before_it() -> None:
    log, commit = _log()
    room = uuid.uuid4()
    log.append(room, _event("update 1"))
    log.append(room, _event("update 2"))
    write = asyncio.create_task(log.write(room, [_event("run"), _event("run 2")]))
    await asyncio.sleep(0)
    log.append(room, _event("update 3"))
    commit.commit(3)  # the write's events are split over two transactions
    await asyncio.sleep(0)
    assert not write.done()
    commit.commit(2)
    rows = await write
    assert [(row.seq, row.payload) for row in rows] == [
        (3, {"name": "run"}),
        (4, {"name": "run 2"}),
    ]


async def test_a_write_to_a_room_that_is_gone_fails() -> None:
    log, commit = _log()
    room = uuid.uuid4()
    write = asyncio.create_task(log.write(room, [_event("chat")]))
    await asyncio.sleep(0)
    commit.dropped(room, 1)
    with pytest.raises(NoResultFound):
        await write


async def test_nothing_is_kept_for_a_room_once_its_events_are_settled() -> None:
    log, commit = _log()
    rooms = [uuid.uuid4() for _ in range(3)]
    writes = [asyncio.create_task(log.write(room, [_event("x")])) for room in rooms]
    await asyncio.sleep(0)
    for room in rooms:
        log.append(room, _event("y"))
    commit.commit(len(commit.pending))
    await asyncio.gather(*writes)
    assert log.rooms_in_flight == 0
