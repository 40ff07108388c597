"""The problem bank over the HTTP API: listing, samples only, hidden tests for staff, import."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import yaml
from fastapi import FastAPI

from codecollab.users.roles import InstanceRole
from tests.conftest import Api
from tests.problems.conftest import problem_data, seed, set_instance_role


async def create_room(api: Api, owner: dict[str, Any], **body: Any) -> Any:
    return await api.http.post(
        "/api/rooms", json={"title": "Interview", **body}, headers=api.auth(owner)
    )


async def test_list_filters_by_difficulty_tag_and_text(api: Api, app: FastAPI) -> None:
    await seed(app, slug="add-two")
    await seed(app, slug="hard-graph", difficulty="hard", tags=["graph"], title="Shortest Path")
    ann = await api.signup("ann")

    async def slugs(**params: str) -> list[str]:
        response = await api.http.get("/api/problems", params=params, headers=api.auth(ann))
        assert response.status_code == 200
        return [problem["slug"] for problem in response.json()]

    assert sorted(await slugs()) == ["add-two", "hard-graph"]
    assert await slugs(difficulty="hard") == ["hard-graph"]
    assert await slugs(tag="math") == ["add-two"]
    assert await slugs(text="SHORTEST") == ["hard-graph"]
    assert await slugs(text="100%_") == []


@pytest.mark.parametrize("param", ["text", "tag"])
async def test_list_refuses_a_nul_character_in_a_filter_with_422(
    param: str, api: Api, app: FastAPI
) -> None:
    ann = await api.signup("ann")
    response = await api.http.get("/api/problems", params={param: "a\x00b"}, headers=api.auth(ann))
    assert response.status_code == 422, response.text


async def test_a_problem_shows_samples_and_only_counts_hidden_tests(api: Api, app: FastAPI) -> None:
    problem_id = await seed(app)
    ann = await api.signup("ann")
    response = await api.http.get(f"/api/problems/{problem_id}", headers=api.auth(ann))
    body = response.json()
    assert body["samples"] == [{"position": 0, "name": "sample", "input": "1 2\n", "output": "3\n"}]
    assert (body["test_count"], body["hidden_test_count"]) == (2, 1)
    assert "40 2" not in response.text
    assert "secret-big" not in response.text


async def test_an_unknown_problem_is_404(api: Api) -> None:
    ann = await api.signup("ann")
    response = await api.http.get(f"/api/problems/{uuid.uuid4()}", headers=api.auth(ann))
    assert response.status_code == 404


async def test_hidden_tests_are_refused_to_a_plain_user(api: Api, app: FastAPI) -> None:
    problem_id = await seed(app)
    ann = await api.signup("ann")
    response = await api.http.get(f"/api/problems/{problem_id}/tests", headers=api.auth(ann))
    assert response.status_code == 403


async def test_a_rooms_candidate_never_gets_hidden_tests(api: Api, app: FastAPI) -> None:
    problem_id = await seed(app)
    ann = await api.signup("ann")
    room = (await create_room(api, ann, problem_id=problem_id)).json()
    candidate = await api.member_of(ann, room["id"], "candidate")
    response = await api.http.get(f"/api/problems/{problem_id}/tests", headers=api.auth(candidate))
    assert response.status_code == 403


async def test_owning_or_interviewing_in_a_room_does_not_show_hidden_tests(
    api: Api, app: FastAPI
) -> None:
    problem_id = await seed(app)
    ann = await api.signup("ann")
    room = (await create_room(api, ann, problem_id=problem_id)).json()
    interviewer = await api.member_of(ann, room["id"], "interviewer")
    for account in (ann, interviewer):
        response = await api.http.get(
            f"/api/problems/{problem_id}/tests", headers=api.auth(account)
        )
        assert response.status_code == 403


async def test_staff_see_hidden_tests(api: Api, app: FastAPI) -> None:
    problem_id = await seed(app)
    ann = await api.signup("ann")
    await set_instance_role(app, ann, InstanceRole.STAFF)
    response = await api.http.get(f"/api/problems/{problem_id}/tests", headers=api.auth(ann))
    assert response.status_code == 200
    assert [test["input"] for test in response.json()] == ["1 2\n", "40 2\n"]


async def test_an_admin_sees_hidden_tests(api: Api, app: FastAPI, admin: dict[str, Any]) -> None:
    problem_id = await seed(app)
    response = await api.http.get(f"/api/problems/{problem_id}/tests", headers=api.auth(admin))
    assert response.status_code == 200
    assert response.json()[1]["visible"] is False


async def test_a_room_can_be_created_with_a_problem(api: Api, app: FastAPI) -> None:
    problem_id = await seed(app)
    ann = await api.signup("ann")
    response = await create_room(api, ann, problem_id=problem_id)
    assert response.status_code == 201
    assert response.json()["problem_id"] == problem_id


async def test_a_room_with_an_unknown_problem_is_404(api: Api) -> None:
    ann = await api.signup("ann")
    response = await create_room(api, ann, problem_id=str(uuid.uuid4()))
    assert response.status_code == 404
    assert response.json()["detail"] == "problem not found"


async def test_an_admin_imports_then_updates_a_problem(api: Api, admin: dict[str, Any]) -> None:
    headers = {**api.auth(admin), "Content-Type": "application/yaml"}
    first = await api.http.post(
        "/api/problems/import", content=yaml.safe_dump(problem_data()), headers=headers
    )
    assert first.status_code == 201
    assert first.json()["outcome"] == "created"
    again = await api.http.post(
        "/api/problems/import", content=yaml.safe_dump(problem_data()), headers=headers
    )
    assert (again.status_code, again.json()["outcome"]) == (200, "unchanged")
    changed = await api.http.post(
        "/api/problems/import",
        content=yaml.safe_dump(problem_data(title="Renamed")),
        headers=headers,
    )
    assert changed.json()["outcome"] == "updated"
    assert changed.json()["problem"]["id"] == first.json()["problem"]["id"]
    assert changed.json()["problem"]["title"] == "Renamed"


async def test_export_gives_back_an_importable_file(
    api: Api, app: FastAPI, admin: dict[str, Any]
) -> None:
    problem_id = await seed(app)
    exported = await api.http.get(f"/api/problems/{problem_id}/export", headers=api.auth(admin))
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(exported.text)["tests"][1]["input"] == "40 2\n"
    reimported = await api.http.post(
        "/api/problems/import", content=exported.text, headers=api.auth(admin)
    )
    assert reimported.json()["outcome"] == "unchanged"


async def test_only_admins_import_and_export(api: Api, app: FastAPI) -> None:
    problem_id = await seed(app)
    ann = await api.signup("ann")
    imported = await api.http.post(
        "/api/problems/import", content=yaml.safe_dump(problem_data()), headers=api.auth(ann)
    )
    exported = await api.http.get(f"/api/problems/{problem_id}/export", headers=api.auth(ann))
    assert imported.status_code == exported.status_code == 403


async def test_a_malformed_import_names_the_field(api: Api, admin: dict[str, Any]) -> None:
    response = await api.http.post(
        "/api/problems/import",
        content=yaml.safe_dump(problem_data(difficulty="impossible")),
        headers=api.auth(admin),
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("uploaded file: difficulty: ")


async def test_an_import_may_not_name_data_files(api: Api, admin: dict[str, Any]) -> None:
    data = problem_data(tests=[{"input_file": "tests/a.in", "output": "1"}])
    response = await api.http.post(
        "/api/problems/import", content=yaml.safe_dump(data), headers=api.auth(admin)
    )
    assert response.status_code == 422
    assert "inline" in response.json()["detail"]


async def test_a_binary_import_is_422(api: Api, admin: dict[str, Any]) -> None:
    response = await api.http.post(
        "/api/problems/import", content=b"\xff\xfe\x00", headers=api.auth(admin)
    )
    assert response.status_code == 422


async def test_a_problem_lists_the_languages_it_has_starter_code_for(
    api: Api, app: FastAPI
) -> None:
    problem_id = await seed(app, starter={"sql": "SELECT 1;\n", "python": "print()\n"})
    member = await api.signup("member")
    listed = (await api.http.get("/api/problems", headers=api.auth(member))).json()
    assert [p["starter_languages"] for p in listed if p["id"] == problem_id] == [["python", "sql"]]
