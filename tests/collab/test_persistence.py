"""Every accepted update is logged; rooms load stored state before the first sync; snapshots."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from fastapi import FastAPI
from pycrdt import Doc, Map, Text
from sqlalchemy import select

from codecollab.app import create_app
from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.engine import Collaboration
from codecollab.collab.store import apply_stored, read_document
from codecollab.events.models import DocumentSnapshot
from codecollab.runtime import Runtime
from tests.collab.conftest import ClientFactory, Room, replay, serve, stored_events
from tests.collab.yclient import YClient
from tests.conftest import Api


async def _unloaded(app: FastAPI, room_id: str) -> None:
    collaboration: Collaboration = app.state.services.live.collaboration
    async with asyncio.timeout(15):
        while any(str(key.room_id) == room_id for key in collaboration.documents):
            await asyncio.sleep(0.02)


async def _snapshot(app: FastAPI, room_id: str, kind: str = "code") -> DocumentSnapshot | None:
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        return await session.scalar(
            select(DocumentSnapshot).where(
                DocumentSnapshot.room_id == uuid.UUID(room_id), DocumentSnapshot.doc_name == kind
            )
        )


async def test_accepted_updates_are_logged_with_author(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    for index, char in enumerate("abc"):
        client.insert(index, char)
    async with asyncio.timeout(15):
        while replay(events := await stored_events(collab_app, room.id)) != "abc":
            await asyncio.sleep(0.02)
    updates = [e for e in events if e.type == "doc.update" and e.actor_id is not None]
    assert len(updates) == 3
    assert {str(e.actor_id) for e in updates} == {room.owner["user"]["id"]}
    assert all(e.audience == "all" and e.ts_ms > 0 for e in updates)
    assert [e.seq for e in events] == sorted({e.seq for e in events})


async def test_notes_updates_are_logged_for_staff_only(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    notes = await connect(room.id, room.owner, notes=True)
    await notes.wait_synced()
    notes.insert(0, "private")
    async with asyncio.timeout(15):
        while (
            replay(events := await stored_events(collab_app, room.id), "notes.update") != "private"
        ):
            await asyncio.sleep(0.02)
    assert {e.audience for e in events if e.type == "notes.update"} == {"staff"}


async def test_new_document_carries_the_room_language(room: Room, connect: ClientFactory) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    meta = client.doc.get("meta", type=Map)
    assert meta["language"] == "python"


async def test_room_reloads_its_state_after_unloading(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    client.insert(0, "persisted")
    await client.wait_until(lambda: client.received >= 2)
    await stored_events(collab_app, room.id)
    await client.close()
    await _unloaded(collab_app, room.id)
    again = await connect(room.id, room.owner)
    await again.wait_until(lambda: str(again) == "persisted")


async def test_unloading_writes_a_snapshot(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    client.insert(0, "snap")
    await client.wait_until(lambda: client.received >= 2)
    await stored_events(collab_app, room.id)
    await client.close()
    await _unloaded(collab_app, room.id)
    snapshot = await _snapshot(collab_app, room.id)
    assert snapshot is not None
    doc: Doc = Doc()
    doc.apply_update(snapshot.state)
    assert str(doc.get("code", type=Text)) == "snap"


@pytest.mark.collab_settings(collab_snapshot_every=5, collab_unload_grace_s=60)
async def test_snapshot_is_refreshed_every_n_updates(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    for index in range(12):
        client.insert(index, "x")
    async with asyncio.timeout(15):
        while (snapshot := await _snapshot(collab_app, room.id)) is None or snapshot.seq < 5:
            await stored_events(collab_app, room.id)
            await asyncio.sleep(0.02)


async def test_loading_uses_the_snapshot_and_the_log_after_it(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    client.insert(0, "before ")
    await client.wait_until(lambda: client.received >= 2)
    await stored_events(collab_app, room.id)
    await client.close()
    await _unloaded(collab_app, room.id)  # snapshot covers "before "
    second = await connect(room.id, room.owner)
    await second.wait_until(lambda: str(second) == "before ")
    second.insert(7, "after")
    key = DocumentKey(uuid.UUID(room.id), DocumentKind.CODE)
    async with asyncio.timeout(15):
        while await _stored_text(collab_app, key) != "before after":
            await stored_events(collab_app, room.id)
            await asyncio.sleep(0.02)


async def _stored_text(app: FastAPI, key: DocumentKey) -> str:
    """The text as the engine would load it: snapshot plus the log after it."""
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        stored = await read_document(session, key)
    assert stored.snapshot is not None
    doc: Doc = Doc()
    await apply_stored(doc, stored)
    return str(doc.get("code", type=Text))


async def test_simultaneous_first_connections_are_all_served(
    room: Room, connect: ClientFactory
) -> None:
    clients = await asyncio.gather(*(connect(room.id, room.owner) for _ in range(6)))
    for client in clients:
        await client.wait_synced()
    clients[0].insert(0, "all here")
    for client in clients:
        await client.wait_until(lambda c=client: str(c) == "all here")


async def test_clean_shutdown_commits_everything_accepted(
    database_url: str, settings_factory, api: Api, room: Room
) -> None:
    # A long group-commit interval: only the shutdown flush can have written these.
    app = create_app(
        settings_factory(collab_flush_interval_ms=60_000, collab_flush_max_events=10_000)
    )
    async with app.router.lifespan_context(app), serve(app) as base_url:
        client = await YClient.connect(
            f"{base_url}/ws/rooms/{room.id}?token={room.owner['access_token']}"
        )
        await client.wait_synced()
        client.insert(0, "flushed at shutdown")
        await client.wait_until(lambda: client.received >= 2)
        await asyncio.sleep(0.1)
        await client.close()
    check = create_app(settings_factory())
    async with check.router.lifespan_context(check):
        events = await stored_events(check, room.id, flush=False)
    assert replay(events) == "flushed at shutdown"
