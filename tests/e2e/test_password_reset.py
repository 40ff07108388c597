"""Password reset in the web app: "Forgot password?" e-mails a link (a real SMTP server, aiosmtpd,
on a local port), the link's page sets a new password once, and the user logs in with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import pages
from tests.e2e.conftest import BUILD, require_prerequisites
from tests.mailbox import Inbox, smtp_server
from tests.server import ServerProcess, free_port, server_env, start_server

NewPage = Callable[..., Page]
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture(scope="module")
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def web_server(
    tmp_path_factory: pytest.TempPathFactory, inbox: tuple[Inbox, int]
) -> Iterator[ServerProcess]:
    """This module's server e-mails reset links through the local SMTP server."""
    require_prerequisites()
    data_dir = tmp_path_factory.mktemp("e2e-mailing-server")
    port = free_port()
    env = server_env(
        data_dir,
        CODECOLLAB_FRONTEND_DIR=str(BUILD),
        CODECOLLAB_PUBLIC_URL=f"http://127.0.0.1:{port}",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(inbox[1]),
        SMTP_FROM="codecollab@example.com",
        SMTP_TLS="none",
    )
    server = start_server(data_dir, env, port=port)
    try:
        yield server
    finally:
        server.stop()


def ask_for_a_link(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_role("link", name="Forgot password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="E-mail me a reset link").click()
    expect(page.get_by_role("status")).to_contain_text("a reset link is on its way")


def test_a_forgotten_password_is_reset_through_the_emailed_link(
    new_page: NewPage, inbox: tuple[Inbox, int]
) -> None:
    user = new_page("user")
    email = pages.sign_up(user, "Ann")
    pages.log_out(user)
    ask_for_a_link(user, email)

    user.goto(inbox[0].next_link(email))
    expect(user.get_by_role("heading", name="Choose a new password")).to_be_visible()
    user.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    user.get_by_label("New password (again)").fill("something else entirely")
    user.get_by_role("button", name="Set new password").click()
    expect(user.get_by_text("The two passwords differ.")).to_be_visible()
    user.get_by_label("New password (again)").fill(NEW_PASSWORD)
    user.get_by_role("button", name="Set new password").click()
    expect(user.get_by_role("status")).to_contain_text("Your password has been changed")

    user.get_by_role("link", name="Log in with your new password").click()
    pages.log_in(user, email, NEW_PASSWORD)
    expect(user.get_by_test_id("current-user")).to_have_text("Ann")


def test_a_reset_link_works_once(new_page: NewPage, inbox: tuple[Inbox, int]) -> None:
    user = new_page("user", expected_statuses=(410,))
    email = pages.sign_up(user, "Bob")
    pages.log_out(user)
    ask_for_a_link(user, email)
    link = inbox[0].next_link(email)
    for attempt in range(2):
        user.goto(link)
        user.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
        user.get_by_label("New password (again)").fill(NEW_PASSWORD)
        user.get_by_role("button", name="Set new password").click()
        if attempt == 0:
            expect(user.get_by_role("status")).to_contain_text("Your password has been changed")
    expect(user.get_by_role("alert")).to_contain_text("already used")


def test_the_old_session_is_signed_out_by_a_reset(
    new_page: NewPage, inbox: tuple[Inbox, int]
) -> None:
    """Two browsers: the reset in one ends the session of the other at its next refresh."""
    laptop, phone = new_page("laptop"), new_page("phone", expected_statuses=(401,))
    email = pages.sign_up(laptop, "Cy")
    pages.log_in(phone, email)
    ask_for_a_link_signed_out(laptop, email)
    laptop.goto(inbox[0].next_link(email))
    laptop.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    laptop.get_by_label("New password (again)").fill(NEW_PASSWORD)
    laptop.get_by_role("button", name="Set new password").click()
    expect(laptop.get_by_role("status")).to_contain_text("every session of your account")
    refresh_token = phone.evaluate(
        "() => JSON.parse(localStorage.getItem('codecollab.session')).refreshToken"
    )
    refreshed = phone.request.post("/api/auth/refresh", data={"refresh_token": refresh_token})
    assert refreshed.status == 401


def ask_for_a_link_signed_out(page: Page, email: str) -> None:
    pages.log_out(page)
    ask_for_a_link(page, email)
