"""Problem authoring over the HTTP API: staff write and edit problems; the reference solution is
judged in the real sandbox before anything is saved; hidden tests reach staff and admins only."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI

from codecollab.judge.service import JudgeService
from codecollab.problems.files import MAX_STATEMENT_CHARS, MAX_TESTS
from codecollab.users.roles import InstanceRole
from tests.conftest import Api
from tests.problems.conftest import problem_data, seed, set_instance_role

ADD = "a, b = map(int, input().split())\nprint(a + b)\n"
SUBTRACT = "a, b = map(int, input().split())\nprint(a - b)\n"


def draft(source: str = ADD, language: str = "python", **problem: Any) -> dict[str, Any]:
    return {
        "problem": problem_data(**problem),
        "reference": {"language": language, "source": source},
    }


@pytest.fixture
def judging(app: FastAPI) -> None:
    """Skips the test where this machine has no sandbox to judge the reference solution."""
    judge: JudgeService = app.state.services.judge
    if judge.sandbox is None:
        pytest.skip(f"no sandbox here: {judge.reason}")


async def account(api: Api, app: FastAPI, name: str, role: InstanceRole) -> dict[str, Any]:
    created = await api.signup(name)
    await set_instance_role(app, created, role)
    return created


@pytest.fixture
async def staff(api: Api, app: FastAPI) -> dict[str, Any]:
    return await account(api, app, "author", InstanceRole.STAFF)


async def create(api: Api, author: dict[str, Any], body: dict[str, Any]) -> Any:
    return await api.http.post("/api/problems", json=body, headers=api.auth(author))


async def update(api: Api, author: dict[str, Any], problem_id: str, body: dict[str, Any]) -> Any:
    return await api.http.put(f"/api/problems/{problem_id}", json=body, headers=api.auth(author))


async def test_staff_create_a_problem_whose_reference_passes(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    response = await create(api, staff, draft())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["problem"]["slug"] == "add-two"
    assert body["reference"] == {"language": "python", "source": ADD}
    listed = await api.http.get("/api/problems", headers=api.auth(staff))
    assert [problem["id"] for problem in listed.json()] == [body["id"]]


async def test_a_failing_reference_is_refused_with_each_failed_test(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    response = await create(api, staff, draft(SUBTRACT))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert (detail["verdict"], detail["passed"], detail["total"]) == ("wrong_answer", 0, 2)
    failed = detail["failed_tests"]
    assert [(test["index"], test["verdict"]) for test in failed] == [
        (0, "wrong_answer"),
        (1, "wrong_answer"),
    ]
    assert (failed[1]["input"], failed[1]["expected_output"], failed[1]["stdout"]) == (
        "40 2\n",
        "42\n",
        "38\n",
    )
    listed = await api.http.get("/api/problems", headers=api.auth(staff))
    assert listed.json() == []


async def test_a_reference_that_does_not_compile_is_refused(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    response = await create(api, staff, draft("int main( {", language="c"))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["verdict"] == "compilation_error"
    assert detail["compile_output"]


async def test_a_reference_in_an_unknown_language_is_422(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    response = await create(api, staff, draft(language="cobol-85"))
    assert response.status_code == 422
    assert "cobol-85" in response.json()["detail"]


async def test_staff_edit_a_problem_in_place(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    problem_id = (await create(api, staff, draft())).json()["id"]
    changed = draft(title="Add two numbers", tests=[{"input": "5 5\n", "output": "10\n"}])
    response = await update(api, staff, problem_id, changed)
    assert response.status_code == 200, response.text
    edited = (
        await api.http.get(f"/api/problems/{problem_id}/edit", headers=api.auth(staff))
    ).json()
    assert edited["problem"]["title"] == "Add two numbers"
    assert [test["input"] for test in edited["problem"]["tests"]] == ["5 5\n"]


async def test_an_edit_with_a_failing_reference_leaves_the_problem_unchanged(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    problem_id = (await create(api, staff, draft())).json()["id"]
    response = await update(api, staff, problem_id, draft(SUBTRACT, title="Broken"))
    assert response.status_code == 422
    shown = await api.http.get(f"/api/problems/{problem_id}", headers=api.auth(staff))
    assert shown.json()["title"] == "Problem add-two"


async def test_a_room_set_to_a_problem_keeps_it_after_an_edit(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    problem_id = (await create(api, staff, draft())).json()["id"]
    room = await api.http.post(
        "/api/rooms", json={"title": "t", "problem_id": problem_id}, headers=api.auth(staff)
    )
    await update(api, staff, problem_id, draft(title="Renamed"))
    again = await api.http.get(f"/api/rooms/{room.json()['id']}", headers=api.auth(staff))
    assert again.json()["problem_id"] == problem_id


async def test_a_slug_already_used_is_409(
    api: Api, app: FastAPI, staff: dict[str, Any], judging: None
) -> None:
    await seed(app)
    response = await create(api, staff, draft())
    assert response.status_code == 409


async def test_an_edit_cannot_change_the_slug(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    problem_id = (await create(api, staff, draft())).json()["id"]
    response = await update(api, staff, problem_id, draft(slug="add-three"))
    assert response.status_code == 409
    assert "slug" in response.json()["detail"]


async def test_editing_an_unknown_problem_is_404(api: Api, staff: dict[str, Any]) -> None:
    response = await update(api, staff, str(uuid.uuid4()), draft())
    assert response.status_code == 404
    shown = await api.http.get(f"/api/problems/{uuid.uuid4()}/edit", headers=api.auth(staff))
    assert shown.status_code == 404


async def test_members_may_not_create_edit_or_read_for_editing(
    api: Api, app: FastAPI, judging: None
) -> None:
    problem_id = await seed(app)
    member = await api.signup("member")
    assert (await create(api, member, draft(slug="other"))).status_code == 403
    assert (await update(api, member, problem_id, draft())).status_code == 403
    shown = await api.http.get(f"/api/problems/{problem_id}/edit", headers=api.auth(member))
    assert shown.status_code == 403


async def test_a_member_is_refused_before_the_body_is_validated(api: Api) -> None:
    member = await api.signup("member")
    response = await api.http.post("/api/problems", json={"nonsense": 1}, headers=api.auth(member))
    assert response.status_code == 403


async def test_admins_author_problems(api: Api, app: FastAPI, judging: None) -> None:
    admin = await account(api, app, "admin", InstanceRole.ADMIN)
    assert (await create(api, admin, draft())).status_code == 201


async def test_hidden_tests_and_the_reference_never_reach_a_member(
    api: Api, app: FastAPI, staff: dict[str, Any], judging: None
) -> None:
    problem_id = (await create(api, staff, draft(ADD + "# the reference\n"))).json()["id"]
    member = await api.signup("member")
    shown = await api.http.get(f"/api/problems/{problem_id}", headers=api.auth(member))
    assert "40 2" not in shown.text
    assert "the reference" not in shown.text
    assert shown.json()["hidden_test_count"] == 1
    tests = await api.http.get(f"/api/problems/{problem_id}/tests", headers=api.auth(member))
    assert tests.status_code == 403


async def test_anonymous_authoring_is_401(api: Api) -> None:
    response = await api.http.post("/api/problems", json=draft())
    assert response.status_code == 401


async def test_a_draft_naming_data_files_is_422(api: Api, staff: dict[str, Any]) -> None:
    tests = [{"input_file": "tests/a.in", "output": "3\n"}]
    response = await create(api, staff, draft(tests=tests))
    assert response.status_code == 422
    assert "inline" in response.json()["detail"]


async def test_a_problem_without_tests_is_422(api: Api, staff: dict[str, Any]) -> None:
    response = await create(api, staff, draft(tests=[]))
    assert response.status_code == 422


async def test_too_many_tests_are_422(api: Api, staff: dict[str, Any]) -> None:
    tests = [{"input": "1 1\n", "output": "2\n"}] * (MAX_TESTS + 1)
    response = await create(api, staff, draft(tests=tests))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-2:] == ["problem", "tests"]


async def test_a_statement_over_the_limit_is_refused(api: Api, staff: dict[str, Any]) -> None:
    response = await create(api, staff, draft(statement="x" * (MAX_STATEMENT_CHARS + 1)))
    assert response.status_code in (413, 422)


async def test_a_body_over_the_size_limit_is_413(api: Api, staff: dict[str, Any]) -> None:
    tests = [{"input": "1" * 600_000 + "\n", "output": "1\n"}] * 2
    response = await create(api, staff, draft(tests=tests))
    assert response.status_code == 413


async def test_bad_limits_and_comparison_are_422(api: Api, staff: dict[str, Any]) -> None:
    for changes in ({"time_limit_ms": 10}, {"memory_limit_mb": 10**6}, {"comparison": "fuzzy"}):
        response = await create(api, staff, draft(**changes))
        assert response.status_code == 422, changes


async def test_an_empty_reference_is_422(api: Api, staff: dict[str, Any]) -> None:
    response = await create(api, staff, draft(source=""))
    assert response.status_code == 422


SQL_SETUP = "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (3), (1), (NULL);\n"
SQL_TESTS = [
    {"name": "sample", "visible": True, "input": SQL_SETUP, "output": "1\n3\n"},
    {"name": "empty", "input": "CREATE TABLE t (x INTEGER);\n", "output": ""},
]
SQL_REFERENCE = "SELECT x FROM t WHERE x IS NOT NULL;\n"


def sql_draft(source: str = SQL_REFERENCE, language: str = "sql", **problem: Any) -> dict[str, Any]:
    fields = {"slug": "non-null", "comparison": "unordered_rows", "tests": SQL_TESTS, **problem}
    return draft(source, language, **fields)


async def test_staff_create_an_sql_problem_whose_query_passes(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    response = await create(api, staff, sql_draft())
    assert response.status_code == 201, response.text
    assert response.json()["problem"]["comparison"] == "unordered_rows"


async def test_an_sql_reference_with_the_wrong_rows_is_refused(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    response = await create(api, staff, sql_draft("SELECT x FROM t;\n"))
    assert response.status_code == 422
    failed = response.json()["detail"]["failed_tests"]
    assert [(test["name"], test["stdout"]) for test in failed] == [("sample", "NULL\n1\n3\n")]


async def test_an_sql_problem_with_a_reference_that_cannot_answer_is_422(
    api: Api, staff: dict[str, Any], judging: None
) -> None:
    response = await create(api, staff, sql_draft("print(1)\nprint(3)\n", "python"))
    assert response.status_code == 422
    assert "answered with an SQL query" in response.json()["detail"]


async def test_an_sql_problem_whose_expected_output_is_not_rows_is_422(
    api: Api, staff: dict[str, Any]
) -> None:
    tests = [{"input": SQL_SETUP, "output": "1 | 3\n"}]
    response = await create(api, staff, sql_draft(tests=tests))
    assert response.status_code == 422
    assert "is not a result set" in response.text
