"""Strict HTTP input: every string field refuses NUL and lone surrogates and has a maximum length,
every number is finite and bounded, and a 422 never echoes more than an excerpt of the input.

The checks walk the application's own OpenAPI document, so a field added later is covered
without editing this file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi import FastAPI

from codecollab.app import create_app
from codecollab.errors import EXCERPT_CHARS, MAX_ERRORS
from codecollab.problems.files import ProblemSpec
from codecollab.validation import STORABLE_TEXT
from tests.conftest import Api, make_settings
from tests.problems.conftest import make_admin, problem_data
from tests.security.openapi import Schema, inputs, is_text, leaves, loc, nested, with_ids


def _openapi(tmp_path: Path) -> Schema:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'unused.db'}", tmp_path / "data"))
    document: Schema = app.openapi()
    return document


def _text_problems(where: str, schema: Schema) -> list[str]:
    problems = []
    if not schema.get(STORABLE_TEXT):
        problems.append(f"{where}: not checked for NUL and lone surrogates (validation.CLEAN)")
    if "maxLength" not in schema and "pattern" not in schema:
        problems.append(f"{where}: no maximum length")
    return problems


def _number_problems(where: str, schema: Schema) -> list[str]:
    problems = []
    if "maximum" not in schema and "exclusiveMaximum" not in schema:
        problems.append(f"{where}: no maximum")
    elif schema.get("maximum", schema.get("exclusiveMaximum")) >= 2**63:
        problems.append(f"{where}: maximum beyond a 64-bit column")
    if "minimum" not in schema and "exclusiveMinimum" not in schema:
        problems.append(f"{where}: no minimum")
    return problems


# --- by construction: the published schema -----------------------------------------------


def test_every_string_input_is_checked_and_bounded(tmp_path: Path) -> None:
    document = _openapi(tmp_path)
    problems = [
        problem
        for method, url, where, field, schema in inputs(document)
        if is_text(schema)
        for problem in _text_problems(f"{method.upper()} {url} {where} {'.'.join(field)}", schema)
    ]
    assert problems == []


def test_every_number_input_is_bounded(tmp_path: Path) -> None:
    document = _openapi(tmp_path)
    problems = [
        problem
        for method, url, where, field, schema in inputs(document)
        if schema.get("type") in ("integer", "number")
        for problem in _number_problems(f"{method.upper()} {url} {where} {'.'.join(field)}", schema)
    ]
    assert problems == []


def test_the_problem_file_upload_checks_its_strings_and_numbers_too() -> None:
    schema = ProblemSpec.model_json_schema(ref_template="#/components/schemas/{model}")
    document = {"components": {"schemas": schema.pop("$defs", {})}}
    problems = []
    for field, leaf in leaves(document, schema):
        where = "problem file " + ".".join(field)
        if is_text(leaf):
            problems += _text_problems(where, leaf)
        elif leaf.get("type") in ("integer", "number"):
            problems += _number_problems(where, leaf)
    assert problems == []


# --- by behaviour: every field over HTTP, on every database --------------------------------


async def _refusals(api: Api, account: dict[str, Any], raw_json: str, *, of: str) -> list[str]:
    """Every JSON body field of type ``of`` sent ``raw_json``: those not answered 422 naming it."""
    document = (await api.http.get("/openapi.json")).json()
    missed = []
    for method, url, where, field, schema in inputs(document):
        if where != "body" or not (is_text(schema) if of == "text" else schema.get("type") == of):
            continue
        response = await api.http.request(
            method,
            with_ids(url),
            content=nested(field, raw_json).encode(),
            headers={**api.auth(account), "Content-Type": "application/json"},
        )
        named = response.status_code == 422 and any(
            error["loc"][: len(field) + 1] == loc(field) for error in response.json()["detail"]
        )
        if not named:
            missed.append(f"{method.upper()} {url} {'.'.join(field)}: {response.status_code}")
    return missed


async def fuzzer(api: Api, app: FastAPI) -> dict[str, Any]:
    """An admin: routes for staff and admins refuse anyone else before reading the body, so
    only an admin's requests reach every body's validation."""
    account = await api.signup("fuzzer")
    await make_admin(app, account)
    return account


@pytest.mark.parametrize("raw_json", [r'"\ud800"', r'"a\udfffb"', r'"\u0000"', r'"x\u0000"'])
async def test_every_body_string_field_refuses_unstorable_text(
    api: Api, app: FastAPI, raw_json: str
) -> None:
    account = await fuzzer(api, app)
    assert await _refusals(api, account, raw_json, of="text") == []


@pytest.mark.parametrize("raw_json", ["NaN", "Infinity", "-Infinity", "1e999", str(2**64)])
async def test_every_body_number_field_refuses_non_finite_and_huge_numbers(
    api: Api, app: FastAPI, raw_json: str
) -> None:
    account = await fuzzer(api, app)
    assert await _refusals(api, account, raw_json, of="integer") == []
    assert await _refusals(api, account, raw_json, of="number") == []


async def test_every_integer_query_parameter_is_range_checked(api: Api) -> None:
    account = await api.signup("fuzzer")
    document = (await api.http.get("/openapi.json")).json()
    missed = []
    for method, url, where, field, schema in inputs(document):
        if where != "query" or schema.get("type") != "integer":
            continue
        for value in (str(2**63), str(2**64), "-1" + "0" * 30, str(schema["maximum"] + 1)):
            response = await api.http.request(
                method, with_ids(url), params={field[0]: value}, headers=api.auth(account)
            )
            if response.status_code != 422:
                missed.append(f"{method.upper()} {url}?{field[0]}={value}: {response.status_code}")
    assert missed == []


async def test_every_string_query_parameter_refuses_nul(api: Api) -> None:
    account = await api.signup("fuzzer")
    document = (await api.http.get("/openapi.json")).json()
    missed = []
    for method, url, where, field, schema in inputs(document):
        if where == "query" and is_text(schema):
            response = await api.http.request(
                method, with_ids(url), params={field[0]: "a\x00b"}, headers=api.auth(account)
            )
            if response.status_code != 422:
                missed.append(f"{method.upper()} {url}?{field[0]}: {response.status_code}")
    assert missed == []


# --- the attackers' findings, one by one ---------------------------------------------------


def _reason(response: httpx.Response) -> str:
    return " ".join(error["msg"] for error in response.json()["detail"])


async def test_a_lone_surrogate_in_a_display_name_is_422(api: Api) -> None:
    response = await api.http.post(
        "/api/auth/signup",
        content=rb'{"email": "s@example.com", "password": "long enough", "display_name": "\ud800"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "surrogate" in _reason(response)


async def test_a_lone_surrogate_in_a_room_title_is_422(api: Api) -> None:
    owner = await api.signup("owner")
    response = await api.http.post(
        "/api/rooms",
        content=rb'{"title": "Interview \udc00"}',
        headers={**api.auth(owner), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "surrogate" in _reason(response)
    assert (await api.http.get("/api/rooms", headers=api.auth(owner))).json() == []


@pytest.mark.parametrize("text", [r"\ud800", r"hi \u0000 there"])
async def test_chat_text_with_a_lone_surrogate_or_nul_is_422_and_not_posted(
    api: Api, text: str
) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    response = await api.http.post(
        f"/api/rooms/{room['id']}/chat",
        content=('{"text": "' + text + '"}').encode(),
        headers={**api.auth(owner), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    events = await api.http.get(f"/api/rooms/{room['id']}/events", headers=api.auth(owner))
    assert [event["type"] for event in events.json() if event["type"].startswith("chat")] == []


async def test_replay_run_stdin_with_nul_is_422(api: Api) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    response = await api.http.post(
        f"/api/rooms/{room['id']}/replay/run",
        json={"at_ms": 0, "stdin": "1\x002"},
        headers=api.auth(owner),
    )
    assert response.status_code == 422
    assert "NUL" in _reason(response)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e999"])
async def test_a_non_finite_time_limit_is_422(api: Api, number: str) -> None:
    account = await api.signup("runner")
    response = await api.http.post(
        "/api/executions",
        content='{"language": "python", "source": "print(1)", "time_limit_ms": ' + number + "}",
        headers={**api.auth(account), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "time_limit_ms"]


@pytest.mark.parametrize("after_seq", [2**63, 2**64, 10**30])
async def test_an_event_sequence_past_64_bits_is_422(api: Api, after_seq: int) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    response = await api.http.get(
        f"/api/rooms/{room['id']}/events",
        params={"after_seq": after_seq},
        headers=api.auth(owner),
    )
    assert response.status_code == 422


async def test_the_largest_event_sequence_is_an_empty_page(api: Api) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    response = await api.http.get(
        f"/api/rooms/{room['id']}/events",
        params={"after_seq": 2**63 - 1},
        headers=api.auth(owner),
    )
    assert response.status_code == 200
    assert response.json() == []


# --- what a 422 shows back -----------------------------------------------------------------


async def test_a_422_shows_only_an_excerpt_of_a_huge_field(api: Api) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner)
    response = await api.http.post(
        f"/api/rooms/{room['id']}/chat", json={"text": "x" * 600_000}, headers=api.auth(owner)
    )
    assert response.status_code == 422
    assert len(response.content) < 2 * EXCERPT_CHARS + 500
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "text"]
    assert error["input"] == "x" * EXCERPT_CHARS + "…"


async def test_a_422_summarises_a_huge_body_and_lists_a_bounded_number_of_errors(
    api: Api,
) -> None:
    account = await api.signup("runner")
    body = {f"extra{index}": "y" * 50 for index in range(10_000)}
    response = await api.http.post("/api/executions", json=body, headers=api.auth(account))
    assert response.status_code == 422
    assert len(response.content) < MAX_ERRORS * (EXCERPT_CHARS + 300)
    errors = response.json()["detail"]
    assert len(errors) == MAX_ERRORS
    missing = next(error for error in errors if error["type"] == "missing")
    assert missing["input"] == "<an object of 10000 keys>"


async def test_a_422_for_unencodable_input_is_valid_json(api: Api) -> None:
    account = await api.signup("runner")
    response = await api.http.post(
        "/api/executions",
        content=rb'{"language": "\ud800", "source": "s", "time_limit_ms": NaN, "stdin": [1], '
        rb'"memory_limit_mb": 18446744073709551616}',
        headers={**api.auth(account), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    errors = {tuple(error["loc"]): error for error in json.loads(response.content)["detail"]}
    assert errors[("body", "language")]["input"] == "\\ud800"
    assert errors[("body", "time_limit_ms")]["input"] == "nan"
    assert errors[("body", "stdin")]["input"] == [1]
    assert errors[("body", "memory_limit_mb")]["input"] == "<an integer of 65 bits>"


# --- the problem file upload (YAML, not JSON) ----------------------------------------------

BAD_PROBLEM_FIELDS = {
    "title with NUL": {"title": "a\x00b"},
    "statement with NUL": {"statement": "read\x00"},
    "starter code with NUL": {"starter": {"python": "print(1)\x00"}},
    "test name with NUL": {"tests": [{"name": "n\x00", "input": "1\n", "output": "1\n"}]},
    "test input with NUL": {"tests": [{"input": "\x00", "output": "1\n"}]},
    "NaN tolerance": {"float_tolerance": float("nan")},
    "infinite tolerance": {"float_tolerance": float("inf")},
    "huge time limit": {"time_limit_ms": 2**64},
}


@pytest.mark.parametrize("case", list(BAD_PROBLEM_FIELDS))
async def test_a_problem_file_with_unstorable_values_is_422(
    app: FastAPI, api: Api, case: str
) -> None:
    admin = await api.signup("admin")
    await make_admin(app, admin)
    response = await api.http.post(
        "/api/problems/import",
        content=yaml.safe_dump(problem_data(**BAD_PROBLEM_FIELDS[case])),
        headers={**api.auth(admin), "Content-Type": "application/yaml"},
    )
    assert response.status_code == 422, response.text


async def test_a_problem_file_with_a_lone_surrogate_escape_is_422(api: Api, app: FastAPI) -> None:
    admin = await api.signup("admin")
    await make_admin(app, admin)
    text = yaml.safe_dump(problem_data(title="TITLE")).replace("TITLE", '"\\ud800"')
    response = await api.http.post(
        "/api/problems/import",
        content=text,
        headers={**api.auth(admin), "Content-Type": "application/yaml"},
    )
    assert response.status_code == 422, response.text


async def test_a_problem_file_with_many_errors_lists_a_bounded_number(
    api: Api, app: FastAPI
) -> None:
    admin = await api.signup("admin")
    await make_admin(app, admin)
    tests = [{"input": 1, "output": 2, "bogus": 3}] * 150
    response = await api.http.post(
        "/api/problems/import",
        content=yaml.safe_dump(problem_data(tests=tests)),
        headers={**api.auth(admin), "Content-Type": "application/yaml"},
    )
    assert response.status_code == 422
    assert response.json()["detail"].count(";") == MAX_ERRORS
    assert response.json()["detail"].endswith("more errors")
