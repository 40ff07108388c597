"""The invite page: joining as a guest with a name, or with an account, always into the room."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e import pages

NewPage = Callable[..., Page]


def _people(page: Page) -> None:
    """Show the room's people (a tab on narrow screens, a side panel otherwise)."""
    tab = page.get_by_role("tab", name="People")
    if tab.count() > 0:
        tab.first.click()


def test_a_guest_joins_by_invite_with_a_name_and_works_with_the_interviewer(
    new_page: NewPage,
) -> None:
    ann, gus = new_page("ann"), new_page("gus")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Guest interview")
    link = pages.invite_link(ann, "candidate")

    gus.goto(link)
    expect(gus.get_by_test_id("invite-room-title")).to_have_text("Guest interview")
    expect(gus.get_by_test_id("invite-summary")).to_have_text("Ann invited you as candidate.")
    expect(gus.get_by_label("Your name")).to_be_focused()
    pages.join_as_guest(gus, link, "Gus Guest")
    expect(gus.get_by_test_id("current-user")).to_have_text("Gus Guest")
    expect(gus.get_by_test_id("guest-badge")).to_be_visible()

    _people(ann)
    _people(gus)
    expect(ann.get_by_test_id("presence-entry").filter(has_text="Gus Guest")).to_be_visible()
    expect(gus.get_by_test_id("presence-entry").filter(has_text="Ann")).to_be_visible()

    pages.type_in_editor(gus, "# written by the guest\n")
    expect(pages.editor(ann)).to_contain_text("# written by the guest")


def test_a_guests_session_survives_a_reload_and_has_no_dashboard(new_page: NewPage) -> None:
    ann, gus = new_page("ann"), new_page("gus")
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Reloaded")
    pages.join_as_guest(gus, pages.invite_link(ann, "candidate"), "Gus")

    gus.reload()
    expect(gus.get_by_test_id("room-title")).to_have_text("Reloaded")
    pages.wait_connected(gus)
    gus.goto("/")
    expect(gus).to_have_url(re.compile(f"/rooms/{room_id}$"))
    expect(gus.get_by_test_id("room-title")).to_have_text("Reloaded")


def test_signing_up_from_an_invite_lands_in_the_room(new_page: NewPage) -> None:
    ann, cleo = new_page("ann"), new_page("cleo")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Sign-up interview")
    link = pages.invite_link(ann, "candidate")

    cleo.goto(link)
    cleo.get_by_role("link", name="Create an account").click()
    cleo.get_by_label("Name").fill("Cleo")
    cleo.get_by_label("E-mail").fill("cleo-invite@example.com")
    cleo.get_by_label("Password").fill(pages.PASSWORD)
    cleo.get_by_role("button", name="Create account").click()

    expect(cleo.get_by_test_id("room-title")).to_have_text("Sign-up interview")
    pages.wait_connected(cleo)
    expect(cleo.get_by_test_id("guest-badge")).to_have_count(0)


def test_logging_in_from_an_invite_lands_in_the_room(new_page: NewPage) -> None:
    ann, dev = new_page("ann"), new_page("dev")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Log-in interview")
    link = pages.invite_link(ann, "candidate")
    email = pages.sign_up(dev, "Dev")
    dev.get_by_role("button", name="Log out").click()
    expect(dev.get_by_role("heading", name="Log in")).to_be_visible()

    dev.goto(link)
    dev.get_by_role("link", name="Log in").click()
    dev.get_by_label("E-mail").fill(email)
    dev.get_by_label("Password").fill(pages.PASSWORD)
    dev.get_by_role("button", name="Log in").click()

    expect(dev.get_by_test_id("room-title")).to_have_text("Log-in interview")
    pages.wait_connected(dev)


def test_a_room_that_requires_accounts_offers_only_the_account_path(new_page: NewPage) -> None:
    ann, gus = new_page("ann"), new_page("gus")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Accounts only")
    link = pages.invite_link(ann, "candidate")
    toggle = ann.get_by_label("Require accounts to join")
    toggle.click()  # checked once the server has it (the box shows the room's setting)
    expect(toggle).to_be_checked()
    expect(ann.get_by_text("Invitees must log in or sign up.")).to_be_visible()

    gus.goto(link)
    expect(gus.get_by_text("This room requires an account.", exact=False)).to_be_visible()
    expect(gus.get_by_label("Your name")).to_have_count(0)
    expect(gus.get_by_role("link", name="Create an account")).to_be_visible()
    expect(gus.get_by_role("link", name="Log in").first).to_be_visible()


def test_an_invalid_invite_says_so_plainly(new_page: NewPage) -> None:
    page = new_page("anon", expected_statuses=(404,))
    page.goto("/join/not-a-real-invite")
    expect(page.get_by_role("heading", name="Could not join the room")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("not valid")
