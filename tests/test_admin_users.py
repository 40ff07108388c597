"""The admin API for accounts: /api/admin/users (list, set a role) and the role in /auth/me."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI

from tests.conftest import Api
from tests.problems.conftest import make_admin


@pytest.fixture
async def admin(api: Api, app: FastAPI) -> dict[str, Any]:
    account = await api.signup("admin")
    await make_admin(app, account)
    return account


async def set_role(api: Api, actor: dict[str, Any], user_id: str, role: Any) -> Any:
    return await api.http.patch(
        f"/api/admin/users/{user_id}", json={"role": role}, headers=api.auth(actor)
    )


async def test_sign_up_makes_a_member(api: Api) -> None:
    ann = await api.signup("ann")
    me = await api.http.get("/api/auth/me", headers=api.auth(ann))
    assert (me.json()["role"], me.json()["is_admin"]) == ("member", False)


async def test_an_admin_lists_every_account_with_its_role(api: Api, admin: dict[str, Any]) -> None:
    await api.signup("ann")
    response = await api.http.get("/api/admin/users", headers=api.auth(admin))
    assert response.status_code == 200
    assert {(user["email"], user["role"]) for user in response.json()} == {
        ("admin@example.com", "admin"),
        ("ann@example.com", "member"),
    }


async def test_an_admin_makes_a_member_staff(api: Api, admin: dict[str, Any]) -> None:
    ann = await api.signup("ann")
    response = await set_role(api, admin, ann["user"]["id"], "staff")
    assert response.status_code == 200, response.text
    me = await api.http.get("/api/auth/me", headers=api.auth(ann))
    assert me.json()["role"] == "staff"


@pytest.mark.parametrize("role", ["staff", "member"])
async def test_a_non_admin_cannot_list_or_change_roles(api: Api, app: FastAPI, role: str) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    if role == "staff":
        await set_role(api, await _admin(api, app), ann["user"]["id"], "staff")
    assert (await api.http.get("/api/admin/users", headers=api.auth(ann))).status_code == 403
    assert (await set_role(api, ann, ann["user"]["id"], "admin")).status_code == 403
    assert (await set_role(api, ann, bob["user"]["id"], "staff")).status_code == 403


async def _admin(api: Api, app: FastAPI) -> dict[str, Any]:
    account = await api.signup()
    await make_admin(app, account)
    return account


async def test_an_admin_cannot_change_their_own_role(api: Api, admin: dict[str, Any]) -> None:
    response = await set_role(api, admin, admin["user"]["id"], "member")
    assert response.status_code == 409


async def test_an_unknown_account_is_404(api: Api, admin: dict[str, Any]) -> None:
    response = await set_role(api, admin, str(uuid.uuid4()), "staff")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["root", "", None, 1, ["admin"], "Admin"])
async def test_an_unknown_role_is_422(api: Api, admin: dict[str, Any], role: Any) -> None:
    ann = await api.signup("ann")
    response = await set_role(api, admin, ann["user"]["id"], role)
    assert response.status_code == 422


async def test_a_non_admins_malformed_body_gets_403_not_422(api: Api) -> None:
    ann = await api.signup("ann")
    response = await api.http.patch(
        f"/api/admin/users/{ann['user']['id']}", content=b"{not json", headers=api.auth(ann)
    )
    assert response.status_code == 403
