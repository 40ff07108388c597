"""Accounts over the HTTP API, on every database backend."""

from __future__ import annotations

import jwt
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy import select

from codecollab.runtime import Runtime
from codecollab.users.models import User
from tests.conftest import TEST_SECRET, Api


async def test_signup_returns_tokens_and_the_user(api: Api) -> None:
    body = await api.signup("ann")
    assert body["user"]["email"] == "ann@example.com"
    assert body["token_type"] == "bearer"
    assert body["access_token"]
    assert body["refresh_token"]


async def test_access_token_is_a_short_lived_hs256_jwt_with_required_claims(api: Api) -> None:
    body = await api.signup("ann")
    header = jwt.get_unverified_header(body["access_token"])
    claims = jwt.decode(body["access_token"], TEST_SECRET, algorithms=["HS256"])
    assert header["alg"] == "HS256"
    assert {"exp", "iat", "sub", "jti"} <= claims.keys()
    assert claims["sub"] == body["user"]["id"]
    assert 0 < claims["exp"] - claims["iat"] <= 3600


async def test_passwords_are_stored_as_argon2id_hashes(api: Api, app: FastAPI) -> None:
    await api.signup("ann", password="correct horse battery")
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        user = (await session.execute(select(User))).scalar_one()
    assert user.password_hash.startswith("$argon2id$")
    assert "correct horse battery" not in user.password_hash


async def test_email_is_unique_case_insensitively(api: Api) -> None:
    await api.signup("ann")
    response = await api.http.post(
        "/api/auth/signup",
        json={
            "email": "  ANN@Example.COM ",
            "password": "another password",
            "display_name": "Ann 2",
        },
    )
    assert response.status_code == 409


async def test_login_accepts_the_email_in_any_case(api: Api) -> None:
    await api.signup("ann", password="correct horse battery")
    response = await api.http.post(
        "/api/auth/login", json={"email": "ANN@example.com", "password": "correct horse battery"}
    )
    assert response.status_code == 200
    assert response.json()["user"]["email"] == "ann@example.com"


async def test_login_failure_does_not_say_which_part_was_wrong(api: Api) -> None:
    await api.signup("ann", password="correct horse battery")
    wrong_password = await api.http.post(
        "/api/auth/login", json={"email": "ann@example.com", "password": "wrong password"}
    )
    no_account = await api.http.post(
        "/api/auth/login", json={"email": "nobody@example.com", "password": "wrong password"}
    )
    assert wrong_password.status_code == no_account.status_code == 401
    assert wrong_password.json() == no_account.json()


async def test_repeated_login_failures_on_an_account_are_rate_limited(api: Api) -> None:
    await api.signup("ann", password="correct horse battery")
    for _ in range(5):
        await api.http.post(
            "/api/auth/login", json={"email": "ann@example.com", "password": "nope nope"}
        )
    response = await api.http.post(
        "/api/auth/login", json={"email": "ann@example.com", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


async def test_login_failures_from_one_address_are_rate_limited_across_accounts(api: Api) -> None:
    for attempt in range(20):
        await api.http.post(
            "/api/auth/login",
            json={"email": f"guess{attempt}@example.com", "password": "nope nope"},
        )
    await api.signup("ann", password="correct horse battery")
    response = await api.http.post(
        "/api/auth/login", json={"email": "ann@example.com", "password": "correct horse battery"}
    )
    assert response.status_code == 429


async def test_login_rehashes_a_password_stored_with_outdated_parameters(
    api: Api, app: FastAPI
) -> None:
    await api.signup("ann", password="correct horse battery")
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        user = (await session.execute(select(User))).scalar_one()
        user.password_hash = PasswordHasher(time_cost=2, memory_cost=512).hash(
            "correct horse battery"
        )
        await session.commit()
        old_hash = user.password_hash

    response = await api.http.post(
        "/api/auth/login", json={"email": "ann@example.com", "password": "correct horse battery"}
    )

    assert response.status_code == 200
    async with runtime.sessionmaker() as session:
        user = (await session.execute(select(User))).scalar_one()
    assert user.password_hash != old_hash
    assert not runtime.passwords._hasher.check_needs_rehash(user.password_hash)


async def test_me_returns_the_authenticated_user(api: Api) -> None:
    ann = await api.signup("ann")
    response = await api.http.get("/api/auth/me", headers=api.auth(ann))
    assert response.status_code == 200
    assert response.json()["id"] == ann["user"]["id"]


async def test_refresh_rotates_the_refresh_token(api: Api) -> None:
    ann = await api.signup("ann")
    response = await api.http.post(
        "/api/auth/refresh", json={"refresh_token": ann["refresh_token"]}
    )
    assert response.status_code == 200
    rotated = response.json()
    assert rotated["refresh_token"] != ann["refresh_token"]
    me = await api.http.get("/api/auth/me", headers=api.auth(rotated))
    assert me.status_code == 200


async def test_a_spent_refresh_token_is_refused(api: Api) -> None:
    ann = await api.signup("ann")
    await api.http.post("/api/auth/refresh", json={"refresh_token": ann["refresh_token"]})
    reuse = await api.http.post("/api/auth/refresh", json={"refresh_token": ann["refresh_token"]})
    assert reuse.status_code == 401


async def test_reusing_a_spent_refresh_token_revokes_its_whole_family(api: Api) -> None:
    ann = await api.signup("ann")
    first = await api.http.post("/api/auth/refresh", json={"refresh_token": ann["refresh_token"]})
    newest = first.json()["refresh_token"]
    await api.http.post("/api/auth/refresh", json={"refresh_token": ann["refresh_token"]})
    response = await api.http.post("/api/auth/refresh", json={"refresh_token": newest})
    assert response.status_code == 401


async def test_other_sessions_survive_a_revoked_family(api: Api) -> None:
    ann = await api.signup("ann", password="correct horse battery")
    other = await api.http.post(
        "/api/auth/login", json={"email": "ann@example.com", "password": "correct horse battery"}
    )
    await api.http.post("/api/auth/logout", json={"refresh_token": ann["refresh_token"]})
    response = await api.http.post(
        "/api/auth/refresh", json={"refresh_token": other.json()["refresh_token"]}
    )
    assert response.status_code == 200


async def test_logout_revokes_the_refresh_token(api: Api) -> None:
    ann = await api.signup("ann")
    response = await api.http.post("/api/auth/logout", json={"refresh_token": ann["refresh_token"]})
    assert response.status_code == 204
    refresh = await api.http.post("/api/auth/refresh", json={"refresh_token": ann["refresh_token"]})
    assert refresh.status_code == 401
