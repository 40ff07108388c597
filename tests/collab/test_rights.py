"""Observers (and candidates after the end) receive everything; their updates go nowhere."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from codecollab.collab.closecodes import CloseCode
from tests.collab.conftest import (
    ClientFactory,
    Room,
    replay,
    stored_events,
    wait_for_role,
    wait_for_writes_closed,
)
from tests.conftest import Api


async def _quiet_period() -> None:
    # Give a dropped update every chance to (wrongly) arrive; the assertion is on absence.
    await asyncio.sleep(0.3)


async def test_observer_receives_edits(room: Room, api: Api, connect: ClientFactory) -> None:
    observer = await api.member_of(room.owner, room.id, "observer")
    owner_client = await connect(room.id, room.owner)
    watcher = await connect(room.id, observer)
    await owner_client.wait_synced()
    owner_client.insert(0, "x = 1")
    await watcher.wait_until(lambda: str(watcher) == "x = 1")


async def test_observer_updates_are_not_relayed(
    room: Room, api: Api, connect: ClientFactory
) -> None:
    observer = await api.member_of(room.owner, room.id, "observer")
    owner_client = await connect(room.id, room.owner)
    watcher = await connect(room.id, observer)
    await watcher.wait_synced()
    await owner_client.wait_synced()
    watcher.insert(0, "sneaky")
    await _quiet_period()
    assert str(owner_client) == ""


async def test_observer_updates_are_not_stored(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    observer = await api.member_of(room.owner, room.id, "observer")
    watcher = await connect(room.id, observer)
    await watcher.wait_synced()
    watcher.insert(0, "sneaky")
    await _quiet_period()
    events = await stored_events(collab_app, room.id)
    assert replay(events) == ""
    late = await connect(room.id, room.owner)
    await late.wait_synced()
    assert str(late) == ""


async def test_candidate_edits_while_active(room: Room, api: Api, connect: ClientFactory) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    owner_client = await connect(room.id, room.owner)
    writer = await connect(room.id, candidate)
    await writer.wait_synced()
    writer.insert(0, "solution")
    await owner_client.wait_until(lambda: str(owner_client) == "solution")


async def test_ending_the_session_stops_open_candidate_connections(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    owner_client = await connect(room.id, room.owner)
    writer = await connect(room.id, candidate)
    await writer.wait_synced()
    await owner_client.wait_synced()
    response = await api.http.post(f"/api/rooms/{room.id}/end", headers=api.auth(room.owner))
    assert response.status_code == 200, response.text
    await wait_for_writes_closed(collab_app, room.id)
    writer.insert(0, "too late")
    await _quiet_period()
    assert str(owner_client) == ""
    owner_client.insert(0, "owner still writes")
    await writer.wait_until(lambda: "owner still writes" in str(writer))


async def test_demotion_to_observer_applies_without_reconnecting(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    owner_client = await connect(room.id, room.owner)
    writer = await connect(room.id, candidate)
    await writer.wait_synced()
    response = await api.http.patch(
        f"/api/rooms/{room.id}/members/{candidate['user']['id']}",
        json={"role": "observer"},
        headers=api.auth(room.owner),
    )
    assert response.status_code == 200, response.text
    await wait_for_role(collab_app, room.id, candidate["user"]["id"], "observer")
    writer.insert(0, "nope")
    await _quiet_period()
    assert str(owner_client) == ""


async def test_promotion_to_writer_applies_without_reconnecting(
    room: Room, api: Api, connect: ClientFactory, collab_app: FastAPI
) -> None:
    observer = await api.member_of(room.owner, room.id, "observer")
    owner_client = await connect(room.id, room.owner)
    watcher = await connect(room.id, observer)
    await watcher.wait_synced()
    response = await api.http.patch(
        f"/api/rooms/{room.id}/members/{observer['user']['id']}",
        json={"role": "candidate"},
        headers=api.auth(room.owner),
    )
    assert response.status_code == 200, response.text
    await wait_for_role(collab_app, room.id, observer["user"]["id"], "candidate")
    watcher.insert(0, "now I write")
    await owner_client.wait_until(lambda: str(owner_client) == "now I write")


async def test_demoted_interviewer_loses_the_notes_at_once(
    room: Room, api: Api, connect: ClientFactory
) -> None:
    interviewer = await api.member_of(room.owner, room.id, "interviewer")
    notes = await connect(room.id, interviewer, notes=True)
    await notes.wait_synced()
    response = await api.http.patch(
        f"/api/rooms/{room.id}/members/{interviewer['user']['id']}",
        json={"role": "observer"},
        headers=api.auth(room.owner),
    )
    assert response.status_code == 200, response.text
    assert await notes.wait_closed() == CloseCode.FORBIDDEN


async def test_deleting_the_room_closes_its_connections(
    room: Room, api: Api, connect: ClientFactory
) -> None:
    client = await connect(room.id, room.owner)
    await client.wait_synced()
    response = await api.http.delete(f"/api/rooms/{room.id}", headers=api.auth(room.owner))
    assert response.status_code == 204, response.text
    assert await client.wait_closed() == CloseCode.NOT_FOUND
