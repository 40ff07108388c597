"""The recorder on a live server: presence, sampled awareness, language changes; live replay."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi import FastAPI
from pycrdt import Assoc, Doc, Map, StickyIndex, Text
from tests.collab.conftest import ClientFactory, stored_events
from tests.conftest import Api
from tests.timeline.conftest import Room

from codecollab.events import types as t
from codecollab.events.models import SessionEvent

WAIT_S = 15


async def events_until(
    app: FastAPI, room_id: str, done: Any, timeout: float = WAIT_S
) -> list[SessionEvent]:
    """The stored log once `done(events)` holds (the recorder writes asynchronously)."""
    async with asyncio.timeout(timeout):
        while True:
            events = await stored_events(app, room_id)
            if done(events):
                return events
            await asyncio.sleep(0.02)


def of_type(events: list[SessionEvent], type_name: str) -> list[SessionEvent]:
    return [event for event in events if event.type == type_name]


async def test_a_connection_is_recorded_as_presence_joined_then_left(
    collab_app: FastAPI, live_room: Room, connect: ClientFactory
) -> None:
    client = await connect(live_room.id, live_room.candidate)
    await client.wait_synced()
    await client.close()
    events = await events_until(collab_app, live_room.id, lambda e: of_type(e, t.PRESENCE_LEFT))
    [joined] = of_type(events, t.PRESENCE_JOINED)
    [left] = of_type(events, t.PRESENCE_LEFT)
    assert joined.payload is not None
    assert left.payload is not None
    assert joined.payload["user_id"] == live_room.candidate["user"]["id"]
    assert joined.payload["role"] == "candidate"
    assert left.payload["connection_id"] == joined.payload["connection_id"]
    assert joined.seq < left.seq


@pytest.mark.collab_settings(timeline_awareness_interval_ms=60_000, collab_awareness_batch_ms=0)
async def test_awareness_is_sampled_but_the_last_state_is_kept(
    collab_app: FastAPI, live_room: Room, connect: ClientFactory
) -> None:
    client = await connect(live_room.id, live_room.owner)
    await client.wait_synced()
    for clock in range(1, 31):
        await client.set_awareness({"cursor": clock, "noise": "x" * 10}, clock=clock)
    await client.close()
    events = await events_until(collab_app, live_room.id, lambda e: of_type(e, t.PRESENCE_LEFT))
    states = [event.payload["state"] for event in of_type(events, t.AWARENESS) if event.payload]
    cursors = [state and state["cursor"] for state in states]
    assert cursors == [1, 30, None]
    assert "noise" not in states[0]
    assert states[0]["user"]["id"] == live_room.owner["user"]["id"]


@pytest.mark.collab_settings(timeline_awareness_interval_ms=0, collab_awareness_batch_ms=0)
async def test_an_awareness_renewal_repeating_the_state_is_not_recorded_again(
    collab_app: FastAPI, live_room: Room, connect: ClientFactory
) -> None:
    client = await connect(live_room.id, live_room.owner)
    await client.wait_synced()
    await client.set_awareness({"cursor": 1}, clock=1)
    await client.set_awareness({"cursor": 1}, clock=2)
    await client.set_awareness({"cursor": 2}, clock=3)
    await client.set_awareness({"cursor": 2}, clock=4)
    await client.close()
    events = await events_until(collab_app, live_room.id, lambda e: of_type(e, t.PRESENCE_LEFT))
    recorded = [event.payload for event in of_type(events, t.AWARENESS) if event.payload]
    assert [(p["clock"], p["state"] and p["state"]["cursor"]) for p in recorded] == [
        (1, 1),
        (3, 2),
        (5, None),
    ]


async def test_a_language_change_is_recorded(
    collab_app: FastAPI, live_api: Api, live_room: Room, connect: ClientFactory
) -> None:
    client = await connect(live_room.id, live_room.owner)
    await client.wait_synced()
    before = client.doc.get("meta", type=Map).get("language")
    response = await live_api.http.post(
        f"/api/rooms/{live_room.id}/language",
        json={"language": "rust"},
        headers=live_api.auth(live_room.owner),
    )
    assert response.status_code == 200, response.text
    events = await events_until(collab_app, live_room.id, lambda e: of_type(e, t.LANGUAGE_CHANGED))
    [changed] = of_type(events, t.LANGUAGE_CHANGED)
    assert changed.payload == {"from": before, "to": "rust"}
    assert str(changed.actor_id) == live_room.owner["user"]["id"]


async def test_live_replay_is_what_the_clients_saw(
    collab_app: FastAPI, live_api: Api, live_room: Room, connect: ClientFactory
) -> None:
    alice = await connect(live_room.id, live_room.owner)
    bob = await connect(live_room.id, live_room.candidate)
    await alice.wait_synced()
    await bob.wait_synced()
    for index in range(20):
        typist = alice if index % 2 else bob
        typist.insert(len(typist.text), f"{index};")
        await asyncio.sleep(0.005)
    await alice.wait_until(lambda: str(alice.text) == str(bob.text) and len(alice.text) > 40)
    head = StickyIndex.new(alice.text, 4, Assoc.AFTER).to_json()
    await alice.set_awareness({"selection": {"anchor": head, "head": head}})
    events = await events_until(collab_app, live_room.id, lambda e: of_type(e, t.AWARENESS))

    async def replay(at_ms: int) -> dict[str, Any]:
        response = await live_api.http.get(
            f"/api/rooms/{live_room.id}/replay",
            params={"at_ms": at_ms},
            headers=live_api.auth(live_room.owner),
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    start = events[0].ts_ms
    doc: Doc[Any] = Doc()
    for event in events:
        if event.type == t.DOC_UPDATE and event.data:
            doc.apply_update(event.data)
            later = [e for e in events if e.ts_ms == event.ts_ms and e.seq > event.seq]
            if not any(e.type == t.DOC_UPDATE for e in later):
                state = await replay(event.ts_ms - start)
                assert state["code"] == str(doc.get("code", type=Text))
    final = await replay(events[-1].ts_ms - start)
    assert final["code"] == str(alice.text)
    present = {user["user_id"]: user for user in final["present"]}
    assert set(present) == {live_room.owner["user"]["id"], live_room.candidate["user"]["id"]}
    [cursor] = present[live_room.owner["user"]["id"]]["cursors"]
    assert cursor["head"]["index"] == 4
