"""`candidate_replay`: the owner decides whether candidates may replay their own session; the
server enforces it on the replay, timeline, events and export endpoints."""

from __future__ import annotations

import pytest

from tests.collab.conftest import Room
from tests.conftest import Api

REPLAY_READS = [
    "/replay?at_ms=0",
    "/timeline",
    "/events",
    "/export",
]


async def _allow(api: Api, room: Room, enabled: bool) -> None:
    response = await api.http.patch(
        f"/api/rooms/{room.id}",
        json={"candidate_replay": enabled},
        headers=api.auth(room.owner),
    )
    assert response.status_code == 200, response.text
    assert response.json()["candidate_replay"] is enabled


async def test_a_new_room_does_not_let_candidates_replay(api: Api, room: Room) -> None:
    response = await api.http.get(f"/api/rooms/{room.id}", headers=api.auth(room.owner))
    assert response.json()["candidate_replay"] is False


@pytest.mark.parametrize("path", REPLAY_READS)
async def test_a_candidate_is_refused_replay_by_default(api: Api, room: Room, path: str) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    response = await api.http.get(f"/api/rooms/{room.id}{path}", headers=api.auth(candidate))
    assert response.status_code == 403
    assert "replay" in response.json()["detail"]


async def test_a_candidate_is_refused_a_replay_run_by_default(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    response = await api.http.post(
        f"/api/rooms/{room.id}/replay/run", json={"at_ms": 0}, headers=api.auth(candidate)
    )
    assert response.status_code == 403


@pytest.mark.parametrize("path", REPLAY_READS)
async def test_a_candidate_replays_once_the_owner_allows_it(
    api: Api, room: Room, path: str
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await _allow(api, room, True)
    response = await api.http.get(f"/api/rooms/{room.id}{path}", headers=api.auth(candidate))
    assert response.status_code == 200, response.text


async def test_withdrawing_the_permission_refuses_the_candidate_again(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await _allow(api, room, True)
    await _allow(api, room, False)
    response = await api.http.get(f"/api/rooms/{room.id}/timeline", headers=api.auth(candidate))
    assert response.status_code == 403


async def test_analytics_stay_staff_only_when_candidates_may_replay(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await _allow(api, room, True)
    response = await api.http.get(f"/api/rooms/{room.id}/analytics", headers=api.auth(candidate))
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["observer", "interviewer"])
async def test_other_members_replay_without_the_setting(api: Api, room: Room, role: str) -> None:
    member = await api.member_of(room.owner, room.id, role)
    response = await api.http.get(f"/api/rooms/{room.id}/timeline", headers=api.auth(member))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("role", ["interviewer", "candidate", "observer"])
async def test_only_the_owner_changes_the_setting(api: Api, room: Room, role: str) -> None:
    member = await api.member_of(room.owner, room.id, role)
    response = await api.http.patch(
        f"/api/rooms/{room.id}", json={"candidate_replay": True}, headers=api.auth(member)
    )
    assert response.status_code == 403


async def test_a_non_member_cannot_change_the_setting(api: Api, room: Room) -> None:
    stranger = await api.signup("stranger")
    response = await api.http.patch(
        f"/api/rooms/{room.id}", json={"candidate_replay": True}, headers=api.auth(stranger)
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "body", [{"candidate_replay": "yes please"}, {"candidate_replay": True, "extra": 1}]
)
async def test_a_bad_setting_body_is_422(api: Api, room: Room, body: dict[str, object]) -> None:
    response = await api.http.patch(
        f"/api/rooms/{room.id}", json=body, headers=api.auth(room.owner)
    )
    assert response.status_code == 422
