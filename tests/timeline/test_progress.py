"""GET /analytics/tests: when each test first passed, by re-judging the code at checkpoints."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from tests.conftest import Api, checkpoint_every
from tests.problems.conftest import seed
from tests.timeline.conftest import Typist, open_log, user_id

from codecollab.events import types as t
from codecollab.judge.service import JudgeService


@pytest.fixture
def sandboxed(app: FastAPI) -> None:
    judge: JudgeService = app.state.services.judge
    if judge.sandbox is None:
        pytest.skip(f"no sandbox here: {judge.reason}")
    checkpoint_every(app, 1)


@pytest.mark.usefixtures("sandboxed")
async def test_each_tests_first_passing_moment_is_found(app: FastAPI, api: Api) -> None:
    problem_id = await seed(app)
    owner = await api.signup("owner")
    response = await api.http.post(
        "/api/rooms", json={"title": "t", "problem_id": problem_id}, headers=api.auth(owner)
    )
    room_id = response.json()["id"]
    log = await open_log(app, uuid.UUID(room_id))
    typist = Typist(base=log.base)
    for at_ms, source in (
        (1000, "print(3)\n"),
        (5000, "a, b = map(int, input().split())\nprint(a + b)\n"),
    ):
        with typist.doc.transaction():
            del typist.text[0 : len(typist.text)]
            typist.text.insert(0, source)
        log.add(at_ms, t.DOC_UPDATE, actor=user_id(owner), data=typist.take())
    await log.commit()

    response = await api.http.get(
        f"/api/rooms/{room_id}/analytics/tests", params={"samples": 50}, headers=api.auth(owner)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [test["first_passed_at_ms"] for test in body["tests"]] == [1000, 5000]
    assert [sample["passed"] for sample in body["samples"]][-2:] == [1, 2]


async def test_a_room_without_a_problem_is_409(api: Api) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    response = await api.http.get(
        f"/api/rooms/{room['id']}/analytics/tests", headers=api.auth(owner)
    )
    assert response.status_code == 409


SQL_PROBLEM = {
    "slug": "non-null",
    "comparison": "unordered_rows",
    "starter": {"sql": "SELECT x FROM t;\n"},
    "tests": [
        {
            "visible": True,
            "input": "CREATE TABLE t (x);\nINSERT INTO t VALUES (1), (NULL);\n",
            "output": "1\n",
        },
        {
            "input": "CREATE TABLE t (x);\nINSERT INTO t VALUES (NULL), (2), (3);\n",
            "output": "2\n3\n",
        },
    ],
}


async def room_typed(app: FastAPI, api: Api, language: str, *sources: str) -> tuple[Any, str]:
    """A room set to the SQL problem in `language`, its code typed as `sources`, 4 s apart."""
    problem_id = await seed(app, **SQL_PROBLEM)
    owner = await api.signup("owner")
    response = await api.http.post(
        "/api/rooms",
        json={"title": "t", "problem_id": problem_id, "language": language},
        headers=api.auth(owner),
    )
    room_id = response.json()["id"]
    log = await open_log(app, uuid.UUID(room_id))
    typist = Typist(base=log.base)
    for index, source in enumerate(sources):
        with typist.doc.transaction():
            del typist.text[0 : len(typist.text)]
            typist.text.insert(0, source)
        log.add(1000 + 4000 * index, t.DOC_UPDATE, actor=user_id(owner), data=typist.take())
    await log.commit()
    return owner, room_id


@pytest.mark.usefixtures("sandboxed")
async def test_an_sql_problems_tests_pass_when_the_query_does(app: FastAPI, api: Api) -> None:
    right = "SELECT x FROM t WHERE x IS NOT NULL;\n"
    owner, room_id = await room_typed(app, api, "sql", "SELECT x FROM t;\n", right)
    response = await api.http.get(
        f"/api/rooms/{room_id}/analytics/tests", params={"samples": 50}, headers=api.auth(owner)
    )
    assert response.status_code == 200, response.text
    assert [test["first_passed_at_ms"] for test in response.json()["tests"]] == [5000, 5000]


@pytest.mark.usefixtures("sandboxed")
async def test_code_in_a_language_that_cannot_answer_an_sql_problem_passes_nothing(
    app: FastAPI, api: Api
) -> None:
    owner, room_id = await room_typed(app, api, "python", "print(1)\n")
    response = await api.http.get(
        f"/api/rooms/{room_id}/analytics/tests", params={"samples": 50}, headers=api.auth(owner)
    )
    assert response.status_code == 200, response.text
    assert [test["first_passed_at_ms"] for test in response.json()["tests"]] == [None, None]
