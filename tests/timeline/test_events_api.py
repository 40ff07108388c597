"""GET /events, POST /signals and /chat, GET /timeline: who sees what, bad input refused."""

from __future__ import annotations

import base64

import pytest
from fastapi import FastAPI
from pycrdt import Array
from tests.conftest import Api
from tests.timeline.conftest import Log, Room, Typist, user_id

from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.engine import Collaboration
from codecollab.events import types as t
from codecollab.timeline.types import MAX_CHAT_CHARS, MAX_PASTE_CHARS


async def _events(api: Api, room: Room, account: dict[str, object], **params: object) -> list:  # type: ignore[type-arg]
    response = await api.http.get(
        f"/api/rooms/{room.id}/events", params=params, headers=api.auth(account)
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_events_page_through_the_log_in_order(api: Api, room: Room) -> None:
    everything = await _events(api, room, room.owner, limit=1000)
    first = await _events(api, room, room.owner, limit=2)
    rest = await _events(api, room, room.owner, after_seq=first[-1]["seq"], limit=1000)
    assert [e["seq"] for e in first + rest] == [e["seq"] for e in everything]
    assert [e["seq"] for e in everything] == sorted(e["seq"] for e in everything)
    assert everything[0]["type"] == "session.started"
    assert everything[0]["at_ms"] == 0


async def test_update_bytes_are_base64(api: Api, room: Room, log: Log) -> None:
    typist = Typist(base=log.base)
    typist.text += "hello"
    log.add(10, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    await log.commit()
    [event] = [e for e in await _events(api, room, room.owner) if e["at_ms"] == 10]
    assert base64.b64decode(event["data"]) == typist.take()
    assert event["at_ms"] == 10


async def test_candidates_and_observers_never_see_staff_events(
    api: Api, room: Room, log: Log
) -> None:
    log.add(5, t.NOTES_UPDATE, actor=user_id(room.owner), data=b"\x00\x00")
    log.add(6, t.SIGNAL_PASTE, actor=user_id(room.candidate), payload={"size": 3})
    await log.commit()
    for account in (room.candidate, room.observer):
        seen = {e["type"] for e in await _events(api, room, account)}
        assert t.NOTES_UPDATE not in seen
        assert t.SIGNAL_PASTE not in seen
    staff_seen = {e["type"] for e in await _events(api, room, room.owner)}
    assert {t.NOTES_UPDATE, t.SIGNAL_PASTE} <= staff_seen


async def test_a_non_member_gets_404(api: Api, room: Room) -> None:
    stranger = await api.signup("stranger")
    for path in ("events", "timeline", "replay?at_ms=0"):
        response = await api.http.get(f"/api/rooms/{room.id}/{path}", headers=api.auth(stranger))
        assert response.status_code == 404, path


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 1001}, {"after_seq": -1}, {"limit": "many"}]
)
async def test_bad_paging_is_422(api: Api, room: Room, params: dict[str, object]) -> None:
    response = await api.http.get(
        f"/api/rooms/{room.id}/events", params=params, headers=api.auth(room.owner)
    )
    assert response.status_code == 422


async def test_a_paste_signal_is_recorded_for_the_caller_with_a_capped_size(
    api: Api, room: Room
) -> None:
    response = await api.http.post(
        f"/api/rooms/{room.id}/signals",
        json={"type": "paste", "size": 999_999_999},
        headers=api.auth(room.candidate),
    )
    assert response.status_code == 201, response.text
    event = response.json()
    assert event["type"] == t.SIGNAL_PASTE
    assert event["actor_id"] == room.candidate["user"]["id"]
    assert event["payload"]["size"] == MAX_PASTE_CHARS
    assert event["audience"] == "staff"


@pytest.mark.parametrize(
    "body",
    [
        {"type": "teleport"},
        {"type": "paste", "size": -1},
        {"type": "paste", "size": 10**12},
        {"type": "focus_lost", "at": -5},
        {"type": "focus_lost", "extra": 1},
        {},
    ],
)
async def test_bad_signals_are_422(api: Api, room: Room, body: dict[str, object]) -> None:
    response = await api.http.post(
        f"/api/rooms/{room.id}/signals", json=body, headers=api.auth(room.candidate)
    )
    assert response.status_code == 422


