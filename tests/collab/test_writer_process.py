"""The event log's group commit in a child process: it commits while the server's interpreter is
busy, and no accepted event is lost when either process dies."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy.engine import make_url

from codecollab.events.service import NewEvent, WrittenEvent
from codecollab.events.writer_process import EventLogProcess
from codecollab.runtime import Runtime
from tests.collab.test_writer import _count, _event, _room
from tests.conftest import Api

BUSY_S = 1.5
HELD_INTERVAL_S = 0.5  # the commit falls within BUSY_S
# A group-commit interval no test waits for: only a flush (or the end of input) commits.
NEVER_S = 600.0

PARENT_SCRIPT = f"""
import asyncio, sys, uuid
from codecollab.events.writer_process import EventLogProcess
from codecollab.events.service import NewEvent

async def main() -> None:
    writer = EventLogProcess(sys.argv[1], interval_s={NEVER_S}, max_events=1000)
    await writer.start()
    for index in range(3):
        writer.append(uuid.UUID(sys.argv[2]), NewEvent(type="test.write", payload={{"i": index}}))
    while writer.pid is None:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.5)  # the events are in the pipe (the child commits them at the interval)
    print(writer.pid, flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


@contextlib.asynccontextmanager
async def _running_process(
    runtime: Runtime, *, interval_s: float, committed: list[WrittenEvent] | None = None
) -> AsyncIterator[EventLogProcess]:
    def on_committed(_room_id: uuid.UUID, rows: list[WrittenEvent]) -> None:
        if committed is not None:
            committed.extend(rows)

    writer = EventLogProcess(
        runtime.settings.database_url,
        interval_s=interval_s,
        max_events=1000,
        on_committed=on_committed,
    )
    await writer.start()
    try:
        yield writer
    finally:
        await writer.stop()


async def _until_started(writer: EventLogProcess) -> int:
    async with asyncio.timeout(20):
        while writer.pid is None:
            await asyncio.sleep(0.01)
    return writer.pid


def _sqlite_count(database_url: str, room_id: uuid.UUID) -> int:
    """The stored events of the room, read without the event loop (or the interpreter lock)
    ever being given up to another thread."""
    with contextlib.closing(sqlite3.connect(make_url(database_url).database or "")) as database:
        row = database.execute(
            "SELECT count(*) FROM session_events WHERE room_id = ? AND type = ?",
            (room_id.hex, "test.write"),
        ).fetchone()
    return int(row[0])


def _hold_the_interpreter(seconds: float) -> None:
    """One C call that keeps the interpreter lock for about `seconds`: no other thread of this
    process runs meanwhile."""
    started = time.perf_counter()
    sum(range(1_000_000))
    per_item = (time.perf_counter() - started) / 1_000_000
    sum(range(int(seconds / per_item)))


async def test_appended_events_are_committed_by_the_child_and_reported_back(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    owner = await api.signup("ann")
    room_id = uuid.UUID((await api.create_room(owner))["id"])
    author = uuid.UUID(owner["user"]["id"])
    committed: list[WrittenEvent] = []
    async with _running_process(runtime, interval_s=0.01, committed=committed) as writer:
        for index in range(3):
            writer.append(
                room_id, NewEvent(type="test.write", actor_id=author, payload={"i": index})
            )
        await writer.flush()
        assert writer.pending == 0
    assert await _count(runtime, room_id, "test.write") == 3
    assert [(row.actor_id, row.payload) for row in committed] == [
        (author, {"i": index}) for index in range(3)
    ]


async def test_stopping_commits_everything_appended_and_ends_the_child(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    room_id = await _room(api)
    async with _running_process(runtime, interval_s=NEVER_S) as writer:
        child = writer.pid  # started, and its writer connected, before start() returned
        assert child is not None
        for index in range(5):
            writer.append(room_id, _event(index))
    assert await _count(runtime, room_id, "test.write") == 5
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_events_are_committed_while_the_servers_interpreter_is_held(
    api: Api, app: FastAPI, database_url: str
) -> None:
    runtime: Runtime = app.state.services.runtime
    room_id = await _room(api)
    async with _running_process(runtime, interval_s=HELD_INTERVAL_S) as writer:
        await _until_started(writer)
        writer.append(room_id, _event(0))
        await asyncio.sleep(0.1)  # handed over; the child commits it at the interval
        assert _sqlite_count(database_url, room_id) == 0
        _hold_the_interpreter(BUSY_S)
        # Read before this loop runs again: a writer thread of this process could not have run.
        stored_while_held = _sqlite_count(database_url, room_id)
    assert stored_while_held == 1


async def test_a_child_that_dies_is_replaced_and_sent_what_it_had_not_committed(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    room_id = await _room(api)
    async with _running_process(runtime, interval_s=NEVER_S) as writer:
        first = await _until_started(writer)
        writer.append(room_id, _event(0))
        writer.append(room_id, _event(1))
        await asyncio.sleep(0.2)  # in the first child's hands, waiting for the interval
        os.kill(first, signal.SIGKILL)
        async with asyncio.timeout(20):
            await writer.flush()
        assert writer.pid not in (None, first)
    assert await _count(runtime, room_id, "test.write") == 2


async def test_the_child_commits_what_it_received_when_the_server_is_killed(
    api: Api, app: FastAPI, tmp_path: Path
) -> None:
    runtime: Runtime = app.state.services.runtime
    room_id = await _room(api)
    script = tmp_path / "server.py"
    script.write_text(PARENT_SCRIPT)
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        str(script),
        runtime.settings.database_url,
        str(room_id),
        stdout=asyncio.subprocess.PIPE,
    )
    assert server.stdout is not None
    try:
        async with asyncio.timeout(30):
            int(await server.stdout.readline())  # the child's pid: the events were handed over
        assert await _count(runtime, room_id, "test.write") == 0  # waiting for the interval
    finally:
        server.kill()
        await server.wait()
    async with asyncio.timeout(20):
        while await _count(runtime, room_id, "test.write") < 3:
            await asyncio.sleep(0.05)
