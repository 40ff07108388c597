"""API keys: POST/GET/DELETE /api/keys, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from codecollab.auth.api_keys import hash_api_key
from codecollab.auth.models import ApiKey
from codecollab.web.services import services_of
from tests.conftest import Api


async def create_key(api: Api, account: dict[str, object], name: str = "grader") -> httpx.Response:
    return await api.http.post("/api/keys", json={"name": name}, headers=api.auth(account))


async def test_a_new_key_is_shown_once_with_its_id_and_name(api: Api) -> None:
    account = await api.signup()
    response = await create_key(api, account)
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "grader"
    assert body["key"].startswith("cck_")
    assert len(body["key"]) >= 40
    assert body["prefix"] == body["key"][:12]


async def test_the_listing_never_shows_the_secret(api: Api) -> None:
    account = await api.signup()
    key = (await create_key(api, account)).json()["key"]
    response = await api.http.get("/api/keys", headers=api.auth(account))
    assert response.status_code == 200
    (listed,) = response.json()
    assert set(listed) == {"id", "name", "prefix", "created_at", "last_used_at"}
    assert key not in response.text
    assert listed["last_used_at"] is None


async def test_only_the_keys_hash_is_stored(api: Api, app: FastAPI) -> None:
    account = await api.signup()
    key = (await create_key(api, account)).json()["key"]
    async with services_of(app).runtime.sessionmaker() as session:
        (stored,) = (await session.scalars(select(ApiKey))).all()
    assert stored.key_hash == hash_api_key(key)
    assert key not in {stored.name, stored.prefix, stored.key_hash}


async def test_each_account_lists_only_its_own_keys(api: Api) -> None:
    ann, bob = await api.signup(), await api.signup()
    await create_key(api, ann, "ann's")
    await create_key(api, bob, "bob's")
    listed = (await api.http.get("/api/keys", headers=api.auth(ann))).json()
    assert [key["name"] for key in listed] == ["ann's"]


async def test_revoking_a_key_removes_it(api: Api) -> None:
    account = await api.signup()
    key_id = (await create_key(api, account)).json()["id"]
    response = await api.http.delete(f"/api/keys/{key_id}", headers=api.auth(account))
    assert response.status_code == 204
    assert (await api.http.get("/api/keys", headers=api.auth(account))).json() == []


async def test_revoking_someone_elses_key_is_404_and_keeps_it(api: Api) -> None:
    ann, bob = await api.signup(), await api.signup()
    key_id = (await create_key(api, ann)).json()["id"]
    response = await api.http.delete(f"/api/keys/{key_id}", headers=api.auth(bob))
    assert response.status_code == 404
    assert len((await api.http.get("/api/keys", headers=api.auth(ann))).json()) == 1


async def test_keys_per_account_are_bounded(api: Api, app: FastAPI) -> None:
    account = await api.signup()
    limit = services_of(app).runtime.settings.api_keys_per_account
    for number in range(limit):
        assert (await create_key(api, account, f"key {number}")).status_code == 201
    response = await create_key(api, account, "one too many")
    assert response.status_code == 409
    assert "at most" in response.json()["detail"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "a\u0000b"])
async def test_a_bad_name_is_422(api: Api, name: str) -> None:
    account = await api.signup()
    assert (await create_key(api, account, name)).status_code == 422


async def test_keys_need_an_account(api: Api) -> None:
    assert (await api.http.get("/api/keys")).status_code == 401
    assert (await api.http.post("/api/keys", json={"name": "x"})).status_code == 401


async def test_a_guest_cannot_make_keys(api: Api) -> None:
    owner = await api.signup()
    room = await api.create_room(owner)
    invite = await api.invite(owner, room["id"], "candidate")
    guest = (
        await api.http.post(
            "/api/rooms/join", json={"invite_token": invite["token"], "guest_name": "Gus"}
        )
    ).json()
    response = await create_key(api, guest)
    assert response.status_code == 403
