"""Password reset: links an admin issues (API), e-mailed links on request (a real SMTP server,
aiosmtpd, on a local port), and setting a new password through a link."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from codecollab.app import create_app
from codecollab.auth.models import PasswordResetToken
from codecollab.config import Settings
from codecollab.db import utcnow
from codecollab.runtime import Runtime
from tests.conftest import TEST_PASSWORD, Api, _empty_tables
from tests.mailbox import Inbox, smtp_server
from tests.problems.conftest import make_admin

NEW_PASSWORD = "a brand new passphrase"
PUBLIC_URL = "https://cc.example.com"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as server:
        yield server


async def app_with(
    database_url: str, settings_factory: Callable[..., Settings], **overrides: Any
) -> AsyncIterator[FastAPI]:
    await _empty_tables(database_url)
    application = create_app(settings_factory(**overrides))
    async with application.router.lifespan_context(application):
        yield application


def client_from(application: FastAPI, address: str) -> httpx.AsyncClient:
    """A client of the app whose requests come from `address`."""
    transport = httpx.ASGITransport(app=application, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


MAILING = {
    "smtp_host": "127.0.0.1",
    "smtp_from": "codecollab@example.com",
    "smtp_tls": "none",
    "public_url": PUBLIC_URL,
    "password_reset_rate_limit": "3/hour",
}


@pytest.fixture
async def mailing(
    database_url: str, settings_factory: Callable[..., Settings], smtp: tuple[Inbox, int]
) -> AsyncIterator[tuple[Api, Inbox]]:
    """An app that e-mails reset links through the local SMTP server."""
    inbox, port = smtp
    settings = {**MAILING, "smtp_port": port}
    async for application in app_with(database_url, settings_factory, **settings):
        async with client_from(application, "192.0.2.1") as http:
            yield Api(http), inbox


def token_of(url: str) -> str:
    return url.split("token=", 1)[1]


async def reset_link(api: Api, admin: dict[str, Any], user_id: str) -> httpx.Response:
    return await api.http.post(f"/api/admin/users/{user_id}/reset-link", headers=api.auth(admin))


async def confirm(api: Api, token: str, password: str = NEW_PASSWORD) -> httpx.Response:
    return await api.http.post(
        "/api/auth/password-reset/confirm", json={"token": token, "password": password}
    )


async def login(api: Api, email: str, password: str) -> httpx.Response:
    return await api.http.post("/api/auth/login", json={"email": email, "password": password})


@pytest.fixture
async def admin(api: Api, app: FastAPI) -> dict[str, Any]:
    account = await api.signup("admin")
    await make_admin(app, account)
    return account


async def issued_token(api: Api, admin: dict[str, Any], account: dict[str, Any]) -> str:
    response = await reset_link(api, admin, account["user"]["id"])
    assert response.status_code == 201, response.text
    return token_of(response.json()["url"])


async def test_an_admin_issues_a_reset_link_with_its_expiry(
    api: Api, admin: dict[str, Any]
) -> None:
    ann = await api.signup("ann")
    response = await reset_link(api, admin, ann["user"]["id"])
    assert response.status_code == 201
    body = response.json()
    assert body["url"].startswith("http://testserver/reset-password?token=")
    assert body["expires_at"]


async def test_only_admins_issue_reset_links(api: Api, app: FastAPI) -> None:
    ann, bob = await api.signup("ann"), await api.signup("bob")
    assert (await reset_link(api, ann, bob["user"]["id"])).status_code == 403
    anonymous = await api.http.post(f"/api/admin/users/{bob['user']['id']}/reset-link")
    assert anonymous.status_code == 401


async def test_a_reset_link_for_an_unknown_account_is_404(api: Api, admin: dict[str, Any]) -> None:
    assert (await reset_link(api, admin, str(uuid.uuid4()))).status_code == 404


async def test_a_link_sets_a_new_password(api: Api, admin: dict[str, Any]) -> None:
    ann = await api.signup("ann")
    assert (await confirm(api, await issued_token(api, admin, ann))).status_code == 204
    assert (await login(api, "ann@example.com", NEW_PASSWORD)).status_code == 200
    assert (await login(api, "ann@example.com", TEST_PASSWORD)).status_code == 401


async def test_a_used_link_is_refused(api: Api, admin: dict[str, Any]) -> None:
    ann = await api.signup("ann")
    token = await issued_token(api, admin, ann)
    await confirm(api, token)
    again = await confirm(api, token, "yet another passphrase")
    assert again.status_code == 410
    assert "already used" in again.json()["detail"]


async def test_using_one_link_spends_the_others(api: Api, admin: dict[str, Any]) -> None:
    ann = await api.signup("ann")
    first, second = await issued_token(api, admin, ann), await issued_token(api, admin, ann)
    await confirm(api, second)
    assert (await confirm(api, first)).status_code == 410


async def test_an_expired_link_is_refused(api: Api, app: FastAPI, admin: dict[str, Any]) -> None:
    ann = await api.signup("ann")
    token = await issued_token(api, admin, ann)
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        await session.execute(update(PasswordResetToken).values(expires_at=utcnow()))
        await session.commit()
    response = await confirm(api, token)
    assert response.status_code == 410
    assert "expired" in response.json()["detail"]


async def test_an_unknown_token_is_404(api: Api) -> None:
    assert (await confirm(api, "not-a-token")).status_code == 404


async def test_a_reset_signs_out_every_session(api: Api, admin: dict[str, Any]) -> None:
    ann = await api.signup("ann")
    await confirm(api, await issued_token(api, admin, ann))
    refreshed = await api.http.post(
        "/api/auth/refresh", json={"refresh_token": ann["refresh_token"]}
    )
    assert refreshed.status_code == 401


async def test_the_password_policy_applies_and_the_link_stays_usable(
    api: Api, admin: dict[str, Any]
) -> None:
    ann = await api.signup("ann")
    token = await issued_token(api, admin, ann)
    assert (await confirm(api, token, "short")).status_code == 422
    assert (await confirm(api, token, "password123")).status_code == 422
    as_email = await confirm(api, token, "ann@example.com")
    assert as_email.status_code == 422
    assert "e-mail" in as_email.text
    assert (await confirm(api, token)).status_code == 204


async def test_only_a_hash_of_the_token_is_stored(
    api: Api, app: FastAPI, admin: dict[str, Any]
) -> None:
    ann = await api.signup("ann")
    token = await issued_token(api, admin, ann)
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        stored = list(await session.scalars(select(PasswordResetToken.token_hash)))
    assert len(stored) == 1
    assert token not in stored[0]


async def test_bad_confirm_bodies_are_422(api: Api) -> None:
    for body in ({"token": "x"}, {"token": "x" * 201, "password": NEW_PASSWORD}, {}):
        response = await api.http.post("/api/auth/password-reset/confirm", json=body)
        assert response.status_code == 422, body


async def test_without_smtp_the_server_says_to_ask_an_administrator(api: Api) -> None:
    options = await api.http.get("/api/auth/password-reset")
    assert options.json() == {"by_email": False}
    response = await api.http.post("/api/auth/password-reset", json={"email": "a@example.com"})
    assert response.status_code == 409
    assert "administrator" in response.json()["detail"]


async def test_a_forgotten_password_is_reset_through_the_emailed_link(
    mailing: tuple[Api, Inbox],
) -> None:
    api, inbox = mailing
    assert (await api.http.get("/api/auth/password-reset")).json() == {"by_email": True}
    await api.signup("ann")
    response = await api.http.post("/api/auth/password-reset", json={"email": "ANN@example.com"})
    assert response.status_code == 202
    message = inbox.next()
    assert message["To"] == "ann@example.com"
    body = message.get_content()
    url = next(word for word in body.split() if word.startswith(PUBLIC_URL))
    assert (await confirm(api, token_of(url))).status_code == 204
    assert (await login(api, "ann@example.com", NEW_PASSWORD)).status_code == 200


async def test_an_unknown_address_gets_the_same_answer_and_no_email(
    mailing: tuple[Api, Inbox],
) -> None:
    api, inbox = mailing
    await api.signup("ann")
    unknown = await api.http.post("/api/auth/password-reset", json={"email": "zed@example.com"})
    known = await api.http.post("/api/auth/password-reset", json={"email": "ann@example.com"})
    assert unknown.status_code == known.status_code == 202
    assert unknown.json() == known.json()
    assert inbox.next()["To"] == "ann@example.com"  # the first e-mail sent is ann's


async def test_reset_requests_are_limited_per_address(mailing: tuple[Api, Inbox]) -> None:
    api, _inbox = mailing
    for _ in range(3):
        await api.http.post("/api/auth/password-reset", json={"email": "zed@example.com"})
    response = await api.http.post("/api/auth/password-reset", json={"email": "zed@example.com"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


async def test_a_bad_reset_request_is_422(mailing: tuple[Api, Inbox]) -> None:
    api, _inbox = mailing
    for body in ({}, {"email": ""}, {"email": "a" * 400}, {"email": "a\x00@example.com"}):
        response = await api.http.post("/api/auth/password-reset", json=body)
        assert response.status_code == 422, body


async def test_reset_emails_are_limited_per_account_without_saying_so(
    database_url: str, settings_factory: Callable[..., Settings], smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    async for application in app_with(database_url, settings_factory, **MAILING, smtp_port=port):
        async with client_from(application, "192.0.2.1") as http:
            await Api(http).signup("ann")
        answers = []
        for host in ("192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13"):
            async with client_from(application, host) as http:
                reset = {"email": "ann@example.com"}
                answers.append(await http.post("/api/auth/password-reset", json=reset))
        async with client_from(application, "192.0.2.20") as http:
            await Api(http).signup("bob")
            await http.post("/api/auth/password-reset", json={"email": "bob@example.com"})
    assert [answer.status_code for answer in answers] == [202] * 4
    received = [inbox.next()["To"] for _ in range(4)]
    assert received == ["ann@example.com"] * 3 + ["bob@example.com"]  # ann's fourth: not sent
