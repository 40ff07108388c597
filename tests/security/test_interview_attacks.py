"""Attacks on what #19 added: a guest reaching past its room, a candidate reading the staff's
assessments or giving itself rights, and oversized bodies on the new routes."""

from __future__ import annotations

from tests.conftest import Api
from tests.test_guests import joined_guest


async def test_a_guest_cannot_read_the_scorecards_or_summary_of_its_own_room(api: Api) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    guest = await joined_guest(api, owner, room["id"])
    headers = {"Authorization": f"Bearer {guest['access_token']}"}
    for path in ("scorecards", "scorecards/me", "summary"):
        response = await api.http.get(f"/api/rooms/{room['id']}/{path}", headers=headers)
        assert response.status_code in (403, 404), (path, response.text)


async def test_a_candidate_cannot_reopen_or_let_itself_replay(api: Api) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    candidate = await api.member_of(owner, room["id"], "candidate")
    await api.http.post(f"/api/rooms/{room['id']}/end", headers=api.auth(owner))
    reopen = await api.http.post(f"/api/rooms/{room['id']}/reopen", headers=api.auth(candidate))
    assert reopen.status_code == 403
    replay = await api.http.patch(
        f"/api/rooms/{room['id']}", json={"candidate_replay": True}, headers=api.auth(candidate)
    )
    assert replay.status_code == 403


async def test_oversized_guest_names_and_languages_are_refused(api: Api) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    invite = await api.invite(owner, room["id"], "candidate")
    join = await api.http.post(
        "/api/rooms/join", json={"invite_token": invite["token"], "guest_name": "g" * 100_000}
    )
    assert join.status_code in (413, 422)
    switch = await api.http.post(
        f"/api/rooms/{room['id']}/language",
        json={"language": "x" * 100_000},
        headers=api.auth(owner),
    )
    assert switch.status_code in (413, 422)
