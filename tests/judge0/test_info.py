"""The informational routes: languages (only what this server runs, Judge0's ids), statuses,
about, config_info; and authentication by X-Auth-Token on every route."""

from __future__ import annotations

import httpx
import pytest

from tests.judge0.conftest import Judge0, new_key, signup
from tests.server import ServerProcess

ROUTES = [
    ("POST", "/submissions"),
    ("POST", "/submissions/batch"),
    ("GET", "/submissions/batch?tokens=a"),
    ("GET", "/submissions/0b0d6e4c-7a0e-4a3f-8a43-3cf6b2b4f6b1"),
    ("GET", "/languages"),
    ("GET", "/languages/71"),
    ("GET", "/statuses"),
    ("GET", "/about"),
    ("GET", "/config_info"),
]


def test_languages_lists_judge0_ids_of_the_languages_this_server_runs(judge0: Judge0) -> None:
    languages = judge0.http.get("/languages").json()
    by_id = {entry["id"]: entry["name"] for entry in languages}
    assert by_id[71].startswith("Python (")
    assert by_id[50].startswith("C (")
    assert by_id[54].startswith("C++ (")
    assert by_id[62].startswith("Java (")
    assert all(set(entry) == {"id", "name"} for entry in languages)


def test_languages_leaves_out_ids_this_server_cannot_run(judge0: Judge0) -> None:
    ours = {entry["id"] for entry in judge0.http.get("/languages").json()}
    # Judge0's 47 (Basic) has no mapping; 82 (SQL) is listed only where SQL runs.
    assert 47 not in ours


def test_one_language_shows_its_file_and_commands(judge0: Judge0) -> None:
    body = judge0.http.get("/languages/50").json()
    assert body["id"] == 50
    assert body["is_archived"] is False
    assert body["source_file"].endswith(".c")
    assert body["compile_cmd"]
    assert body["run_cmd"]


@pytest.mark.parametrize("language_id", ["47", "abc", "²", "٣", "9" * 40, "-71"])
def test_an_unknown_language_is_404(judge0: Judge0, language_id: str) -> None:
    assert judge0.http.get(f"/languages/{language_id}").status_code == 404


def test_statuses_are_judge0s_fourteen(judge0: Judge0) -> None:
    statuses = judge0.http.get("/statuses").json()
    assert [status["id"] for status in statuses] == list(range(1, 15))
    assert statuses[6] == {"id": 7, "description": "Runtime Error (SIGSEGV)"}
    assert statuses[13] == {"id": 14, "description": "Exec Format Error"}


def test_about_names_the_judge0_version_implemented(judge0: Judge0) -> None:
    assert judge0.http.get("/about").json()["version"] == "1.13.1"


def test_config_info_shows_this_servers_limits_in_judge0s_units(judge0: Judge0) -> None:
    config = judge0.http.get("/config_info").json()
    assert config["max_cpu_time_limit"] == 10
    assert config["max_memory_limit"] == 512 * 1024
    assert config["max_submission_batch_size"] == 20
    assert config["enable_network"] is False
    assert config["enable_command_line_arguments"] is True
    assert config["enable_additional_files"] is True
    assert config["stack_limit"] == 65536


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_needs_an_api_key(live_server: ServerProcess, method: str, path: str) -> None:
    response = httpx.request(method, f"{live_server.base_url}/judge0{path}", json={})
    assert response.status_code == 401
    assert "error" in response.json()


@pytest.mark.parametrize(
    "token", ["cck_not-a-key", "not-even-prefixed", "cck_" + "x" * 500, "Bearer abc"]
)
def test_a_bad_api_key_is_401(live_server: ServerProcess, token: str) -> None:
    response = httpx.get(
        f"{live_server.base_url}/judge0/languages", headers={"X-Auth-Token": token}
    )
    assert response.status_code == 401
    assert response.json() == {"error": "authentication failed: bad X-Auth-Token"}


def test_an_access_token_is_not_an_api_key(live_server: ServerProcess) -> None:
    bearer = signup(live_server, "bearer-only")
    response = httpx.get(f"{live_server.base_url}/judge0/languages", headers=bearer)
    assert response.status_code == 401


def test_a_revoked_key_stops_working_at_once(live_server: ServerProcess) -> None:
    bearer = signup(live_server, "revoker")
    key = new_key(live_server, bearer)
    url = f"{live_server.base_url}/judge0/statuses"
    assert httpx.get(url, headers={"X-Auth-Token": key}).status_code == 200
    key_id = httpx.get(f"{live_server.base_url}/api/keys", headers=bearer).json()[0]["id"]
    httpx.delete(f"{live_server.base_url}/api/keys/{key_id}", headers=bearer)
    assert httpx.get(url, headers={"X-Auth-Token": key}).status_code == 401


def test_the_judge0_routes_are_not_in_the_openapi_document(live_server: ServerProcess) -> None:
    paths = httpx.get(f"{live_server.base_url}/openapi.json").json()["paths"]
    assert not [path for path in paths if path.startswith("/judge0")]


def test_java_shows_a_file_and_a_run_command_without_placeholders(judge0: Judge0) -> None:
    body = judge0.http.get("/languages/62").json()
    assert body["source_file"] == "Main.java"
    assert "{" not in body["run_cmd"]
