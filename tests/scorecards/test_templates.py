"""Rubric templates: staff and admins manage them; a room's scorecards start from its
problem's template, else the organisation's default, else the built-in rubric."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI

from codecollab.scorecards.schemas import MAX_ITEMS
from tests.conftest import Api
from tests.problems.conftest import seed
from tests.scorecards.conftest import create_template, get_mine, staffed_room, template


async def _titles(api: Api, account: dict[str, Any], room_id: str) -> tuple[str, list[str]]:
    body = (await get_mine(api, account, room_id)).json()
    return body["template_name"], [item["title"] for item in body["items"]]


async def test_staff_create_and_list_templates(api: Api, staff: dict[str, Any]) -> None:
    created = await create_template(api, staff)
    assert created.status_code == 201, created.text
    listed = await api.http.get("/api/scorecard-templates", headers=api.auth(staff))
    [only] = listed.json()
    assert (only["name"], only["is_default"], only["problem_id"]) == ("Backend rubric", False, None)
    assert only["items"][0] == {"title": "Design", "description": "Splits the work"}


async def test_staff_replace_and_delete_a_template(api: Api, staff: dict[str, Any]) -> None:
    template_id = (await create_template(api, staff)).json()["id"]
    url = f"/api/scorecard-templates/{template_id}"
    replaced = await api.http.put(url, json=template(name="Renamed"), headers=api.auth(staff))
    assert replaced.json()["name"] == "Renamed"
    assert (await api.http.delete(url, headers=api.auth(staff))).status_code == 204
    assert (await api.http.get(url, headers=api.auth(staff))).status_code == 404


async def test_a_member_cannot_read_or_write_templates(api: Api, staff: dict[str, Any]) -> None:
    member = await api.signup()
    template_id = (await create_template(api, staff)).json()["id"]
    url = f"/api/scorecard-templates/{template_id}"
    headers = api.auth(member)
    assert (await api.http.get("/api/scorecard-templates", headers=headers)).status_code == 403
    assert (await create_template(api, member)).status_code == 403
    assert (await api.http.get(url, headers=headers)).status_code == 403
    assert (await api.http.put(url, json=template(), headers=headers)).status_code == 403
    assert (await api.http.delete(url, headers=headers)).status_code == 403


async def test_the_organisation_default_is_used_without_a_problem_template(
    api: Api, staff: dict[str, Any]
) -> None:
    await create_template(api, staff, name="Org", is_default=True)
    room = await staffed_room(api)
    assert await _titles(api, room.owner, room.id) == ("Org", ["Design", "Speed"])


async def test_the_problems_template_comes_before_the_default(
    api: Api, app: FastAPI, staff: dict[str, Any]
) -> None:
    problem_id = await seed(app)
    await create_template(api, staff, name="Org", is_default=True)
    items = [{"title": "Adds two numbers"}]
    await create_template(api, staff, name="For add-two", problem_id=problem_id, items=items)
    room = await staffed_room(api, problem_id=problem_id)
    assert await _titles(api, room.owner, room.id) == ("For add-two", ["Adds two numbers"])


async def test_a_new_default_replaces_the_old(api: Api, staff: dict[str, Any]) -> None:
    await create_template(api, staff, name="Old", is_default=True)
    await create_template(api, staff, name="New", is_default=True)
    listed = (await api.http.get("/api/scorecard-templates", headers=api.auth(staff))).json()
    assert {(t["name"], t["is_default"]) for t in listed} == {("New", True), ("Old", False)}


async def test_a_saved_scorecard_keeps_its_items_when_the_template_changes(
    api: Api, staff: dict[str, Any]
) -> None:
    template_id = (await create_template(api, staff, name="Org", is_default=True)).json()["id"]
    room = await staffed_room(api)
    await api.http.put(
        f"/api/rooms/{room.id}/scorecards/me",
        json={"items": [{"title": "Design", "rating": "yes"}]},
        headers=api.auth(room.owner),
    )
    changed = template(name="Org", is_default=True, items=[{"title": "Other"}])
    url = f"/api/scorecard-templates/{template_id}"
    await api.http.put(url, json=changed, headers=api.auth(staff))
    assert await _titles(api, room.owner, room.id) == ("Org", ["Design"])


async def test_a_second_template_for_a_problem_is_409(
    api: Api, app: FastAPI, staff: dict[str, Any]
) -> None:
    problem_id = await seed(app)
    assert (await create_template(api, staff, problem_id=problem_id)).status_code == 201
    assert (await create_template(api, staff, problem_id=problem_id)).status_code == 409


async def test_an_unknown_problem_is_422(api: Api, staff: dict[str, Any]) -> None:
    response = await create_template(api, staff, problem_id=str(uuid.uuid4()))
    assert response.status_code == 422


async def test_an_unknown_template_is_404(api: Api, staff: dict[str, Any]) -> None:
    url = f"/api/scorecard-templates/{uuid.uuid4()}"
    assert (await api.http.get(url, headers=api.auth(staff))).status_code == 404


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"name": ""}, id="empty-name"),
        pytest.param({"name": "x" * 121}, id="long-name"),
        pytest.param({"items": []}, id="no-items"),
        pytest.param({"items": [{"title": str(n)} for n in range(MAX_ITEMS + 1)]}, id="too-many"),
        pytest.param({"items": [{"title": "t", "description": "x" * 1001}]}, id="long-description"),
        pytest.param({"items": [{"title": "t", "rating": "yes"}]}, id="rating-in-a-template"),
        pytest.param({"problem_id": "not-a-uuid"}, id="bad-problem-id"),
    ],
)
async def test_bad_templates_are_422(
    api: Api, staff: dict[str, Any], changes: dict[str, Any]
) -> None:
    assert (await create_template(api, staff, **changes)).status_code == 422
