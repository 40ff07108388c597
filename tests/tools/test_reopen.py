"""`POST /api/rooms/{id}/reopen`: the owner reopens an ended session; candidates write again."""

from __future__ import annotations

from fastapi import FastAPI

from codecollab.events import types as t
from tests.collab.conftest import ClientFactory, Room, stored_events
from tests.conftest import Api
from tests.tools.conftest import wait_writable


async def _end(api: Api, room: Room) -> None:
    response = await api.http.post(f"/api/rooms/{room.id}/end", headers=api.auth(room.owner))
    assert response.status_code == 200, response.text


async def test_the_owner_reopens_an_ended_session(api: Api, room: Room) -> None:
    await _end(api, room)
    response = await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(room.owner))
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "active"
    assert response.json()["ended_at"] is None


async def test_reopening_logs_session_reopened(api: Api, room: Room, collab_app: FastAPI) -> None:
    await _end(api, room)
    await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(room.owner))
    types = [event.type for event in await stored_events(collab_app, room.id)]
    assert types[-2:] == [t.SESSION_ENDED, t.SESSION_REOPENED]


async def test_reopening_an_active_session_changes_nothing(
    api: Api, room: Room, collab_app: FastAPI
) -> None:
    response = await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(room.owner))
    assert response.status_code == 200, response.text
    types = [event.type for event in await stored_events(collab_app, room.id)]
    assert t.SESSION_REOPENED not in types


async def test_an_interviewer_may_not_reopen(api: Api, room: Room) -> None:
    interviewer = await api.member_of(room.owner, room.id, "interviewer")
    await _end(api, room)
    response = await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(interviewer))
    assert response.status_code == 403
    assert "owner" in response.json()["detail"]


async def test_a_candidate_may_not_reopen(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await _end(api, room)
    response = await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(candidate))
    assert response.status_code == 403


async def test_a_non_member_gets_404(api: Api, room: Room) -> None:
    stranger = await api.signup("stranger")
    await _end(api, room)
    response = await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(stranger))
    assert response.status_code == 404


async def test_a_bad_room_id_is_422(api: Api, room: Room) -> None:
    response = await api.http.post("/api/rooms/not-a-uuid/reopen", headers=api.auth(room.owner))
    assert response.status_code == 422


async def test_candidates_may_write_again_after_reopening(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await _end(api, room)
    ended = await api.http.get(f"/api/rooms/{room.id}", headers=api.auth(candidate))
    assert ended.json()["can_write"] is False
    await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(room.owner))
    reopened = await api.http.get(f"/api/rooms/{room.id}", headers=api.auth(candidate))
    assert reopened.json()["can_write"] is True


async def test_an_open_candidate_connection_writes_again_after_reopening(
    api: Api, room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    owner_client = await connect(room.id, room.owner)
    writer = await connect(room.id, candidate)
    await writer.wait_synced()
    await owner_client.wait_synced()
    await _end(api, room)
    response = await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(room.owner))
    assert response.status_code == 200, response.text
    await wait_writable(collab_app, room.id, candidate["user"]["id"])
    writer.insert(0, "back at it")
    await owner_client.wait_until(lambda: str(owner_client) == "back at it")


async def test_the_timeline_of_a_reopened_session_has_no_end(api: Api, room: Room) -> None:
    await _end(api, room)
    await api.http.post(f"/api/rooms/{room.id}/reopen", headers=api.auth(room.owner))
    response = await api.http.get(f"/api/rooms/{room.id}/timeline", headers=api.auth(room.owner))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ended_at_ms"] is None
    assert [m["type"] for m in body["markers"]][-2:] == [t.SESSION_ENDED, t.SESSION_REOPENED]
