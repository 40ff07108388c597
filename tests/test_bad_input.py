"""Bad input gets the contract's 4xx with a reason, never a 500."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from codecollab.rooms.models import Invite
from codecollab.runtime import Runtime
from tests.conftest import TEST_SECRET, Api


def _forged(claims: dict[str, Any], *, secret: str = TEST_SECRET, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, secret, algorithm=algorithm)


def _claims(user_id: str, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "sub": user_id,
        "typ": "access",
        "iat": now,
        "exp": now + 600,
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides)
    return claims


def _alg_none(user_id: str) -> str:
    return jwt.encode(_claims(user_id), key=None, algorithm="none")


BAD_TOKENS = {
    "tampered signature": lambda user_id: _forged(_claims(user_id))[:-4] + "AAAA",
    "other secret": lambda user_id: _forged(_claims(user_id), secret="someone-elses-secret" * 3),
    "expired": lambda user_id: _forged(_claims(user_id, iat=1, exp=2)),
    "alg none": _alg_none,
    "missing jti": lambda user_id: _forged(
        {k: v for k, v in _claims(user_id).items() if k != "jti"}
    ),
    "refresh used as access": lambda user_id: _forged(_claims(user_id, typ="invite")),
    "garbage": lambda user_id: "not.a.jwt",
    "unknown subject": lambda user_id: _forged(_claims(str(uuid.uuid4()))),
}


@pytest.mark.parametrize("kind", list(BAD_TOKENS))
async def test_bad_access_tokens_get_401(api: Api, kind: str) -> None:
    ann = await api.signup("ann")
    token = BAD_TOKENS[kind](ann["user"]["id"])
    response = await api.http.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json()["detail"]


async def test_a_missing_token_gets_401(api: Api) -> None:
    response = await api.http.get("/api/rooms")
    assert response.status_code == 401


BAD_BODIES: list[tuple[str, str, Any, int]] = [
    ("/api/auth/signup", "malformed json", b"{not json", 422),
    ("/api/auth/signup", "wrong type", {"email": 5, "password": "p" * 8, "display_name": "A"}, 422),
    (
        "/api/auth/signup",
        "invalid email",
        {"email": "nope", "password": "p" * 8, "display_name": "A"},
        422,
    ),
    (
        "/api/auth/signup",
        "short password",
        {"email": "a@b.io", "password": "short", "display_name": "A"},
        422,
    ),
    (
        "/api/auth/signup",
        "blank name",
        {"email": "a@b.io", "password": "p" * 8, "display_name": "  "},
        422,
    ),
    (
        "/api/auth/signup",
        "unknown field",
        {"email": "a@b.io", "password": "p" * 8, "display_name": "A", "is_admin": True},
        422,
    ),
    (
        "/api/auth/signup",
        "NUL in a name",
        {"email": "a@b.io", "password": "p" * 8, "display_name": "A\x00"},
        422,
    ),
    ("/api/auth/signup", "not an object", [1, 2, 3], 422),
    ("/api/auth/login", "missing field", {"email": "a@b.io"}, 422),
    ("/api/auth/refresh", "empty token", {"refresh_token": ""}, 422),
    ("/api/auth/refresh", "unknown token", {"refresh_token": "abc"}, 401),
]


@pytest.mark.parametrize(
    ("path", "case", "body", "status"), BAD_BODIES, ids=[c[1] for c in BAD_BODIES]
)
async def test_bad_auth_bodies_are_refused_with_a_reason(
    api: Api, path: str, case: str, body: Any, status: int
) -> None:
    if isinstance(body, bytes):
        response = await api.http.post(
            path, content=body, headers={"content-type": "application/json"}
        )
    else:
        response = await api.http.post(path, json=body)
    assert response.status_code == status, case
    assert response.json()["detail"]


ROOM_BODIES: list[tuple[str, Any]] = [
    ("missing title", {}),
    ("empty title", {"title": ""}),
    ("title too long", {"title": "x" * 201}),
    ("title wrong type", {"title": ["a"]}),
    ("bad language id", {"title": "t", "language": "../../etc"}),
    ("bad problem id", {"title": "t", "problem_id": "not-a-uuid"}),
]


@pytest.mark.parametrize(("case", "body"), ROOM_BODIES, ids=[c[0] for c in ROOM_BODIES])
async def test_bad_room_bodies_get_422(api: Api, case: str, body: Any) -> None:
    ann = await api.signup("ann")
    response = await api.http.post("/api/rooms", json=body, headers=api.auth(ann))
    assert response.status_code == 422, case


async def test_an_unknown_room_id_gets_404(api: Api) -> None:
    ann = await api.signup("ann")
    response = await api.http.get(f"/api/rooms/{uuid.uuid4()}", headers=api.auth(ann))
    assert response.status_code == 404
    assert response.json() == {"detail": "room not found"}


async def test_a_malformed_room_id_gets_422(api: Api) -> None:
    ann = await api.signup("ann")
    response = await api.http.get("/api/rooms/not-a-uuid", headers=api.auth(ann))
    assert response.status_code == 422


async def test_an_invite_with_a_bad_role_gets_422(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    response = await api.http.post(
        f"/api/rooms/{room['id']}/invites", json={"role": "owner"}, headers=api.auth(ann)
    )
    assert response.status_code == 422


async def test_an_invite_with_an_absurd_expiry_gets_422(api: Api) -> None:
    ann = await api.signup("ann")
    room = await api.create_room(ann)
    response = await api.http.post(
        f"/api/rooms/{room['id']}/invites",
        json={"role": "candidate", "expires_in_s": -5},
        headers=api.auth(ann),
    )
    assert response.status_code == 422


async def test_a_tampered_invite_token_gets_422(api: Api) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    response = await api.join(bob, invite["token"][:-3] + "xyz")
    assert response.status_code == 422


async def test_an_invite_past_its_expiry_gets_410(api: Api, app: FastAPI) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        await session.execute(
            update(Invite).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        await session.commit()
    response = await api.join(bob, invite["token"])
    assert response.status_code == 410
    assert response.json()["detail"] == "invite expired"


async def test_an_invite_token_past_its_exp_claim_gets_422(api: Api) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    room = await api.create_room(ann)
    invite = await api.invite(ann, room["id"], "candidate")
    claims = jwt.decode(invite["token"], TEST_SECRET, algorithms=["HS256"])
    stale = _forged({**claims, "iat": 1, "exp": 2})
    response = await api.join(bob, stale)
    assert response.status_code == 422
    assert "expired" in response.json()["detail"]


async def test_an_oversized_body_gets_413(api: Api) -> None:
    response = await api.http.post(
        "/api/auth/signup",
        content=b'{"email": "' + b"a" * (2 * 1024 * 1024) + b'"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]


async def test_an_oversized_chunked_body_gets_413(api: Api) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 65536

    response = await api.http.post(
        "/api/auth/signup", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
