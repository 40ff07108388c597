"""Group commit: events are committed one interval after the oldest waiting append (or when a
batch is full), and every transaction's commit delay is recorded."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from codecollab.events.models import SessionEvent
from codecollab.events.service import NewEvent
from codecollab.events.writer import EngineFactory, EventLogWriter
from codecollab.runtime import Runtime
from tests.collab.conftest import Room, persistence_of
from tests.conftest import Api

# SQLAlchemy's QueuePool default: 5 connections plus 10 overflow.
REQUEST_POOL_LIMIT = 15
LOOP_BUSY_S = 3.0


class HeldFirstTransaction:
    """Makes the writer's engine; its first transaction waits, on the writer's thread, for
    `release` (a slow commit)."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self) -> AsyncEngine:
        engine = self._runtime.connect_event_log()

        @event.listens_for(engine.sync_engine, "begin")
        def _hold(_connection: Any) -> None:
            if not self.entered.is_set():
                self.entered.set()
                self.release.wait(timeout=30)

        return engine


# The server's id of the current connection, and how to drop another connection by its id.
BACKEND_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
DROP_CONNECTION = {"postgresql": "SELECT pg_terminate_backend({id})", "mysql": "KILL {id}"}


class RememberedConnections:
    """Makes the writer's engine and remembers the server's id of each connection it opens."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self.backend = runtime.engine.dialect.name
        self.ids: list[int] = []

    def __call__(self) -> AsyncEngine:
        engine = self._runtime.connect_event_log()

        @event.listens_for(engine.sync_engine, "connect")
        def _remember(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute(BACKEND_ID[self.backend])
            self.ids.append(int(cursor.fetchone()[0]))
            cursor.close()

        return engine

    async def drop_all(self) -> None:
        async with self._runtime.engine.connect() as connection:
            for backend_id in self.ids:
                await connection.execute(text(DROP_CONNECTION[self.backend].format(id=backend_id)))


class CountedConnections:
    """Makes the writer's engine and counts the connections it opens."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self.opened = 0

    def __call__(self) -> AsyncEngine:
        engine = self._runtime.connect_event_log()

        @event.listens_for(engine.sync_engine, "connect")
        def _count(_dbapi_connection: Any, _record: Any) -> None:
            self.opened += 1

        return engine


async def _room(api: Api) -> uuid.UUID:
    owner = await api.signup("ann")
    return uuid.UUID((await api.create_room(owner))["id"])


async def _count(runtime: Runtime, room_id: uuid.UUID, event_type: str) -> int:
    async with runtime.sessionmaker() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(SessionEvent)
            .where(SessionEvent.room_id == room_id, SessionEvent.type == event_type)
        )
        return count or 0


async def _until_stored(runtime: Runtime, room_id: uuid.UUID, count: int) -> None:
    async with asyncio.timeout(10):
        while await _count(runtime, room_id, "test.write") < count:
            await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def _running_writer(
    connect: EngineFactory, *, interval_s: float, max_events: int = 1000
) -> AsyncIterator[EventLogWriter]:
    """A started writer, stopped (everything pending written) when the block ends."""
    writer = EventLogWriter(connect, interval_s=interval_s, max_events=max_events)
    await writer.start()
    try:
        yield writer
    finally:
        await writer.stop()


def _event(index: int) -> NewEvent:
    return NewEvent(type="test.write", payload={"index": index})


async def _append_three_until_stored(
    app: FastAPI, room_id: uuid.UUID, *, interval_s: float, max_events: int
) -> None:
    """Append three events without flushing; returns once the writer committed them."""
    runtime: Runtime = app.state.services.runtime
    async with _running_writer(
        runtime.connect_event_log, interval_s=interval_s, max_events=max_events
    ) as writer:
        for index in range(3):
            writer.append(room_id, _event(index))
        await _until_stored(runtime, room_id, 3)


async def test_appended_events_are_committed_after_the_interval_without_a_flush(
    api: Api, app: FastAPI
) -> None:
    await _append_three_until_stored(app, await _room(api), interval_s=0.05, max_events=1000)


async def test_starting_returns_once_the_writer_has_connected_to_the_database(
    app: FastAPI,
) -> None:
    connections = CountedConnections(app.state.services.runtime)
    async with _running_writer(connections, interval_s=0.05):
        assert connections.opened == 1


async def test_a_full_batch_is_committed_before_the_interval(api: Api, app: FastAPI) -> None:
    await _append_three_until_stored(app, await _room(api), interval_s=60, max_events=3)


async def test_each_transaction_records_its_commit_delay_from_the_oldest_append(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    room_id = await _room(api)
    async with _running_writer(runtime.connect_event_log, interval_s=0.2) as writer:
        writer.append(room_id, _event(0))
        writer.append(room_id, _event(1))
        await _until_stored(runtime, room_id, 2)
    assert writer.delays.transactions == 1
    assert writer.delays.events == 2
    assert min(writer.delays.recent_s) >= 0.2
    assert "2 events committed in 1 transactions" in writer.delays.summary()


async def test_events_are_committed_while_the_callers_event_loop_is_busy(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    room_id = await _room(api)
    async with _running_writer(runtime.connect_event_log, interval_s=0.05) as writer:
        writer.append(room_id, _event(0))
        time.sleep(LOOP_BUSY_S)  # noqa: ASYNC251 (the relay's work, hogging the server's loop)
        await writer.flush()
    # Had the commit needed a turn of the caller's loop, it would have waited the whole time.
    assert writer.delays.transactions == 1
    assert writer.delays.recent_s[0] < LOOP_BUSY_S


async def test_events_arriving_during_a_commit_wait_one_interval_from_their_arrival(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    room_id = await _room(api)
    held = HeldFirstTransaction(runtime)
    async with _running_writer(held, interval_s=1.0) as writer:
        try:
            writer.append(room_id, _event(0))
            assert await asyncio.to_thread(held.entered.wait, 10)
            arrived = time.monotonic()
            writer.append(room_id, _event(1))
            await asyncio.sleep(1.2)
            held.release.set()
            await _until_stored(runtime, room_id, 2)
            stored_after = time.monotonic() - arrived
        finally:
            held.release.set()
    # Counted from the commit's end instead, it would take another whole interval (≥ 2.2 s).
    assert stored_after < 2.0
    assert writer.delays.transactions == 2


async def test_accepted_updates_are_committed_while_every_request_connection_is_taken(
    room: Room, collab_app: FastAPI
) -> None:
    runtime: Runtime = collab_app.state.services.runtime
    room_id = uuid.UUID(room.id)
    writer = persistence_of(collab_app).writer
    held = [await runtime.engine.connect() for _ in range(REQUEST_POOL_LIMIT)]
    try:
        assert runtime.engine.pool.checkedout() == REQUEST_POOL_LIMIT
        writer.append(room_id, _event(0))
        async with asyncio.timeout(10):
            await writer.flush()
    finally:
        for connection in held:
            await connection.close()
    assert await _count(runtime, room_id, "test.write") == 1


@pytest.mark.parametrize("database_url", list(BACKEND_ID), indirect=True)
async def test_events_are_committed_after_the_database_dropped_the_writers_connections(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    room_id = await _room(api)
    connections = RememberedConnections(runtime)
    async with _running_writer(connections, interval_s=0.01) as writer:
        writer.append(room_id, _event(0))
        await writer.flush()
        await connections.drop_all()
        dropped = len(connections.ids)
        writer.append(room_id, _event(1))
        async with asyncio.timeout(10):
            await writer.flush()
    assert await _count(runtime, room_id, "test.write") == 2
    assert len(connections.ids) > dropped  # the writer connected again
