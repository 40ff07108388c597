"""Fixtures for the live-collaboration tests: a real uvicorn server on port 0, Python clients."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from pycrdt import Doc, Text
from sqlalchemy import select

from codecollab.app import create_app
from codecollab.collab.engine import Collaboration
from codecollab.collab.persistence import Persistence
from codecollab.config import Settings
from codecollab.events.models import SessionEvent
from codecollab.runtime import Runtime
from tests.collab.yclient import YClient
from tests.conftest import Api, _empty_tables

# Small limits and a short unload grace, so tests reach them quickly.
TEST_COLLAB_SETTINGS: dict[str, Any] = {
    "collab_unload_grace_s": 0.2,
    "collab_flush_interval_ms": 5,
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "collab_settings(**values): Settings overrides for the collab_app fixture"
    )


@dataclass
class LiveServer:
    app: FastAPI
    base_url: str  # ws://127.0.0.1:PORT

    def room_url(
        self, room_id: str, token: str | None, *, notes: bool = False, state: bool = False
    ) -> str:
        """The code document's URL, or the notes' or the state document's."""
        suffix = "/notes" if notes else "/state" if state else ""
        url = f"{self.base_url}/ws/rooms/{room_id}{suffix}"
        return url + (f"?token={token}" if token is not None else "")


@contextlib.asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[str]:
    """uvicorn on an ephemeral port in this event loop (the app's lifespan is run by the caller)."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"ws://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def collab_app(
    request: pytest.FixtureRequest, database_url: str, settings_factory: Callable[..., Settings]
) -> AsyncIterator[FastAPI]:
    marker = request.node.get_closest_marker("collab_settings")
    overrides = {**TEST_COLLAB_SETTINGS, **(marker.kwargs if marker else {})}
    await _empty_tables(database_url)
    application = create_app(settings_factory(**overrides))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def live(collab_app: FastAPI) -> AsyncIterator[LiveServer]:
    async with serve(collab_app) as base_url:
        yield LiveServer(collab_app, base_url)


@pytest.fixture
async def api(collab_app: FastAPI) -> AsyncIterator[Api]:
    transport = httpx.ASGITransport(app=collab_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield Api(http)


@dataclass
class Room:
    id: str
    owner: dict[str, Any]


@pytest.fixture
async def room(api: Api) -> Room:
    owner = await api.signup("owner")
    created = await api.create_room(owner)
    return Room(created["id"], owner)


ClientFactory = Callable[..., Awaitable[YClient]]


@pytest.fixture
async def connect(live: LiveServer) -> AsyncIterator[ClientFactory]:
    """Open Python Yjs clients to rooms; all are closed at the end of the test."""
    clients: list[YClient] = []

    async def factory(
        room_id: str,
        account: dict[str, Any] | None,
        *,
        notes: bool = False,
        state: bool = False,
        **kw: Any,
    ) -> YClient:
        token = account["access_token"] if account is not None else None
        url = live.room_url(room_id, token, notes=notes, state=state)
        client = await YClient.connect(url, **kw)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.close()


async def typed(
    connect: ClientFactory, room_id: str, account: dict[str, Any], code: str
) -> YClient:
    """A client that typed `code`, and a second one that saw it arrive (so the server has it)."""
    writer = await connect(room_id, account)
    await writer.wait_synced()
    writer.insert(len(str(writer.text)), code)
    watcher = await connect(room_id, account)
    await watcher.wait_until(lambda: str(watcher.text).endswith(code))
    return watcher


async def state_reader(connect: ClientFactory, room_id: str, account: dict[str, Any]) -> YClient:
    """A synced client of the room's state document (runs, verdicts, chat)."""
    client = await connect(room_id, account, state=True)
    await client.wait_synced()
    return client


def persistence_of(app: FastAPI) -> Persistence:
    collaboration: Collaboration = app.state.services.live.collaboration
    return next(e for e in collaboration.extensions if isinstance(e, Persistence))


async def stored_events(app: FastAPI, room_id: str, *, flush: bool = True) -> list[SessionEvent]:
    """The room's event log (after committing everything accepted so far)."""
    if flush:
        await persistence_of(app).writer.flush()
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        result = await session.execute(
            select(SessionEvent)
            .where(SessionEvent.room_id == uuid.UUID(room_id))
            .order_by(SessionEvent.seq)
        )
        return list(result.scalars())


def replay(events: list[SessionEvent], event_type: str = "doc.update") -> str:
    """The code text the stored log produces."""
    doc: Doc[Any] = Doc()
    text = doc.get("code", type=Text)
    for event in events:
        if event.type == event_type and event.data:
            doc.apply_update(event.data)
    return str(text)


async def wait_for_role(app: FastAPI, room_id: str, user_id: str, role: str) -> None:
    """Until every open connection of the user in the room runs with `role` (the re-check is
    asynchronous to the HTTP call that changed it)."""
    collaboration: Collaboration = app.state.services.live.collaboration

    def applied() -> bool:
        peers = [
            peer
            for key, document in collaboration.documents.items()
            if str(key.room_id) == room_id
            for peer in document.peers
            if str(peer.user_id) == user_id
        ]
        return all(peer.access.role == role for peer in peers)

    async with asyncio.timeout(15):
        while not applied():
            await asyncio.sleep(0.01)


async def wait_for_writes_closed(app: FastAPI, room_id: str) -> None:
    collaboration: Collaboration = app.state.services.live.collaboration

    def applied() -> bool:
        return all(
            not peer.access.can_write or peer.access.role in ("owner", "interviewer")
            for key, document in collaboration.documents.items()
            if str(key.room_id) == room_id
            for peer in document.peers
        )

    async with asyncio.timeout(15):
        while not applied():
            await asyncio.sleep(0.01)
