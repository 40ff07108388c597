"""The user's steps in the web app, so tests read as what people do."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from tests.conftest import TEST_PASSWORD

PASSWORD = TEST_PASSWORD


def sign_up(page: Page, name: str) -> str:
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.com"
    page.goto("/signup")
    page.get_by_label("Name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_test_id("current-user")).to_have_text(name)
    return email


def create_room(
    page: Page, title: str, language: str | None = None, *, keep_template: bool = False
) -> str:
    """A new room without a problem; its language's template is cleared from the editor
    unless `keep_template`."""
    page.goto("/")
    page.get_by_label("Title").fill(title)
    if language is not None:
        page.get_by_label("Language").select_option(language)
    page.get_by_role("button", name="Create room").click()
    expect(page.get_by_test_id("room-title")).to_have_text(title)
    wait_connected(page)
    match = re.search(r"/rooms/([0-9a-f-]{36})", page.url)
    assert match is not None, page.url
    if not keep_template:
        clear_editor(page)
    return match.group(1)


def clear_editor(page: Page) -> None:
    expect(editor(page).locator(".view-lines")).not_to_have_text("")
    editor(page).locator(".view-lines").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    expect(editor(page).locator(".view-lines")).to_have_text("")


def wait_connected(page: Page) -> None:
    expect(page.get_by_test_id("connection-status")).to_have_attribute("data-phase", "connected")
    expect(page.get_by_test_id("connection-status")).to_contain_text("Connected")


def invite_link(page: Page, role: str) -> str:
    page.get_by_role("tab", name="Invite").click()
    page.get_by_role("button", name=f"Create {role} link").click()
    link = page.get_by_test_id(f"invite-link-{role}")
    expect(link).to_have_value(re.compile(r"/join/"))
    return link.input_value()


def join(page: Page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_test_id("room-title")).to_be_visible()
    wait_connected(page)


def join_as_guest(page: Page, link: str, name: str) -> None:
    """Open an invite link without an account and join with a name only."""
    page.goto(link)
    expect(page.get_by_label("Your name")).to_be_focused()
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join as guest").click()
    expect(page.get_by_test_id("room-title")).to_be_visible()
    wait_connected(page)


def end_session(page: Page) -> None:
    """End the session, confirming in the app's own dialog (never the browser's)."""
    page.get_by_role("button", name="End session").click()
    dialog = page.get_by_role("alertdialog", name="End the session?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="End session").click()
    expect(dialog).to_have_count(0)


def editor(page: Page) -> Locator:
    return page.get_by_test_id("code-editor")


def type_in_editor(page: Page, text: str) -> None:
    editor(page).locator(".view-lines").click()
    page.keyboard.type(text)


def editor_text(page: Page, test_id: str = "code-editor") -> str:
    """The text Monaco shows, line by line (rendered lines sorted by their position)."""
    return str(
        page.get_by_test_id(test_id).evaluate(
            """host => [...host.querySelectorAll('.view-lines .view-line')]
                .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
                .map(line => line.textContent.replace(/\u00a0/g, ' '))
                .join('\\n')"""
        )
    )


def _api_get(page: Page, path: str, params: dict[str, int]) -> object:
    """GET an API path with the signed-in user's token (the app's own session)."""
    token = page.evaluate(
        "() => JSON.parse(localStorage.getItem('codecollab.session') || 'null')?.accessToken"
    )
    response = page.request.get(path, params=params, headers={"Authorization": f"Bearer {token}"})
    assert response.ok, response.text()
    return response.json()


def room_events(page: Page, room_id: str) -> list[dict[str, object]]:
    events: list[dict[str, object]] = _api_get(
        page, f"/api/rooms/{room_id}/events", {"limit": 1000}
    )  # type: ignore[assignment]
    return events


def stored_code(page: Page, room_id: str) -> str:
    """The room's code as the stored log has it now (replay at the far end of the session)."""
    state = _api_get(page, f"/api/rooms/{room_id}/replay", {"at_ms": 10**12})
    assert isinstance(state, dict)
    return str(state["code"])


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My rooms")).to_be_attached()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
