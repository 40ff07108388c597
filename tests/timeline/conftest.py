"""Fixtures for the timeline tests: rooms with members, and logs written with chosen timestamps.

Most tests write the event log directly (`Log`) so timestamps are exact and nothing is timed;
the tests of the recorder and of live replay use the real server and Python Yjs clients of the
collaboration tests.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pycrdt import Doc, Map, Text, TransactionEvent
from sqlalchemy import select, update
from tests.collab.conftest import (  # noqa: F401  (fixtures, re-exported)
    collab_app,
    connect,
    live,
)
from tests.conftest import Api

from codecollab.events import types as t
from codecollab.events.models import SessionEvent
from codecollab.events.service import NewEvent, append_events
from codecollab.runtime import Runtime


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "collab_settings(**values): Settings overrides for the collab_app fixture"
    )


@dataclass
class Room:
    id: str
    owner: dict[str, Any]
    candidate: dict[str, Any]
    observer: dict[str, Any]

    @property
    def uuid(self) -> uuid.UUID:
        return uuid.UUID(self.id)


def user_id(account: dict[str, Any]) -> uuid.UUID:
    return uuid.UUID(account["user"]["id"])


async def make_room(api: Api) -> Room:
    owner = await api.signup("owner")
    created = await api.create_room(owner)
    candidate = await api.member_of(owner, created["id"], "candidate")
    observer = await api.member_of(owner, created["id"], "observer")
    # These tests are about what each role sees of the record, so candidates may replay here
    # (a new room's default refuses them: tests/tools/test_candidate_replay.py).
    allowed = await api.http.patch(
        f"/api/rooms/{created['id']}",
        json={"candidate_replay": True},
        headers=api.auth(owner),
    )
    assert allowed.status_code == 200, allowed.text
    return Room(created["id"], owner, candidate, observer)


@pytest.fixture
async def room(api: Api) -> Room:
    return await make_room(api)


@pytest.fixture
async def live_api(collab_app: FastAPI) -> AsyncIterator[Api]:  # noqa: F811
    """The API of the live server's app (the one `live` serves)."""
    transport = httpx.ASGITransport(app=collab_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield Api(http)


@pytest.fixture
async def live_room(live_api: Api) -> Room:
    return await make_room(live_api)


class Typist:
    """A Yjs client of its own that records each edit as the update bytes it produced."""

    def __init__(self, doc: Doc[Any] | None = None, *, base: bytes | None = None) -> None:
        self.doc: Doc[Any] = doc or Doc()
        if base:
            self.doc.apply_update(base)
        self.text = self.doc.get("code", type=Text)
        self.meta = self.doc.get("meta", type=Map)
        self.updates: list[bytes] = []
        self.doc.observe(self._on_transaction)

    def _on_transaction(self, event: TransactionEvent) -> None:
        self.updates.append(event.update)

    def take(self) -> bytes:
        """The update of the last edit."""
        return self.updates[-1]


@dataclass
class Log:
    """Writes events to a room's log with timestamps relative to a fixed start."""

    app: FastAPI
    room_id: uuid.UUID
    start_ms: int = 1_800_000_000_000
    pending: list[NewEvent] = field(default_factory=list)
    base: bytes = b""
    """The room's document as created (the initial update room creation wrote)."""

    def add(
        self,
        at_ms: int,
        type_name: str,
        *,
        actor: uuid.UUID | None = None,
        payload: dict[str, Any] | None = None,
        data: bytes | None = None,
    ) -> None:
        event_type = t.REGISTRY[type_name]
        self.pending.append(
            NewEvent(
                type=type_name,
                version=event_type.version,
                audience=event_type.audience,
                actor_id=actor,
                payload=payload,
                data=data,
                ts_ms=self.start_ms + at_ms,
            )
        )

    async def commit(self) -> None:
        runtime: Runtime = self.app.state.services.runtime
        async with runtime.sessionmaker() as session:
            await append_events(session, room_id=self.room_id, events=self.pending)
            await session.commit()
        self.pending = []


@pytest.fixture
async def log(app: FastAPI, room: Room) -> Log:
    return await open_log(app, room.uuid)


async def open_log(app: FastAPI, room_id: uuid.UUID) -> Log:
    """The room's log, re-based so its first events (room creation) are at `start_ms`."""
    runtime: Runtime = app.state.services.runtime
    written = Log(app, room_id)
    async with runtime.sessionmaker() as session:
        initial = await session.scalars(
            select(SessionEvent.data).where(
                SessionEvent.room_id == room_id, SessionEvent.type == t.DOC_UPDATE
            )
        )
        doc: Doc[Any] = Doc()
        for data in initial:
            doc.apply_update(data)
        written.base = doc.get_update()
        await session.execute(
            update(SessionEvent)
            .where(SessionEvent.room_id == room_id)
            .values(ts_ms=written.start_ms)
        )
        await session.commit()
    return written
