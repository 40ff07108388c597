"""POST /api/rooms/{id}/submissions on an SQL problem: the test's setup script runs, then the
room's query, in the real sandbox; the result set is compared with the expected rows."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from tests.conftest import Api
from tests.judge.conftest import LiveRoom, code, room_with_problem, submit

SETUP = (
    "CREATE TABLE employee (name TEXT, salary INTEGER, team TEXT);\n"
    "INSERT INTO employee VALUES ('Ann', 300, 'a'), ('Bob', NULL, 'b'), ('Cy', 100, 'a');\n"
)
SECRET_SETUP = (
    "CREATE TABLE employee (name TEXT, salary INTEGER, team TEXT);\n"
    "INSERT INTO employee VALUES ('Secret Sam', 7, 'z'), ('Dee', 2, 'z'), ('Eve', NULL, 'z');\n"
)


def sql_problem(comparison: str = "unordered_rows") -> dict[str, Any]:
    return {
        "slug": "paid-employees",
        "statement": "List the name and salary of every employee with a salary.",
        "comparison": comparison,
        "starter": {"sql": "SELECT name, salary FROM employee;\n"},
        "tests": [
            {
                "name": "sample",
                "visible": True,
                "input": SETUP,
                "output": "'Cy',100\n'Ann',300\n",
            },
            {"name": "secret", "input": SECRET_SETUP, "output": "'Dee',2\n'Secret Sam',7\n"},
        ],
    }


RIGHT = "SELECT name, salary FROM employee WHERE salary IS NOT NULL ORDER BY salary;\n"


async def test_a_right_query_is_accepted(api: Api, app: FastAPI, live: LiveRoom) -> None:
    owner, room_id = await room_with_problem(api, app, **sql_problem())
    code(live, room_id, RIGHT, language="sql")
    response = await submit(api, owner, room_id)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["verdict"], body["passed"], body["total"]) == ("accepted", 2, 2)


async def test_rows_in_any_order_are_accepted_when_order_does_not_matter(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app, **sql_problem())
    code(live, room_id, RIGHT.replace("ORDER BY salary", "ORDER BY salary DESC"), "sql")
    assert (await submit(api, owner, room_id)).json()["verdict"] == "accepted"


async def test_rows_out_of_order_are_wrong_when_order_matters(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app, **sql_problem("ordered_rows"))
    code(live, room_id, RIGHT.replace("ORDER BY salary", "ORDER BY salary DESC"), "sql")
    body = (await submit(api, owner, room_id)).json()
    assert body["verdict"] == "wrong_answer"
    sample = body["tests"][0]
    assert (sample["expected_output"], sample["stdout"]) == (
        "'Cy',100\n'Ann',300\n",
        "'Ann',300\n'Cy',100\n",
    )


async def test_a_wrong_query_shows_the_visible_rows_sorted_to_diff_and_hides_the_rest(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app, **sql_problem())
    candidate = await api.member_of(owner, room_id, "candidate")
    code(live, room_id, "SELECT name, salary FROM employee ORDER BY name DESC;\n", "sql")
    response = await submit(api, candidate, room_id)
    body = response.json()
    assert body["verdict"] == "wrong_answer"
    sample, secret = body["tests"]
    # Sorted alike, the expected rows and the printed ones line up: only Bob's NULL row differs.
    assert sample["expected_output"] == "'Ann',300\n'Cy',100\n"
    assert sample["stdout"] == "'Ann',300\n'Bob',NULL\n'Cy',100\n"
    assert secret["verdict"] == "wrong_answer"
    assert secret["input"] is secret["expected_output"] is secret["stdout"] is None
    assert "Secret Sam" not in response.text


async def test_a_query_sqlite_rejects_is_a_runtime_error_with_its_message(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app, **sql_problem())
    code(live, room_id, "SELECT nme FROM employee;\n", "sql")
    body = (await submit(api, owner, room_id)).json()
    assert body["verdict"] == "runtime_error"
    assert "no such column: nme" in body["tests"][0]["stderr"]


async def test_a_program_in_a_language_that_cannot_answer_is_422(
    api: Api, app: FastAPI, live: LiveRoom
) -> None:
    owner, room_id = await room_with_problem(api, app, **sql_problem())
    code(live, room_id, "print(\"'Cy',100\")\n", "python")
    response = await submit(api, owner, room_id)
    assert response.status_code == 422
    assert "answered with an SQL query" in response.json()["detail"]
