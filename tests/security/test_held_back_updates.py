"""Held-back items in the code document: no one's text is credited to another member.

The attack: a member with write rights sends an item whose neighbour (or parent) is another
member's *next* item. The CRDT would hold it back and integrate it when that member types, inside
their update: the event log, the timeline and the analytics would credit the attacker's text to
them. The server refuses such an update whole (4422); an update depending only on the sender's
own items the server has yet to receive (typing in the moment a provider reconnects, before its
sync step 2) is accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from pycrdt import Doc, Map, Text, create_update_message

from tests.collab.conftest import ClientFactory, replay, stored_events
from tests.collab.yclient import YClient
from tests.security import test_forged_state
from tests.security.test_forged_state import Interview, deliver, round_trip

interview = test_forged_state.interview  # the fixture: a room, its interviewer and candidate

FORGED = "# written by the interviewer"


def _type_at_end(doc: Doc[Any]) -> None:
    text = doc.get("code", type=Text)
    text += "XY"


def _append_after(doc: Doc[Any]) -> None:
    text = doc.get("code", type=Text)
    text += FORGED


def _insert_before_the_last_two(doc: Doc[Any]) -> None:
    text = doc.get("code", type=Text)
    text.insert(len(str(text)) - 2, FORGED)


def _add_settings(doc: Doc[Any]) -> None:
    doc.get("meta", type=Map)["settings"] = Map()


def _set_inside_settings(doc: Doc[Any]) -> None:
    doc.get("meta", type=Map)["settings"]["note"] = FORGED


Edit = Callable[[Doc[Any]], None]
ATTACKS: dict[str, tuple[Edit, Edit]] = {
    "origin: right after the member's next text": (_type_at_end, _append_after),
    "right origin: before the member's next text": (_type_at_end, _insert_before_the_last_two),
    "parent: inside the map the member creates next": (_add_settings, _set_inside_settings),
}


def predicted(seen: Doc[Any], member_id: int, next_write: Callable[[Doc[Any]], None]) -> Doc[Any]:
    """The member's next write replayed on a copy under their client id, so that its items get
    the ids the real ones will have."""
    member: Doc[Any] = Doc(client_id=member_id)
    member.apply_update(seen.get_update())
    next_write(member)
    return member


def shown(doc: Doc[Any]) -> str:
    return str(doc.get("code", type=Text)) + str(doc.get("meta", type=Map))


def ahead_of(
    seen: Doc[Any],
    member_id: int,
    next_write: Callable[[Doc[Any]], None],
    forgery: Callable[[Doc[Any]], None],
) -> bytes:
    """The attacker's items only, made on top of the member's predicted next write."""
    member = predicted(seen, member_id, next_write)
    attacker: Doc[Any] = Doc()
    attacker.apply_update(member.get_update())
    forgery(attacker)
    return attacker.get_update(member.get_state())


async def candidate_typed(interview: Interview, connect: ClientFactory, code: str) -> YClient:
    candidate = await connect(interview.room_id, interview.candidate)
    await candidate.wait_synced()
    candidate.insert(0, code)
    await round_trip(candidate)
    return candidate


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
async def test_an_item_waiting_for_another_members_next_item_is_refused(
    attack: tuple[Edit, Edit],
    interview: Interview,
    connect: ClientFactory,
    collab_app: FastAPI,
) -> None:
    next_write, forgery = attack
    candidate = await candidate_typed(interview, connect, "abc")
    attacker = await connect(interview.room_id, interview.interviewer)
    await attacker.wait_until(lambda: str(attacker.text) == "abc")
    update = ahead_of(attacker.doc, candidate.doc.client_id, next_write, forgery)
    # The attack is real: a document that took it shows the forgery once the member writes.
    victim: Doc[Any] = Doc()
    victim.apply_update(candidate.doc.get_update())
    victim.apply_update(update)
    assert FORGED not in shown(victim)
    victim.apply_update(predicted(candidate.doc, candidate.doc.client_id, next_write).get_update())
    assert FORGED in shown(victim)

    await attacker.send(create_update_message(update))

    assert await attacker.wait_closed() == 4422
    next_write(candidate.doc)
    await round_trip(candidate)
    events = await stored_events(collab_app, interview.room_id)
    assert not [e for e in events if e.data and FORGED.encode() in e.data]
    assert replay(events) == str(candidate.text)
    latecomer = await connect(interview.room_id, interview.observer)
    await latecomer.wait_synced()
    assert FORGED not in shown(latecomer.doc)


async def test_nobody_is_credited_with_the_refused_text(
    interview: Interview, connect: ClientFactory, collab_app: FastAPI
) -> None:
    candidate = await candidate_typed(interview, connect, "abc")
    attacker = await connect(interview.room_id, interview.interviewer)
    await attacker.wait_until(lambda: str(attacker.text) == "abc")
    update = ahead_of(attacker.doc, candidate.doc.client_id, _type_at_end, _append_after)
    await attacker.send(create_update_message(update))
    assert await attacker.wait_closed() == 4422

    _type_at_end(candidate.doc)
    await round_trip(candidate)

    await stored_events(collab_app, interview.room_id)
    response = await interview.api.http.get(
        f"/api/rooms/{interview.room_id}/analytics",
        headers=interview.api.auth(interview.interviewer),
    )
    assert response.status_code == 200, response.text
    inserted = {p["user_id"]: p["chars_inserted"] for p in response.json()["participants"]}
    assert inserted.get(interview.interviewer["user"]["id"], 0) == 0
    assert inserted[interview.candidate["user"]["id"]] == len("abcXY")
    response = await interview.api.http.get(
        f"/api/rooms/{interview.room_id}/replay",
        params={"at_ms": 3_600_000},
        headers=interview.api.auth(interview.interviewer),
    )
    assert response.status_code == 200, response.text
    assert response.json()["code"] == "abcXY"


async def test_an_update_depending_on_the_senders_own_unsent_items_waits_for_them(
    interview: Interview, connect: ClientFactory, collab_app: FastAPI
) -> None:
    offline: Doc[Any] = Doc()
    offline.get("code", type=Text).insert(0, "typed offline")
    earlier = offline.get_update()
    offline.get("code", type=Text).insert(0, "# ")
    later = offline.get_update(_state_after(earlier))
    client = await connect(interview.room_id, interview.candidate)
    await client.wait_synced()

    await deliver(client, later)
    await deliver(client, earlier)

    await client.wait_until(lambda: str(client.text) == "# typed offline")
    assert client.close_code is None
    events = await stored_events(collab_app, interview.room_id)
    assert replay(events) == "# typed offline"
    candidate_id = interview.candidate["user"]["id"]
    typed = [e for e in events if e.data and (b"typed offline" in e.data or b"\x02# " in e.data)]
    assert typed  # the waiting item integrates with the update that brought what it names
    assert {str(e.actor_id) for e in typed} == {candidate_id}


def _state_after(update: bytes) -> bytes:
    doc: Doc[Any] = Doc()
    doc.apply_update(update)
    return doc.get_state()


async def test_an_update_naming_an_item_of_an_unknown_client_id_is_refused(
    interview: Interview, connect: ClientFactory, collab_app: FastAPI
) -> None:
    """A member's client id is visible in awareness before they type (before it is owned)."""
    await candidate_typed(interview, connect, "abc")
    attacker = await connect(interview.room_id, interview.interviewer)
    await attacker.wait_until(lambda: str(attacker.text) == "abc")
    update = ahead_of(attacker.doc, 987_654, _type_at_end, _append_after)

    await attacker.send(create_update_message(update))

    assert await attacker.wait_closed() == 4422
    events = await stored_events(collab_app, interview.room_id)
    assert not [e for e in events if e.data and FORGED.encode() in e.data]
