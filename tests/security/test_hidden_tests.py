"""Hidden tests' inputs and expected outputs reach staff and admins only, through every
endpoint, whatever room a member owns.

The attack: a freshly signed-up member creates a room with a bank problem, submits a program
that echoes its input, and reads everything the room offers back. The hidden test's data (and
its name, and what the program printed on it) must appear nowhere.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from codecollab.users.roles import InstanceRole
from tests.conftest import Api
from tests.conftest import api as api  # the app's client, not the live server's (conftest.py)
from tests.judge.conftest import LiveRoom, code, connect_live_room, room_with_problem, submit
from tests.problems.conftest import make_admin, set_instance_role

TESTS = [
    {"name": "sample", "visible": True, "input": "abc\n", "output": "ABC\n"},
    {"name": "secret-xyzzy", "input": "zebra-quartz\n", "output": "ZEBRA-QUARTZ\n"},
]
SECRETS = ("zebra-quartz", "xyzzy")
"""Lower-cased: the hidden input, expected output (upper-cased input) and the test's name."""
# Passes the sample; on the hidden test prints its input to stdout and stderr.
ECHO = "import sys\ns = input()\nsys.stderr.write(s)\nprint(s.upper() if s == 'abc' else s)\n"
LATER = 10**9
"""A replay moment after the session's end (clamped to its last event)."""


@pytest.fixture
def live(app: FastAPI) -> LiveRoom:
    return connect_live_room(app)


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text.lower()]


async def judged_room(
    api: Api, app: FastAPI, live: LiveRoom, owner_role: InstanceRole
) -> tuple[dict[str, Any], str, str]:
    """A room with the problem, owned by an account of `owner_role`, after one submission:
    the owner, the room id and the submission's response."""
    owner, room_id = await room_with_problem(api, app, owner_role=owner_role, tests=TESTS)
    code(live, room_id, ECHO)
    response = await submit(api, owner, room_id)
    assert response.status_code == 200, response.text
    assert response.json()["tests"][1]["verdict"] == "wrong_answer", response.text
    return owner, room_id, response.text


async def problem_id_of(api: Api, account: dict[str, Any], room_id: str) -> str:
    room = await api.http.get(f"/api/rooms/{room_id}", headers=api.auth(account))
    problem_id: str = room.json()["problem_id"]
    return problem_id


ROOM_READS = {
    "events": ("GET", "events", None),
    "export": ("GET", "export", None),
    "replay": ("GET", f"replay?at_ms={LATER}", None),
    "replay run": ("POST", "replay/run", {"at_ms": LATER}),
    "timeline": ("GET", "timeline", None),
    "analytics": ("GET", "analytics", None),
    "analytics of tests": ("GET", "analytics/tests", None),
}


async def test_a_member_owners_submission_shows_hidden_tests_as_verdicts_only(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    _owner, _room_id, response = await judged_room(api, app, live, InstanceRole.MEMBER)
    assert leaks(response) == []


async def test_the_room_is_shown_no_hidden_data(api: Api, app: FastAPI, live: LiveRoom) -> None:
    await judged_room(api, app, live, InstanceRole.MEMBER)
    assert [values["state"] for _room, _map, values in live.shown][-1] == "finished"
    assert leaks(repr(live.shown)) == []


@pytest.mark.parametrize(("method", "path", "body"), ROOM_READS.values(), ids=list(ROOM_READS))
async def test_a_member_owner_reads_no_hidden_data_back_from_the_room(
    api: Api, app: FastAPI, live: LiveRoom, method: str, path: str, body: dict[str, Any] | None
) -> None:
    owner, room_id, _response = await judged_room(api, app, live, InstanceRole.MEMBER)
    response = await api.http.request(
        method, f"/api/rooms/{room_id}/{path}", json=body, headers=api.auth(owner)
    )
    assert response.status_code == 200, response.text
    assert leaks(response.text) == []


@pytest.mark.parametrize("path", ["tests", "export"])
async def test_a_member_owner_is_refused_the_problems_hidden_tests(
    api: Api, app: FastAPI, live: LiveRoom, path: str
) -> None:
    owner, room_id, _response = await judged_room(api, app, live, InstanceRole.MEMBER)
    problem_id = await problem_id_of(api, owner, room_id)
    response = await api.http.get(f"/api/problems/{problem_id}/{path}", headers=api.auth(owner))
    assert response.status_code == 403
    assert leaks(response.text) == []


@pytest.mark.parametrize("role", [InstanceRole.STAFF, InstanceRole.ADMIN])
async def test_staff_and_admins_see_hidden_data_in_their_submissions(
    api: Api, app: FastAPI, live: LiveRoom, role: InstanceRole
) -> None:
    _owner, _room_id, response = await judged_room(api, app, live, role)
    assert leaks(response) == list(SECRETS)


@pytest.mark.parametrize("role", [InstanceRole.STAFF, InstanceRole.ADMIN])
async def test_staff_and_admins_read_a_problems_hidden_tests(
    api: Api, app: FastAPI, live: LiveRoom, role: InstanceRole
) -> None:
    owner, room_id, _response = await judged_room(api, app, live, InstanceRole.MEMBER)
    problem_id = await problem_id_of(api, owner, room_id)
    reader = await api.signup("reader")
    await set_instance_role(app, reader, role)
    response = await api.http.get(f"/api/problems/{problem_id}/tests", headers=api.auth(reader))
    assert response.status_code == 200, response.text
    assert [test["input"] for test in response.json()] == ["abc\n", "zebra-quartz\n"]


async def test_staff_see_hidden_test_names_in_the_analytics_of_tests(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id, _response = await judged_room(api, app, live, InstanceRole.STAFF)
    response = await api.http.get(f"/api/rooms/{room_id}/analytics/tests", headers=api.auth(owner))
    assert [test["name"] for test in response.json()["tests"]] == ["sample", "secret-xyzzy"]


async def test_an_admin_reads_hidden_tests_without_any_room(api: Api, app: FastAPI) -> None:
    from tests.problems.conftest import seed

    problem_id = await seed(app, tests=TESTS)
    admin = await api.signup("admin")
    await make_admin(app, admin)
    response = await api.http.get(f"/api/problems/{problem_id}/tests", headers=api.auth(admin))
    assert response.status_code == 200
    assert leaks(response.text) == list(SECRETS)
