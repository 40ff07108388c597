"""Without SMTP, "Forgot password?" tells the user to ask an administrator for a link."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

NewPage = Callable[..., Page]


def test_without_email_the_forgot_page_says_to_ask_an_administrator(new_page: NewPage) -> None:
    page = new_page("user")
    page.goto("/login")
    page.get_by_role("link", name="Forgot password?").click()
    expect(page.get_by_role("status")).to_contain_text("Ask an administrator")
    expect(page.get_by_role("button", name="E-mail me a reset link")).to_have_count(0)
