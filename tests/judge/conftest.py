"""Judge fixtures: the real bubblewrap sandbox (the judge is the same on every backend), and a
stand-in for the live room that holds each room's code and records what the room is shown."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from codecollab.collab.documents import SUBMISSION_MAP
from codecollab.execution.sandbox.base import Sandbox
from codecollab.flows.room_action import RoomAction
from codecollab.flows.submissions import RoomSubmissions
from codecollab.judge.service import JudgeService
from codecollab.users.roles import InstanceRole
from codecollab.web.services import Services
from tests.conftest import Api
from tests.execution.backends import sandbox_fixture
from tests.problems.conftest import seed, set_instance_role

ADD = "a, b = map(int, input().split())\nprint(a + b)\n"


@pytest.fixture(scope="session", params=["bwrap"])
def judge_sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    yield from sandbox_fixture(request)


class LiveRoom:
    """Stands in for the live room: the code each room holds (with its language), and what
    the room's state document was shown."""

    def __init__(self) -> None:
        self.code: dict[uuid.UUID, tuple[str, str | None]] = {}
        self.shown: list[tuple[uuid.UUID, str, dict[str, Any]]] = []

    async def read_code(self, room_id: uuid.UUID) -> tuple[str, str | None]:
        return self.code[room_id]

    async def read_stdin(self, room_id: uuid.UUID) -> str:
        raise AssertionError("submissions read no stdin")

    async def publish(self, room_id: uuid.UUID, map_name: str, values: dict[str, Any]) -> None:
        self.shown.append((room_id, map_name, values))

    async def append(self, room_id: uuid.UUID, array_name: str, item: dict[str, Any]) -> None:
        raise AssertionError("submissions append nothing")


def connect_live_room(app: FastAPI) -> LiveRoom:
    """Wire a LiveRoom into the app's submissions, by the same constructors the app uses (skips
    the test where there is no sandbox)."""
    judge: JudgeService = app.state.services.judge
    if judge.sandbox is None:
        pytest.skip(f"no sandbox here: {judge.reason}")
    room = LiveRoom()
    services: Services = app.state.services
    live, runtime = services.live, services.runtime
    action = RoomAction(
        log=live.event_log,
        documents=room,
        map_name=SUBMISSION_MAP,
        busy="a submission is already being judged in this room",
    )
    submissions = RoomSubmissions(
        judge=judge, documents=room, action=action, sessionmaker=runtime.sessionmaker
    )
    live = dataclasses.replace(live, submissions=submissions)
    app.state.services = dataclasses.replace(services, live=live)
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
    live.code[uuid.UUID(room_id)] = (source, language)
