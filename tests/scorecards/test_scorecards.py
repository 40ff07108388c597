"""Scorecards of a room: each interviewer writes their own, the room's staff read them all,
nobody else learns they exist."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from codecollab.scorecards.schemas import (
    MAX_ITEM_NOTES_CHARS,
    MAX_ITEMS,
    MAX_OVERALL_NOTES_CHARS,
)
from codecollab.validation import MAX_MS
from tests.conftest import Api
from tests.scorecards.conftest import StaffedRoom, get_mine, put_mine, scorecard


async def test_a_new_scorecard_starts_from_the_built_in_rubric(api: Api, room: StaffedRoom) -> None:
    response = await get_mine(api, room.interviewer, room.id)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["status"], body["template_name"]) == (None, "new", "Built-in default")
    titles = [item["title"] for item in body["items"]]
    assert titles == ["Problem solving", "Code quality", "Communication", "Testing"]
    assert all(item["rating"] is None for item in body["items"])


async def test_reading_a_new_scorecard_stores_nothing(api: Api, room: StaffedRoom) -> None:
    await get_mine(api, room.interviewer, room.id)
    listed = await api.http.get(f"/api/rooms/{room.id}/scorecards", headers=api.auth(room.owner))
    assert listed.json() == []


async def test_an_interviewer_saves_their_scorecard(api: Api, room: StaffedRoom) -> None:
    response = await put_mine(api, room.interviewer, room.id, scorecard())
    assert response.status_code == 200, response.text
    body = (await get_mine(api, room.interviewer, room.id)).json()
    assert body["status"] == "draft"
    assert body["author_id"] == room.interviewer["user"]["id"]
    assert body["items"][0] == {
        "title": "Problem solving",
        "description": "",
        "rating": "yes",
        "notes": "Found the trick",
        "at_ms": 65_000,
    }
    assert (body["recommendation"], body["overall_notes"]) == ("yes", "Solid")


async def test_saving_again_replaces_the_scorecard(api: Api, room: StaffedRoom) -> None:
    await put_mine(api, room.owner, room.id, scorecard())
    changed = scorecard(recommendation="strong_yes", items=[{"title": "Only", "rating": "no"}])
    await put_mine(api, room.owner, room.id, changed)
    listed = await api.http.get(f"/api/rooms/{room.id}/scorecards", headers=api.auth(room.owner))
    [card] = listed.json()
    assert card["recommendation"] == "strong_yes"
    assert [item["title"] for item in card["items"]] == ["Only"]


async def test_submitting_records_when(api: Api, room: StaffedRoom) -> None:
    response = await put_mine(api, room.owner, room.id, scorecard(status="submitted"))
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "submitted"
    assert response.json()["submitted_at"] is not None


async def test_submitting_without_a_recommendation_is_422(api: Api, room: StaffedRoom) -> None:
    body = scorecard(status="submitted", recommendation=None)
    assert (await put_mine(api, room.owner, room.id, body)).status_code == 422


async def test_the_rooms_staff_read_every_scorecard(api: Api, room: StaffedRoom) -> None:
    await put_mine(api, room.owner, room.id, scorecard(overall_notes="by owner"))
    await put_mine(api, room.interviewer, room.id, scorecard(overall_notes="by interviewer"))
    for reader in (room.owner, room.interviewer):
        listed = await api.http.get(f"/api/rooms/{room.id}/scorecards", headers=api.auth(reader))
        assert listed.status_code == 200
        notes = {(card["author_name"], card["overall_notes"]) for card in listed.json()}
        assert notes == {
            (room.owner["user"]["display_name"], "by owner"),
            (room.interviewer["user"]["display_name"], "by interviewer"),
        }


async def test_an_interviewer_writes_only_their_own(api: Api, room: StaffedRoom) -> None:
    await put_mine(api, room.owner, room.id, scorecard(overall_notes="owner's"))
    await put_mine(api, room.interviewer, room.id, scorecard(overall_notes="mine"))
    owners = (await get_mine(api, room.owner, room.id)).json()
    assert owners["overall_notes"] == "owner's"


@pytest.mark.parametrize("who", ["candidate", "observer", "outsider"])
async def test_anyone_but_the_rooms_staff_gets_404(api: Api, room: StaffedRoom, who: str) -> None:
    await put_mine(api, room.owner, room.id, scorecard())
    account = await api.signup() if who == "outsider" else getattr(room, who)
    headers = api.auth(account)
    base = f"/api/rooms/{room.id}/scorecards"
    assert (await api.http.get(base, headers=headers)).status_code == 404
    assert (await api.http.get(f"{base}/me", headers=headers)).status_code == 404
    assert (await put_mine(api, account, room.id, scorecard())).status_code == 404


async def test_an_unknown_room_is_404(api: Api, room: StaffedRoom) -> None:
    response = await get_mine(api, room.owner, str(uuid.uuid4()))
    assert response.status_code == 404


async def test_no_token_is_401(api: Api, room: StaffedRoom) -> None:
    assert (await api.http.get(f"/api/rooms/{room.id}/scorecards")).status_code == 401


def _too_many_items() -> dict[str, Any]:
    return scorecard(items=[{"title": f"item {n}"} for n in range(MAX_ITEMS + 1)])


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(_too_many_items(), id="too-many-items"),
        pytest.param(scorecard(items=[]), id="no-items"),
        pytest.param(scorecard(items=[{"title": ""}]), id="empty-title"),
        pytest.param(scorecard(items=[{"title": "x" * 121}]), id="long-title"),
        pytest.param(
            scorecard(items=[{"title": "t", "notes": "x" * (MAX_ITEM_NOTES_CHARS + 1)}]),
            id="long-item-notes",
        ),
        pytest.param(scorecard(overall_notes="x" * (MAX_OVERALL_NOTES_CHARS + 1)), id="long-notes"),
        pytest.param(scorecard(items=[{"title": "t", "rating": "maybe"}]), id="unknown-rating"),
        pytest.param(scorecard(recommendation="Strong yes"), id="label-as-rating"),
        pytest.param(scorecard(items=[{"title": "t", "at_ms": -1}]), id="negative-moment"),
        pytest.param(scorecard(overall_at_ms=MAX_MS + 1), id="moment-too-far"),
        pytest.param(scorecard(overall_notes="a\u0000b"), id="nul"),
        pytest.param(scorecard(status="final"), id="unknown-status"),
        pytest.param(scorecard(author_id=str(uuid.uuid4())), id="unknown-field"),
    ],
)
async def test_bad_scorecards_are_422(api: Api, room: StaffedRoom, body: dict[str, Any]) -> None:
    response = await put_mine(api, room.owner, room.id, body)
    assert response.status_code == 422, response.text
    assert (await get_mine(api, room.owner, room.id)).json()["status"] == "new"
