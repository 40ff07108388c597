"""API keys in the web app: made from the header's link, shown once with a copy button, usable
at once against /judge0, listed without the secret, revoked."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e import pages

NewPage = Callable[..., Page]


def test_a_key_is_made_shown_once_copied_used_and_revoked(new_page: NewPage) -> None:
    page = new_page("owner", expected_statuses=(401,))
    pages.sign_up(page, "Keymaker")
    page.get_by_role("link", name="API keys").click()
    expect(page.get_by_role("heading", name="API keys")).to_be_visible()

    page.get_by_label("Key name").fill("grader")
    page.get_by_role("button", name="Create key").click()
    key = page.get_by_test_id("new-api-key").inner_text().strip()
    assert key.startswith("cck_")
    page.get_by_role("button", name="Copy key").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == key

    statuses = page.request.get("/judge0/statuses", headers={"X-Auth-Token": key})
    assert statuses.status == 200

    page.get_by_role("button", name="Done").click()
    listed = page.get_by_test_id("api-key")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("grader")
    expect(listed).to_contain_text(key[:12])
    page.reload()
    expect(page.get_by_test_id("api-key")).to_have_count(1)
    assert key not in page.content()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Revoke grader").click()
    expect(page.get_by_text("No keys yet.")).to_be_visible()
    refused = page.request.get("/judge0/statuses", headers={"X-Auth-Token": key})
    assert refused.status == 401
