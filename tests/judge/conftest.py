"""Judge fixtures: the real bubblewrap sandbox (the judge is the same on every backend), and a
stand-in for the collaboration layer that holds each room's code."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from codecollab.execution.sandbox.base import Sandbox
from codecollab.judge.service import JudgeService, RoomCode
from codecollab.users.roles import InstanceRole
from tests.conftest import Api
from tests.execution.backends import sandbox_fixture
from tests.problems.conftest import seed, set_instance_role

ADD = "a, b = map(int, input().split())\nprint(a + b)\n"


@pytest.fixture(scope="session", params=["bwrap"])
def judge_sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    yield from sandbox_fixture(request)


class LiveRoom:
    """Stands in for the collaboration layer: the code each room holds, and what it was sent."""

    def __init__(self) -> None:
        self.code: dict[uuid.UUID, RoomCode] = {}
        self.sent: list[tuple[uuid.UUID, dict[str, Any]]] = []

    async def read_code(self, room_id: uuid.UUID) -> RoomCode:
        return self.code[room_id]

    async def broadcast(self, room_id: uuid.UUID, message: dict[str, Any]) -> None:
        self.sent.append((room_id, message))


def connect_live_room(app: FastAPI) -> LiveRoom:
    """Wire a LiveRoom into the app's judge (skips the test where there is no sandbox)."""
    judge: JudgeService = app.state.judge
    if judge.sandbox is None:
        pytest.skip(f"no sandbox here: {judge.reason}")
    room = LiveRoom()
    judge.hooks.read_code = room.read_code
    judge.hooks.broadcast = room.broadcast
    return room


@pytest.fixture
def live(app: FastAPI) -> LiveRoom:
    return connect_live_room(app)


async def room_with_problem(
    api: Api, app: FastAPI, *, owner_role: InstanceRole = InstanceRole.STAFF, **problem: Any
) -> tuple[dict[str, Any], str]:
    """A room set to a seeded problem; its owner is staff (an organisation's interviewer)
    unless `owner_role` says otherwise."""
    problem_id = await seed(app, **problem)
    owner = await api.signup("owner")
    await set_instance_role(app, owner, owner_role)
    response = await api.http.post(
        "/api/rooms", json={"title": "t", "problem_id": problem_id}, headers=api.auth(owner)
    )
    assert response.status_code == 201, response.text
    return owner, response.json()["id"]


async def submit(api: Api, account: dict[str, Any], room_id: str) -> Any:
    return await api.http.post(f"/api/rooms/{room_id}/submissions", headers=api.auth(account))


def code(live: LiveRoom, room_id: str, source: str, language: str = "python") -> None:
    live.code[uuid.UUID(room_id)] = RoomCode(source, language)
