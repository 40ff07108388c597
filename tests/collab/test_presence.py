"""GET /api/rooms/{id}/presence reports who is connected and when members were last seen."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from codecollab.collab.engine import Collaboration
from codecollab.db import utcnow
from codecollab.flows.presence import PresenceTracker
from codecollab.presence.models import UserPresence
from codecollab.presence.service import (
    STALE_AFTER,
    ConnectionChange,
    Member,
    record_connection_changes,
)
from codecollab.runtime import Runtime
from tests.collab.conftest import ClientFactory, Room, stored_events
from tests.conftest import Api


async def _presence(api: Api, room: Room, account: dict[str, Any]) -> dict[str, Any]:
    response = await api.http.get(f"/api/rooms/{room.id}/presence", headers=api.auth(account))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _member(body: dict[str, Any], account: dict[str, Any]) -> dict[str, Any]:
    return next(m for m in body["members"] if m["user_id"] == account["user"]["id"])


async def _until(condition: Any) -> None:
    async with asyncio.timeout(15):
        while not await condition():
            await asyncio.sleep(0.02)


async def test_connected_member_is_reported(room: Room, api: Api, connect: ClientFactory) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()

    async def connected() -> bool:
        return bool(_member(await _presence(api, room, room.owner), room.owner)["connected"])

    await _until(connected)
    me = _member(await _presence(api, room, room.owner), room.owner)
    assert me["first_joined_at"] is not None
    assert me["color"].startswith("#")


async def test_disconnect_is_reported(room: Room, api: Api, connect: ClientFactory) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    await client.close()

    async def gone() -> bool:
        me = _member(await _presence(api, room, room.owner), room.owner)
        return me["last_seen_at"] is not None and not me["connected"]

    await _until(gone)


async def test_every_connection_of_a_member_is_counted(
    room: Room, api: Api, connect: ClientFactory
) -> None:
    clients = [await connect(room.id, room.owner) for _ in range(3)]
    for client in clients:
        await client.wait_synced()
    await _until_connections(api, room, 3)
    for client in clients[1:]:
        await client.close()
    await _until_connections(api, room, 1)


async def _until_connections(api: Api, room: Room, count: int) -> None:
    async def reported() -> bool:
        return _member(await _presence(api, room, room.owner), room.owner)["connections"] == count

    await _until(reported)


async def test_member_who_never_joined_has_no_timestamps(room: Room, api: Api) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    them = _member(await _presence(api, room, room.owner), candidate)
    assert them["connected"] is False
    assert them["first_joined_at"] is None


async def test_presence_is_404_for_non_members(room: Room, api: Api) -> None:
    stranger = await api.signup("stranger")
    response = await api.http.get(f"/api/rooms/{room.id}/presence", headers=api.auth(stranger))
    assert response.status_code == 404


async def test_presence_needs_a_token(room: Room, api: Api) -> None:
    response = await api.http.get(f"/api/rooms/{room.id}/presence")
    assert response.status_code == 401


def _tracker(app: FastAPI) -> PresenceTracker:
    collaboration: Collaboration = app.state.services.live.collaboration
    return next(e for e in collaboration.extensions if isinstance(e, PresenceTracker))


async def test_heartbeat_marks_editors_active_and_keeps_everyone_seen(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    editor = await connect(room.id, room.owner)
    await editor.wait_synced()
    editor.insert(0, "x")
    await stored_events(collab_app, room.id)  # the edit reached the server
    await _tracker(collab_app).flush_activity()
    after_edit = _member(await _presence(api, room, room.owner), room.owner)
    assert after_edit["last_active_at"] is not None

    await asyncio.sleep(0.01)
    await _tracker(collab_app).flush_activity()  # a beat with no edit since
    after_idle_beat = _member(await _presence(api, room, room.owner), room.owner)
    assert after_idle_beat["last_active_at"] == after_edit["last_active_at"]
    assert after_idle_beat["last_seen_at"] > after_edit["last_seen_at"]


async def _stored_presence(app: FastAPI, member: Member) -> UserPresence:
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        stored = await session.scalar(
            select(UserPresence).where(
                UserPresence.room_id == member[0], UserPresence.user_id == member[1]
            )
        )
    assert stored is not None, "no presence row stored"
    return stored


async def _record(app: FastAPI, member: Member, *, delta: int, held: int, now: datetime) -> None:
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session, session.begin():
        changes = {member: ConnectionChange(delta=delta, held=held)}
        await record_connection_changes(session, changes=changes, now=now)


def _owner_of(room: Room) -> Member:
    return (uuid.UUID(room.id), uuid.UUID(room.owner["user"]["id"]))


async def test_a_batch_adds_each_members_net_change_to_the_stored_count(
    room: Room, collab_app: FastAPI
) -> None:
    member, now = _owner_of(room), utcnow()
    await _record(collab_app, member, delta=2, held=2, now=now)
    await _record(collab_app, member, delta=-1, held=1, now=now)
    stored = await _stored_presence(collab_app, member)
    assert (stored.connections, stored.first_joined_at) == (1, now)


async def test_a_batch_never_counts_below_zero(room: Room, collab_app: FastAPI) -> None:
    member, now = _owner_of(room), utcnow()
    await _record(collab_app, member, delta=1, held=1, now=now)
    await _record(collab_app, member, delta=-3, held=0, now=now)
    assert (await _stored_presence(collab_app, member)).connections == 0


async def test_a_stale_count_is_replaced_by_the_connections_this_process_holds(
    room: Room, collab_app: FastAPI
) -> None:
    member, then = _owner_of(room), utcnow() - STALE_AFTER - timedelta(seconds=1)
    await _record(collab_app, member, delta=7, held=7, now=then)  # a process that died since
    await _record(collab_app, member, delta=1, held=2, now=utcnow())
    assert (await _stored_presence(collab_app, member)).connections == 2
