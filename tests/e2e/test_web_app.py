"""The web app end to end: real users in separate browser contexts against a real server."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e import pages

NewPage = Callable[..., Page]
Screenshot = Callable[[Page, str], None]


def test_sign_up_shows_validation_messages_before_sending(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    page = new_page()
    page.goto("/signup")
    page.get_by_label("E-mail").fill("not-an-address")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Enter your name.")).to_be_visible()
    expect(page.get_by_text("Enter a valid e-mail address.")).to_be_visible()
    expect(page.get_by_text("Use at least 10 characters.")).to_be_visible()
    screenshot(page, "signup-validation")


def test_log_in_shows_the_servers_refusal_plainly(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    page = new_page(expected_statuses=(401,))
    page.goto("/login")
    page.get_by_label("E-mail").fill("nobody@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong e-mail address or password.")
    screenshot(page, "login-error")


def test_log_out_and_log_in_again_returns_to_the_dashboard(new_page: NewPage) -> None:
    page = new_page()
    email = pages.sign_up(page, "Cleo")
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F"))
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(pages.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My rooms")).to_be_visible()


def test_two_users_join_by_invite_type_at_once_and_converge(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann, bob = new_page("ann"), new_page("bob", color_scheme="dark")
    pages.sign_up(ann, "Ann")
    screenshot(ann, "dashboard")
    pages.create_room(ann, "Pairing session")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)

    pages.type_in_editor(ann, "# shared file\n")
    expect_eventually(bob, lambda: "# shared file" in pages.editor_text(bob))
    pages.type_in_editor(bob, "")
    ann.keyboard.press("Control+Home")
    bob.keyboard.press("Control+End")
    for i in range(3):  # both type at once, Ann at the top and Bob at the bottom
        ann.keyboard.type(f"a{i} = {i}\n")
        bob.keyboard.type(f"b{i} = {i}\n")

    def converged() -> bool:
        text = pages.editor_text(ann)
        return text == pages.editor_text(bob) and "b2 = 2" in text and "a2 = 2" in text

    expect_eventually(ann, converged)
    lines = ["a0 = 0", "a1 = 1", "a2 = 2", "# shared file", "b0 = 0", "b1 = 1", "b2 = 2", ""]
    assert pages.editor_text(ann) == "\n".join(lines)
    screenshot(ann, "room-owner")
    screenshot(bob, "room-candidate-dark")


def test_each_user_sees_the_others_cursor_with_their_name(new_page: NewPage) -> None:
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Cursors")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    pages.type_in_editor(ann, "def solve():\n    pass\n")
    pages.type_in_editor(bob, "x")

    for page, other in ((ann, "Bob"), (bob, "Ann")):
        head = pages.editor(page).locator('[class*="yRemoteSelectionHead-"]')
        expect(head.first).to_be_attached()

        def labelled(head: Locator = head, other: str = other) -> bool:
            content = head.first.evaluate("el => getComputedStyle(el, '::after').content")
            return bool(content == f'"{other}"')

        expect_eventually(page, labelled)
        expect(page.get_by_test_id("presence-entry").filter(has_text=other)).to_contain_text(
            "active"
        )


def test_an_observer_cannot_type(new_page: NewPage, screenshot: Screenshot) -> None:
    ann, olga = new_page("ann"), new_page("olga")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Observed")
    pages.type_in_editor(ann, "print(42)\n")
    link = pages.invite_link(ann, "observer")
    pages.sign_up(olga, "Olga")
    pages.join(olga, link)

    expect(pages.editor(olga)).to_have_attribute("data-readonly", "true")
    expect(olga.get_by_text("Read-only")).to_be_visible()
    expect_eventually(olga, lambda: "print(42)" in pages.editor_text(olga))
    pages.type_in_editor(olga, "hacked = True\n")
    pages.type_in_editor(ann, "still_mine = 1\n")
    expect_eventually(ann, lambda: "still_mine" in pages.editor_text(olga))
    assert "hacked" not in pages.editor_text(olga)
    assert "hacked" not in pages.editor_text(ann)
    screenshot(olga, "room-observer")


def test_ending_the_session_makes_the_candidate_read_only(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Ending")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    expect(pages.editor(bob)).to_have_attribute("data-readonly", "false")

    pages.end_session(ann)
    expect(ann.get_by_test_id("room-ended")).to_be_visible()
    expect(bob.get_by_test_id("room-ended")).to_be_visible()
    expect(pages.editor(bob)).to_have_attribute("data-readonly", "true")
    pages.type_in_editor(bob, "too late\n")
    pages.type_in_editor(ann, "# reviewed\n")
    expect_eventually(bob, lambda: "# reviewed" in pages.editor_text(bob))
    assert "too late" not in pages.editor_text(ann)
    screenshot(bob, "room-ended-candidate")


def test_running_code_shows_the_output_to_everyone(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann, bob = new_page("ann"), new_page("bob", color_scheme="dark")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Runs")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    panel = bob.get_by_test_id("run-panel")
    expect(panel).not_to_have_attribute("data-run-mode", "loading")
    if panel.get_attribute("data-run-mode") == "none":
        pytest.skip("this server cannot run code (no sandbox backend)")
    pages.type_in_editor(bob, "name = input()\nprint('hello', name)\n")
    expect_eventually(ann, lambda: "print('hello', name)" in pages.editor_text(ann))
    bob.get_by_test_id("stdin").fill("world")
    bob.get_by_test_id("run-button").click()
    for page in (bob, ann):
        expect(page.get_by_test_id("run-stdout")).to_have_text("hello world", timeout=30_000)
        expect(page.get_by_test_id("run-status")).to_have_text("Ok")
    screenshot(bob, "room-run-output-dark")

    # Ctrl+Enter from the editor runs too; Ann empties the shared input, so input() fails for
    # everyone.
    ann.get_by_test_id("stdin").fill("")
    expect(bob.get_by_test_id("stdin")).to_have_value("")
    ann.get_by_test_id("code-editor").locator(".view-lines").click()
    ann.keyboard.press("Control+Enter")
    expect(bob.get_by_test_id("run-status")).to_have_text("Runtime error", timeout=30_000)
    expect(bob.get_by_test_id("run-output")).to_contain_text("by Ann")
    expect(bob.get_by_test_id("run-stderr")).to_contain_text("EOFError")


def test_language_changes_reach_everyone(new_page: NewPage) -> None:
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Languages")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    ann.get_by_test_id("language-select").select_option("go")
    expect(bob.get_by_test_id("language-select")).to_have_value("go")
    expect(pages.editor(bob).locator("[data-mode-id='go']")).to_be_attached()


def test_chat_messages_reach_the_other_participant(new_page: NewPage) -> None:
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Chatty")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    bob.get_by_role("textbox", name="Message").fill("Can I use a hash map?")
    bob.get_by_role("button", name="Send").click()
    ann.get_by_role("tab", name="Chat").click()
    expect(ann.get_by_label("Chat messages")).to_contain_text("Can I use a hash map?")


def test_an_observer_can_chat_through_the_server(new_page: NewPage) -> None:
    ann, olga = new_page("ann"), new_page("olga")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Watched")
    link = pages.invite_link(ann, "observer")
    pages.sign_up(olga, "Olga")
    pages.join(olga, link)
    olga.get_by_role("textbox", name="Message").fill("Looks good so far")
    olga.get_by_role("button", name="Send").click()
    ann.get_by_role("tab", name="Chat").click()
    messages = ann.get_by_label("Chat messages")
    expect(messages).to_contain_text("Looks good so far")
    expect(messages).to_contain_text("Olga")


def test_private_notes_are_for_interviewers_only(new_page: NewPage, screenshot: Screenshot) -> None:
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Notes")
    link = pages.invite_link(ann, "candidate")
    ann.get_by_role("tab", name="Notes").click()
    pages.editor(ann)  # the code editor stays; the notes editor is its own
    ann.get_by_test_id("notes-editor").locator(".view-lines").click()
    ann.keyboard.type("Strong on complexity analysis")
    expect_eventually(ann, lambda: "Strong on" in pages.editor_text(ann, test_id="notes-editor"))
    screenshot(ann, "room-notes")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    expect(bob.get_by_role("tab", name="Notes")).to_have_count(0)
    expect(bob.get_by_role("tab", name="Invite")).to_have_count(0)
    expect(bob.get_by_text("Strong on complexity")).to_have_count(0)


def test_an_invalid_invite_link_says_so(new_page: NewPage, screenshot: Screenshot) -> None:
    page = new_page(expected_statuses=(404, 410, 422))
    pages.sign_up(page, "Dan")
    page.goto("/join/not.a.valid-token")
    expect(page.get_by_role("heading", name="Could not join the room")).to_be_visible()
    screenshot(page, "join-invalid")


def test_a_visitor_following_an_invite_sees_the_room_and_may_create_an_account(
    new_page: NewPage,
) -> None:
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Invite first")
    link = pages.invite_link(ann, "candidate")
    bob.goto(link)
    expect(bob.get_by_role("heading", name=re.compile("Join Invite first"))).to_be_visible()
    bob.get_by_role("link", name="Create an account").click()
    expect(bob).to_have_url(re.compile(r"/signup\?next=%2Fjoin%2F"))


def expect_eventually(page: Page, condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    """Poll `condition` (each call reads the page) until it holds or the timeout passes."""
    waited = 0
    while not condition():
        if waited >= timeout_ms:
            raise AssertionError("condition not met within the timeout")
        page.wait_for_timeout(100)
        waited += 100


def test_a_paste_and_a_focus_loss_reach_the_event_log(new_page: NewPage) -> None:
    ann = new_page("ann")
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Signals")
    pages.type_in_editor(ann, "")
    ann.evaluate("text => navigator.clipboard.writeText(text)", "pasted = 42\n")
    ann.keyboard.press("Control+V")
    expect_eventually(ann, lambda: "pasted = 42" in pages.editor_text(ann))
    ann.evaluate("() => window.dispatchEvent(new Event('blur'))")

    def logged(type_name: str) -> list[dict[str, object]]:
        return [e for e in pages.room_events(ann, room_id) if e["type"] == type_name]

    expect_eventually(
        ann, lambda: bool(logged("signal.paste")) and bool(logged("signal.focus_lost"))
    )
    [paste] = logged("signal.paste")
    assert paste["payload"] == {"size": len("pasted = 42\n"), "client_at": ANY_INT}


class _AnyInt:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, int)


ANY_INT = _AnyInt()


def test_the_replay_shows_an_earlier_state_of_the_code(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann = new_page("ann")
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Timeline")
    pages.type_in_editor(ann, "first")

    def edits() -> list[int]:
        return [
            int(str(e["at_ms"]))
            for e in pages.room_events(ann, room_id)
            if e["type"] == "doc.update"
        ]

    expect_eventually(ann, lambda: len(edits()) > 1, timeout_ms=20_000)
    ann.wait_for_timeout(2_000)  # a pause in the session, so "first" alone lasts a while
    early = max(edits()) + 500
    ann.keyboard.type(" and later more")
    # Every keystroke committed (group commit), so the page reads the whole session.
    expect_eventually(
        ann, lambda: pages.stored_code(ann, room_id).strip() == "first and later more"
    )
    last_edit = max(edits())

    ann.get_by_role("link", name="Replay").click()
    expect(ann).to_have_url(re.compile(rf"/rooms/{room_id}/replay"))
    # The page's shareable link to a late moment shows the latest code...
    ann.goto(f"/rooms/{room_id}/replay?t={last_edit + 1000}")
    expect_eventually(
        ann, lambda: "later more" in pages.editor_text(ann, "replay-code"), timeout_ms=20_000
    )
    # ...and the link to the early moment shows the code as it was then.
    ann.goto(f"/rooms/{room_id}/replay?t={early}")
    expect_eventually(
        ann, lambda: pages.editor_text(ann, "replay-code").strip() == "first", timeout_ms=20_000
    )
    assert "later" not in pages.editor_text(ann, "replay-code")
    screenshot(ann, "replay")


def test_the_analytics_page_shows_a_participants_figures(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann = new_page("ann")
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Figures")
    pages.type_in_editor(ann, "x = 1\n")
    expect_eventually(
        ann,
        lambda: any(e["type"] == "doc.update" for e in pages.room_events(ann, room_id)),
    )
    ann.get_by_role("link", name="Analytics").click()
    expect(ann.get_by_role("heading", name=re.compile("Analytics"))).to_be_visible()
    figures = ann.get_by_role("region", name="Per participant")
    expect(figures).to_contain_text("Ann")
    expect(figures).to_contain_text("Characters inserted")
    expect(
        figures.get_by_text("Characters inserted").locator("xpath=following-sibling::dd[1]")
    ).to_have_text(str(len("x = 1\n")))
    screenshot(ann, "analytics")


def test_the_dashboard_lists_my_rooms_with_their_status(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann = new_page("ann", color_scheme="dark")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Morning interview")
    pages.end_session(ann)
    expect(ann.get_by_test_id("room-ended")).to_be_visible()
    pages.create_room(ann, "Afternoon pairing")
    ann.get_by_role("link", name="CodeCollab").click()
    rows = ann.get_by_role("table", name="My rooms").get_by_role("row")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("Afternoon pairing")
    expect(rows.nth(1)).to_contain_text("Active")
    expect(rows.nth(2)).to_contain_text("Morning interview")
    expect(rows.nth(2)).to_contain_text("Ended")
    screenshot(ann, "dashboard-dark")


def test_sign_up_works_from_the_keyboard_alone(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/signup")
    page.get_by_label("Name").focus()
    page.keyboard.type("Kay")
    page.keyboard.press("Tab")
    page.keyboard.type("kay-keyboard@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type(pages.PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("current-user")).to_have_text("Kay")


def test_the_theme_toggle_switches_and_is_remembered(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/login")
    html = page.locator("html")
    expect(html).not_to_have_class(re.compile("dark"))
    page.get_by_role("button", name="Switch to dark theme").click()
    expect(html).to_have_class(re.compile("dark"))
    page.reload()
    expect(html).to_have_class(re.compile("dark"))