async def test_a_flood_of_signals_is_429(api: Api, room: Room) -> None:
    statuses = set()
    for _ in range(40):
        response = await api.http.post(
            f"/api/rooms/{room.id}/signals",
            json={"type": "focus_lost"},
            headers=api.auth(room.candidate),
        )
        statuses.add(response.status_code)
    assert statuses == {201, 429}


async def test_a_chat_message_is_an_event_everyone_sees(api: Api, room: Room) -> None:
    response = await api.http.post(
        f"/api/rooms/{room.id}/chat", json={"text": "hi"}, headers=api.auth(room.candidate)
    )
    assert response.status_code == 201, response.text
    seen = await _events(api, room, room.observer)
    assert [e["payload"] for e in seen if e["type"] == t.CHAT_MESSAGE] == [{"text": "hi"}]


async def test_a_chat_message_is_shown_in_the_rooms_state_document(
    app: FastAPI, api: Api, room: Room
) -> None:
    response = await api.http.post(
        f"/api/rooms/{room.id}/chat", json={"text": "hi"}, headers=api.auth(room.candidate)
    )
    assert response.status_code == 201, response.text
    collaboration: Collaboration = app.state.services.live.collaboration
    document = collaboration.find(DocumentKey(room.uuid, DocumentKind.STATE))
    assert document is not None
    [message] = list(document.doc.get("chat", type=Array))
    assert (message["text"], message["userId"]) == ("hi", room.candidate["user"]["id"])


async def test_chat_messages_are_appended_in_order(app: FastAPI, api: Api, room: Room) -> None:
    for account, text in [(room.candidate, "one"), (room.observer, "two")]:
        response = await api.http.post(
            f"/api/rooms/{room.id}/chat", json={"text": text}, headers=api.auth(account)
        )
        assert response.status_code == 201, response.text
    collaboration: Collaboration = app.state.services.live.collaboration
    document = collaboration.find(DocumentKey(room.uuid, DocumentKind.STATE))
    assert document is not None
    messages = list(document.doc.get("chat", type=Array))
    assert [(m["text"], m["name"]) for m in messages] == [
        ("one", room.candidate["user"]["display_name"]),
        ("two", room.observer["user"]["display_name"]),
    ]
    assert all(isinstance(m["at"], (int, float)) and m["color"].startswith("#") for m in messages)


async def test_chat_from_a_non_member_is_404(api: Api, room: Room) -> None:
    stranger = await api.signup("stranger")
    response = await api.http.post(
        f"/api/rooms/{room.id}/chat", json={"text": "hi"}, headers=api.auth(stranger)
    )
    assert response.status_code == 404


@pytest.mark.parametrize("text", ["", "x" * (MAX_CHAT_CHARS + 1)])
async def test_empty_or_huge_chat_messages_are_422(api: Api, room: Room, text: str) -> None:
    response = await api.http.post(
        f"/api/rooms/{room.id}/chat", json={"text": text}, headers=api.auth(room.owner)
    )
    assert response.status_code == 422


async def test_timeline_has_density_and_markers(api: Api, room: Room, log: Log) -> None:
    typist = Typist(base=log.base)
    for index in range(5):
        typist.text += "x"
        log.add(60_000 + index * 100, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    log.add(
        61_000,
        t.RUN_STARTED,
        actor=user_id(room.owner),
        payload={"run_id": "r", "language": "python"},
    )
    log.add(62_000, t.SIGNAL_PASTE, actor=user_id(room.candidate), payload={"size": 40})
    log.add(120_000, t.SESSION_ENDED, actor=user_id(room.owner))
    await log.commit()
    response = await api.http.get(
        f"/api/rooms/{room.id}/timeline", params={"buckets": 10}, headers=api.auth(room.owner)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["duration_ms"] == 120_000
    assert body["bucket_ms"] == 12_001
    # Buckets 4 and 5 hold the edits, the run and the paste (staff see signals).
    assert body["activity"][4] + body["activity"][5] == 7
    assert body["activity"][2] == 0
    assert [m["type"] for m in body["markers"] if m["at_ms"] > 0] == [
        t.RUN_STARTED,
        t.SIGNAL_PASTE,
        t.SESSION_ENDED,
    ]
    as_candidate = await api.http.get(
        f"/api/rooms/{room.id}/timeline", headers=api.auth(room.candidate)
    )
    assert t.SIGNAL_PASTE not in {m["type"] for m in as_candidate.json()["markers"]}
