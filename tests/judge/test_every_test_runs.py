"""The judge runs every test by default; a submission may ask to stop at the first failure."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from codecollab.users.roles import InstanceRole
from tests.conftest import Api
from tests.judge.conftest import LiveRoom, code, room_with_problem

# 1 2 -> 3 fails for a program printing a * b; 2 2 -> 4 and the hidden 0 0 -> 0 pass.
TESTS = [
    {"name": "first", "visible": True, "input": "1 2\n", "output": "3\n"},
    {"name": "second", "visible": True, "input": "2 2\n", "output": "4\n"},
    {"name": "secret", "input": "0 0\n", "output": "0\n"},
]
MULTIPLY = "a, b = map(int, input().split())\nprint(a * b)\n"


async def _judged(api: Api, app: FastAPI, live: LiveRoom, **body: Any) -> dict[str, Any]:
    owner, room_id = await room_with_problem(api, app, owner_role=InstanceRole.MEMBER, tests=TESTS)
    code(live, room_id, MULTIPLY)
    response = await api.http.post(
        f"/api/rooms/{room_id}/submissions", json=body or None, headers=api.auth(owner)
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_every_test_runs_after_a_failing_one(api: Api, app: FastAPI, live: LiveRoom) -> None:
    result = await _judged(api, app, live)
    assert [test["verdict"] for test in result["tests"]] == [
        "wrong_answer",
        "accepted",
        "accepted",
    ]


async def test_the_result_reports_the_true_passed_count(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    result = await _judged(api, app, live)
    assert (result["verdict"], result["passed"], result["total"]) == ("wrong_answer", 2, 3)


async def test_stop_on_first_failure_skips_the_later_tests(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    result = await _judged(api, app, live, stop_on_first_failure=True)
    assert [test["verdict"] for test in result["tests"]] == ["wrong_answer", "skipped", "skipped"]
    assert (result["passed"], result["total"]) == (0, 3)


async def test_a_visible_failing_test_carries_expected_and_actual_output(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    first = (await _judged(api, app, live))["tests"][0]
    assert (first["input"], first["expected_output"], first["stdout"]) == ("1 2\n", "3\n", "2\n")


async def test_a_hidden_test_shows_only_verdict_time_and_memory(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    secret = (await _judged(api, app, live))["tests"][2]
    assert secret["verdict"] == "accepted"
    shown = {key for key, value in secret.items() if value not in (None, False)}
    assert shown <= {"index", "verdict", "time_ms", "memory_kb"}


async def test_a_submission_option_of_the_wrong_type_is_422(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app)
    response = await api.http.post(
        f"/api/rooms/{room_id}/submissions",
        json={"stop_on_first_failure": "sometimes"},
        headers=api.auth(owner),
    )
    assert response.status_code == 422


async def test_an_unknown_submission_option_is_422(api: Api, app: FastAPI, live: LiveRoom) -> None:
    owner, room_id = await room_with_problem(api, app)
    response = await api.http.post(
        f"/api/rooms/{room_id}/submissions", json={"run_hidden": True}, headers=api.auth(owner)
    )
    assert response.status_code == 422
