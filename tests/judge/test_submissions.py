"""POST /api/rooms/{id}/submissions: the room's live code judged in the real sandbox."""

from __future__ import annotations

import uuid

from fastapi import FastAPI
from sqlalchemy import delete, select

from codecollab.events.models import SessionEvent
from codecollab.problems.models import ProblemTest
from codecollab.runtime import Runtime
from tests.conftest import Api
from tests.judge.conftest import ADD, LiveRoom, code, room_with_problem, submit


async def test_a_correct_program_is_accepted(api: Api, app: FastAPI, live: LiveRoom) -> None:
    owner, room_id = await room_with_problem(api, app)
    code(live, room_id, ADD)
    response = await submit(api, owner, room_id)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["verdict"], body["passed"], body["total"]) == ("accepted", 2, 2)
    assert [test["verdict"] for test in body["tests"]] == ["accepted", "accepted"]


async def test_a_candidate_sees_hidden_tests_only_as_verdicts(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app)
    candidate = await api.member_of(owner, room_id, "candidate")
    code(live, room_id, "print(3)\n")
    response = await submit(api, candidate, room_id)
    body = response.json()
    assert body["verdict"] == "wrong_answer"
    assert body["tests"][0]["stdout"] == "3\n"
    hidden = body["tests"][1]
    assert hidden["verdict"] == "wrong_answer"
    assert (
        hidden["input"] is hidden["expected_output"] is hidden["stdout"] is hidden["name"] is None
    )
    assert "40 2" not in response.text
    assert '"42\\n"' not in response.text  # the expected output as a JSON string


async def test_a_staff_owner_sees_hidden_test_data_in_the_result(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app)
    code(live, room_id, "print(3)\n")
    hidden = (await submit(api, owner, room_id)).json()["tests"][1]
    assert (hidden["input"], hidden["expected_output"]) == ("40 2\n", "42\n")


async def test_the_result_is_logged_and_broadcast_without_hidden_data(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app)
    code(live, room_id, "print(3)\n")
    await submit(api, owner, room_id)
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        events = (
            (
                await session.execute(
                    select(SessionEvent)
                    .where(SessionEvent.room_id == uuid.UUID(room_id))
                    .order_by(SessionEvent.seq)
                )
            )
            .scalars()
            .all()
        )
    types = [event.type for event in events]
    assert types[-2:] == ["submission.started", "submission.finished"]
    finished = events[-1].payload
    assert finished is not None
    assert finished["verdict"] == "wrong_answer"
    assert finished["tests"][1]["input"] is None
    assert [values["state"] for _room, _map, values in live.shown] == ["running", "finished"]
    assert live.shown[-1][2]["result"] == finished


async def test_a_program_printing_the_answer_then_crashing_is_a_runtime_error(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app)
    code(live, room_id, ADD + "raise SystemExit(3)\n")
    body = (await submit(api, owner, room_id)).json()
    assert body["verdict"] == "runtime_error"
    assert body["tests"][0]["exit_code"] == 3


async def test_a_language_without_starter_code_is_judged_all_the_same(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app)
    code(live, room_id, "read a b\necho $((a + b))\n", language="bash")
    body = (await submit(api, owner, room_id)).json()
    assert (body["verdict"], body["language"]) == ("accepted", "bash")


async def test_a_compile_error_skips_every_test(api: Api, app: FastAPI, live: LiveRoom) -> None:
    owner, room_id = await room_with_problem(api, app)
    code(live, room_id, "int main( {", language="c")
    body = (await submit(api, owner, room_id)).json()
    assert body["verdict"] == "compilation_error"
    assert body["compile_output"]
    assert {test["verdict"] for test in body["tests"]} == {"skipped"}


async def test_a_gigantic_input_and_expected_output_are_judged(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    lines = "x" * 99 + "\n"
    big = lines * 80_000  # 8 MB in, 8 MB expected out
    tests = [{"input": big, "output": big}]
    owner, room_id = await room_with_problem(api, app, tests=tests)
    code(live, room_id, "import sys\nsys.stdout.write(sys.stdin.read())\n")
    body = (await submit(api, owner, room_id)).json()
    assert body["verdict"] == "accepted"


async def test_endless_output_stops_at_the_output_limit(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app)
    code(live, room_id, "while True:\n    print('3' * 1000)\n")
    body = (await submit(api, owner, room_id)).json()
    assert body["verdict"] == "output_limit_exceeded"


async def test_a_room_without_a_problem_is_409(api: Api, live: LiveRoom) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    response = await submit(api, owner, room["id"])
    assert response.status_code == 409
    assert "no problem" in response.json()["detail"]


async def test_a_problem_with_no_tests_is_409(api: Api, app: FastAPI, live: LiveRoom) -> None:
    owner, room_id = await room_with_problem(api, app)
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        await session.execute(delete(ProblemTest))
        await session.commit()
    response = await submit(api, owner, room_id)
    assert response.status_code == 409
    assert "no tests" in response.json()["detail"]


async def test_an_observer_cannot_submit(api: Api, app: FastAPI, live: LiveRoom) -> None:
    owner, room_id = await room_with_problem(api, app)
    observer = await api.member_of(owner, room_id, "observer")
    assert (await submit(api, observer, room_id)).status_code == 403


async def test_a_non_member_gets_404(api: Api, app: FastAPI, live: LiveRoom) -> None:
    _owner, room_id = await room_with_problem(api, app)
    stranger = await api.signup("eve")
    assert (await submit(api, stranger, room_id)).status_code == 404


async def test_an_unknown_language_is_422(api: Api, app: FastAPI, live: LiveRoom) -> None:
    owner, room_id = await room_with_problem(api, app)
    code(live, room_id, "x", language="cobol-85")
    assert (await submit(api, owner, room_id)).status_code == 422
