"""The event log hands out per-room sequence numbers without gaps or duplicates."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from pycrdt import Doc, Text
from sqlalchemy import select
from sqlalchemy.exc import NoResultFound

from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.events import types as event_types
from codecollab.events.models import SessionEvent
from codecollab.events.service import NewEvent, append_events, append_events_for_rooms
from codecollab.flows.live_rooms import LiveRooms
from codecollab.runtime import Runtime
from tests.conftest import Api


async def _room_events(runtime: Runtime, room_id: uuid.UUID) -> list[SessionEvent]:
    async with runtime.sessionmaker() as session:
        result = await session.execute(
            select(SessionEvent).where(SessionEvent.room_id == room_id).order_by(SessionEvent.seq)
        )
        return list(result.scalars())


async def test_concurrent_writers_get_distinct_consecutive_sequences(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    ann = await api.signup("ann")
    room_id = uuid.UUID((await api.create_room(ann))["id"])
    before = len(await _room_events(runtime, room_id))

    async def writer(index: int) -> None:
        for batch in range(5):
            async with runtime.sessionmaker() as session:
                await append_events(
                    session,
                    room_id=room_id,
                    events=[NewEvent(type="test.event", payload={"writer": index, "batch": batch})]
                    * 3,
                )
                await session.commit()

    await asyncio.gather(*(writer(index) for index in range(4)))

    events = await _room_events(runtime, room_id)
    assert [event.seq for event in events] == list(range(1, before + 4 * 5 * 3 + 1))


async def test_large_binary_payloads_round_trip(api: Api, app: FastAPI) -> None:
    runtime: Runtime = app.state.services.runtime
    ann = await api.signup("ann")
    room_id = uuid.UUID((await api.create_room(ann))["id"])
    blob = bytes(range(256)) * 8192  # 2 MiB: past MySQL's 64 KiB BLOB
    async with runtime.sessionmaker() as session:
        await append_events(
            session, room_id=room_id, events=[NewEvent(type="doc.update", data=blob)]
        )
        await session.commit()
    events = await _room_events(runtime, room_id)
    assert events[-1].data == blob


async def test_events_are_removed_with_their_room(api: Api, app: FastAPI) -> None:
    runtime: Runtime = app.state.services.runtime
    ann = await api.signup("ann")
    room_id = (await api.create_room(ann))["id"]
    await api.http.delete(f"/api/rooms/{room_id}", headers=api.auth(ann))
    assert await _room_events(runtime, uuid.UUID(room_id)) == []


async def test_one_call_appends_to_several_rooms_and_skips_deleted_ones(
    api: Api, app: FastAPI
) -> None:
    runtime: Runtime = app.state.services.runtime
    ann = await api.signup("ann")
    first = uuid.UUID((await api.create_room(ann, "first"))["id"])
    second = uuid.UUID((await api.create_room(ann, "second"))["id"])
    gone = uuid.uuid4()
    before = {room: len(await _room_events(runtime, room)) for room in (first, second)}
    async with runtime.sessionmaker() as session:
        written = await append_events_for_rooms(
            session,
            {
                first: [NewEvent(type="test.a"), NewEvent(type="test.b")],
                second: [NewEvent(type="test.c")],
                gone: [NewEvent(type="test.d")],
            },
        )
        await session.commit()
    assert set(written) == {first, second}
    assert [e.seq for e in written[first]] == [before[first] + 1, before[first] + 2]
    assert [e.seq for e in written[second]] == [before[second] + 1]
    assert [e.type for e in (await _room_events(runtime, first))[-2:]] == ["test.a", "test.b"]


async def test_a_rooms_actions_and_its_document_updates_are_logged_in_the_order_they_happened(
    api: Api, app: FastAPI
) -> None:
    """A run's events go through the same writer as the document updates around them: replayed
    up to each `run.started`, the log shows exactly the code the run read, and replayed to the
    end, exactly the live document."""
    live: LiveRooms = app.state.services.live
    runtime: Runtime = app.state.services.runtime
    ann = await api.signup("ann")
    room_id = uuid.UUID((await api.create_room(ann))["id"])
    key = DocumentKey(room_id, DocumentKind.CODE)
    document = await live.collaboration.open(key)
    try:
        writes = []
        for index in range(30):
            document.edit(lambda doc, index=index: _type(doc, f"{index};"))
            if index % 3 == 0:
                # What a run does: read the live code, then log that it started on it.
                code = str(document.doc.get("code", type=Text))
                started = NewEvent(
                    type=event_types.RUN_STARTED,
                    actor_id=uuid.UUID(ann["user"]["id"]),
                    payload={"run_id": str(index), "code_length": len(code)},
                )
                writes.append(asyncio.create_task(live.event_log.write(room_id, [started])))
            await asyncio.sleep(0.003 * (index % 4))
        written = list(await asyncio.gather(*writes))
        await live.event_log.flush()
        live_code = str(document.doc.get("code", type=Text))
    finally:
        live.collaboration.release(key)

    events = await _room_events(runtime, room_id)
    assert [rows[0].seq for rows in written] == [
        event.seq for event in events if event.type == event_types.RUN_STARTED
    ]
    replayed: Doc[Any] = Doc()
    text = replayed.get("code", type=Text)
    for event in events:
        if event.type == event_types.DOC_UPDATE and event.data:
            replayed.apply_update(event.data)
        elif event.type == event_types.RUN_STARTED:
            assert event.payload is not None
            assert len(str(text)) == event.payload["code_length"], event.seq
    assert str(text) == live_code


async def test_a_write_to_a_deleted_room_fails(api: Api, app: FastAPI) -> None:
    live: LiveRooms = app.state.services.live
    with pytest.raises(NoResultFound):
        await live.event_log.write(uuid.uuid4(), [NewEvent(type=event_types.CHAT_MESSAGE)])


def _type(doc: Doc[Any], text: str) -> None:
    code = doc.get("code", type=Text)
    code += text
