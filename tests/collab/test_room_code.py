"""Runs, submissions and starter code through the live document, with real clients."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI
from pycrdt import Map

from tests.collab.conftest import ClientFactory, Room, stored_events, typed
from tests.conftest import Api
from tests.problems.conftest import seed

REVERSE = "print(input()[::-1])\n"
ADD = "a, b = map(int, input().split())\nprint(a + b)\n"


def shared(client: Any, name: str) -> dict[str, Any]:
    return dict(client.doc.get(name, type=Map).to_py() or {})


async def test_a_run_executes_the_live_code(api: Api, room: Room, connect: ClientFactory) -> None:
    await typed(connect, room.id, room.owner, REVERSE)
    response = await api.http.post(
        f"/api/rooms/{room.id}/runs", json={"stdin": "abc\n"}, headers=api.auth(room.owner)
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ok"
    assert response.json()["stdout"] == "cba\n"


async def test_everyone_in_the_room_sees_the_run_result(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    observer = await api.member_of(room.owner, room.id, "observer")
    await typed(connect, room.id, candidate, REVERSE)
    watching = await connect(room.id, observer, state=True)
    await watching.wait_synced()

    await api.http.post(
        f"/api/rooms/{room.id}/runs", json={"stdin": "xyz\n"}, headers=api.auth(candidate)
    )

    await watching.wait_until(lambda: shared(watching, "run").get("state") == "finished")
    run = shared(watching, "run")
    assert run["by"] == candidate["user"]["display_name"]
    assert run["result"]["stdout"] == "zyx\n"


async def test_a_run_is_logged_with_its_result(
    api: Api, collab_app: FastAPI, room: Room, connect: ClientFactory
) -> None:
    await typed(connect, room.id, room.owner, REVERSE)
    await api.http.post(
        f"/api/rooms/{room.id}/runs", json={"stdin": "ab\n"}, headers=api.auth(room.owner)
    )
    events = [e for e in await stored_events(collab_app, room.id) if e.type.startswith("run.")]
    assert [event.type for event in events] == ["run.started", "run.finished"]
    assert events[0].payload is not None
    assert events[0].payload["stdin"] == "ab\n"
    assert events[1].payload is not None
    assert events[1].payload["result"]["stdout"] == "ba\n"


async def test_an_observer_cannot_run_the_code(api: Api, room: Room) -> None:
    observer = await api.member_of(room.owner, room.id, "observer")
    response = await api.http.post(
        f"/api/rooms/{room.id}/runs", json={}, headers=api.auth(observer)
    )
    assert response.status_code == 403


async def test_a_non_member_gets_404_for_a_run(api: Api, room: Room) -> None:
    stranger = await api.signup("stranger")
    response = await api.http.post(
        f"/api/rooms/{room.id}/runs", json={}, headers=api.auth(stranger)
    )
    assert response.status_code == 404


async def test_a_second_run_while_one_is_running_gets_409(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    await typed(connect, room.id, room.owner, "import time\ntime.sleep(1.5)\n")
    first = asyncio.create_task(
        api.http.post(f"/api/rooms/{room.id}/runs", json={}, headers=api.auth(room.owner))
    )
    await asyncio.sleep(0.4)
    second = await api.http.post(
        f"/api/rooms/{room.id}/runs", json={}, headers=api.auth(room.owner)
    )
    assert second.status_code == 409
    assert (await first).status_code == 200


async def test_an_oversized_stdin_gets_422(api: Api, room: Room) -> None:
    response = await api.http.post(
        f"/api/rooms/{room.id}/runs", json={"stdin": "x" * 600_000}, headers=api.auth(room.owner)
    )
    assert response.status_code == 422


async def _problem_room(api: Api, app: FastAPI, **problem: Any) -> tuple[dict[str, Any], str]:
    problem_id = await seed(app, **problem)
    owner = await api.signup("interviewer")
    response = await api.http.post(
        "/api/rooms", json={"title": "t", "problem_id": problem_id}, headers=api.auth(owner)
    )
    assert response.status_code == 201, response.text
    return owner, response.json()["id"]


async def test_a_problem_room_starts_with_the_starter_code(
    api: Api, collab_app: FastAPI, connect: ClientFactory
) -> None:
    owner, room_id = await _problem_room(api, collab_app)
    client = await connect(room_id, owner)
    await client.wait_until(lambda: str(client.text) == "a, b = map(int, input().split())\n")
    assert shared(client, "meta")["language"] == "python"


async def test_a_submission_judges_the_live_code_and_the_room_sees_the_verdict(
    api: Api, collab_app: FastAPI, connect: ClientFactory
) -> None:
    owner, room_id = await _problem_room(api, collab_app, starter={"python": ""})
    await typed(connect, room_id, owner, ADD)
    watching = await connect(room_id, owner, state=True)

    response = await api.http.post(f"/api/rooms/{room_id}/submissions", headers=api.auth(owner))

    assert response.status_code == 200, response.text
    assert response.json()["verdict"] == "accepted"
    await watching.wait_until(lambda: shared(watching, "submission").get("state") == "finished")
    assert shared(watching, "submission")["result"]["verdict"] == "accepted"
