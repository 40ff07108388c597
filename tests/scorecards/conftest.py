"""Fixtures for the scorecard tests: a room with every role, staff accounts, scorecard bodies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI

from codecollab.users.roles import InstanceRole
from tests.conftest import Api
from tests.problems.conftest import set_instance_role


@dataclass
class StaffedRoom:
    id: str
    owner: dict[str, Any]
    interviewer: dict[str, Any]
    candidate: dict[str, Any]
    observer: dict[str, Any]


async def staffed_room(api: Api, **room: Any) -> StaffedRoom:
    owner = await api.signup()
    response = await api.http.post(
        "/api/rooms", json={"title": "Interview", **room}, headers=api.auth(owner)
    )
    assert response.status_code == 201, response.text
    room_id = response.json()["id"]
    return StaffedRoom(
        room_id,
        owner,
        await api.member_of(owner, room_id, "interviewer"),
        await api.member_of(owner, room_id, "candidate"),
        await api.member_of(owner, room_id, "observer"),
    )


@pytest.fixture
async def room(api: Api) -> StaffedRoom:
    return await staffed_room(api)


@pytest.fixture
async def staff(api: Api, app: FastAPI) -> dict[str, Any]:
    """An account with the instance role `staff` (who manages rubric templates)."""
    account = await api.signup("staff")
    await set_instance_role(app, account, InstanceRole.STAFF)
    return account


def scorecard(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "items": [
            {
                "title": "Problem solving",
                "rating": "yes",
                "notes": "Found the trick",
                "at_ms": 65_000,
            },
            {"title": "Testing", "rating": "strong_no", "notes": ""},
        ],
        "recommendation": "yes",
        "overall_notes": "Solid",
        "overall_at_ms": None,
        "status": "draft",
    }
    body.update(changes)
    return body


def template(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Backend rubric",
        "items": [{"title": "Design", "description": "Splits the work"}, {"title": "Speed"}],
    }
    body.update(changes)
    return body


async def put_mine(api: Api, account: dict[str, Any], room_id: str, body: dict[str, Any]) -> Any:
    return await api.http.put(
        f"/api/rooms/{room_id}/scorecards/me", json=body, headers=api.auth(account)
    )


async def get_mine(api: Api, account: dict[str, Any], room_id: str) -> Any:
    return await api.http.get(f"/api/rooms/{room_id}/scorecards/me", headers=api.auth(account))


async def create_template(api: Api, account: dict[str, Any], **changes: Any) -> Any:
    return await api.http.post(
        "/api/scorecard-templates", json=template(**changes), headers=api.auth(account)
    )
