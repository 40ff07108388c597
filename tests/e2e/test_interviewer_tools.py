"""The interviewer's tools in the browser: the live integrity feed, the chat's unread badge,
ending with the app's own dialog and reopening, and the replay (opens at the end, speeds, idle
skipping, the owner's candidate replay setting)."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e import pages

NewPage = Callable[..., Page]
Screenshot = Callable[[Page, str], None]

BIG_PASTE = "def solve(n):\n" + "".join(f"    step_{i} = n * {i}\n" for i in range(20))


def _interview(new_page: NewPage, title: str, *, observer: bool = False) -> tuple[Page, ...]:
    """The owner Ann, the candidate Bob (and the observer Olga) in one room, each in their own
    browser context."""
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, title)
    candidate_link = pages.invite_link(ann, "candidate")
    observer_link = pages.invite_link(ann, "observer") if observer else None
    pages.sign_up(bob, "Bob")
    pages.join(bob, candidate_link)
    if observer_link is None:
        return ann, bob
    olga = new_page("olga")
    pages.sign_up(olga, "Olga")
    pages.join(olga, observer_link)
    return ann, bob, olga


def _paste(page: Page, text: str) -> None:
    pages.type_in_editor(page, "")
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.keyboard.press("Control+V")


def test_the_interviewer_sees_a_candidates_big_paste_and_tab_switch_live(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann, bob, olga = _interview(new_page, "Integrity", observer=True)
    ann.get_by_role("tab", name="Chat").click()

    _paste(bob, BIG_PASTE)
    bob.evaluate("() => window.dispatchEvent(new Event('blur'))")
    bob.evaluate("() => window.dispatchEvent(new Event('focus'))")

    # The feed's tab counts what arrived while it was hidden.
    expect(ann.get_by_test_id("tab-badge-integrity")).to_contain_text("3")
    ann.get_by_role("tab", name=re.compile("^Integrity")).click()
    feed = ann.get_by_test_id("integrity-feed")
    expect(feed).to_contain_text(re.compile(r"Bob pasted \d+ characters"))
    expect(feed.get_by_label("Paste preview")).to_contain_text("def solve(n):")
    expect(feed).to_contain_text("Bob left the tab")
    expect(feed).to_contain_text(re.compile(r"Bob came back after \d+ s away"))
    expect(ann.get_by_test_id("tab-badge-integrity")).to_have_count(0)
    screenshot(ann, "integrity-feed")

    # Neither the candidate nor the observer has the feed or anything of it.
    for page in (bob, olga):
        expect(page.get_by_role("tab", name=re.compile("^Integrity"))).to_have_count(0)
        expect(page.get_by_test_id("integrity-feed")).to_have_count(0)
        expect(page.get_by_text("pasted")).to_have_count(0)
        expect(page.get_by_text("left the tab")).to_have_count(0)


def test_the_chat_tab_counts_unread_messages_and_clears_when_opened(new_page: NewPage) -> None:
    ann, bob = _interview(new_page, "Unread")
    ann.get_by_role("tab", name="Notes").click()
    for text in ("hello", "are you there?"):
        bob.get_by_role("textbox", name="Message").fill(text)
        bob.get_by_role("button", name="Send").click()
        expect(bob.get_by_role("list", name="Chat messages")).to_contain_text(text)

    badge = ann.get_by_test_id("tab-badge-chat")
    expect(badge).to_have_text("2 unread")
    ann.get_by_role("tab", name=re.compile("^Chat")).click()
    expect(ann.get_by_role("list", name="Chat messages")).to_contain_text("are you there?")
    expect(badge).to_have_count(0)
    # The candidate, who had the chat open all along, has no badge.
    expect(bob.get_by_test_id("tab-badge-chat")).to_have_count(0)


def test_ending_asks_in_the_apps_own_dialog_and_escape_cancels(new_page: NewPage) -> None:
    ann, bob = _interview(new_page, "Dialog")
    ann.get_by_role("button", name="End session").click()
    dialog = ann.get_by_role("alertdialog", name="End the session?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    ann.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="End session")).to_be_focused()
    ann.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    ann.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(ann.get_by_test_id("room-ended")).to_have_count(0)
    expect(pages.editor(bob)).to_have_attribute("data-readonly", "false")


def test_the_owner_ends_then_reopens_and_the_candidate_writes_again(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann, bob = _interview(new_page, "Reopen")
    pages.end_session(ann)
    expect(bob.get_by_test_id("room-ended")).to_be_visible()
    expect(pages.editor(bob)).to_have_attribute("data-readonly", "true")
    expect(bob.get_by_role("button", name="Reopen session")).to_have_count(0)
    screenshot(ann, "room-ended-owner")

    ann.get_by_role("button", name="Reopen session").click()
    expect(ann.get_by_test_id("ended-banner")).to_have_count(0)
    expect(bob.get_by_test_id("ended-banner")).to_have_count(0)
    expect(pages.editor(bob)).to_have_attribute("data-readonly", "false")
    pages.type_in_editor(bob, "# back again\n")
    expect(pages.editor(ann)).to_contain_text("# back again")


def test_the_replay_opens_at_the_end_with_speeds_and_idle_skipping(
    new_page: NewPage, screenshot: Screenshot
) -> None:
    ann = new_page("ann")
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Replayed")
    pages.type_in_editor(ann, "first = 1\n")
    pages.type_in_editor(ann, "final = 2\n")
    expect(pages.editor(ann)).to_contain_text("final = 2")
    ann.wait_for_timeout(1_000)  # the edits reach the event log

    ann.goto(f"/rooms/{room_id}/replay")
    replay_code = ann.get_by_test_id("replay-code")
    expect(replay_code).to_contain_text("final = 2")
    clock = ann.get_by_test_id("replay-clock")
    expect(clock).to_have_text(re.compile(r"^(\d+:\d\d) / \1$"))

    speed = ann.get_by_label("Speed")
    expect(speed).to_have_value("1")
    speeds = [f"{n}\N{MULTIPLICATION SIGN}" for n in (1, 2, 4, 8, 16, 32)]
    expect(speed.locator("option")).to_have_text(speeds)
    speed.select_option("32")
    skip = ann.get_by_test_id("skip-idle")
    expect(skip).to_be_checked()
    skip.uncheck()
    expect(skip).not_to_be_checked()
    skip.check()

    # Played from the start, it reaches the end again: the final code.
    ann.get_by_role("button", name="Play", exact=True).click()
    expect(ann.get_by_role("button", name="Play", exact=True)).to_be_visible()
    expect(clock).to_have_text(re.compile(r"^(\d+:\d\d) / \1$"))
    expect(replay_code).to_contain_text("final = 2")
    screenshot(ann, "replay-end")


def test_a_candidate_replays_only_once_the_owner_allows_it(new_page: NewPage) -> None:
    ann = new_page("ann")
    bob = new_page("bob", expected_statuses=(403,))
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Replay rights")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    expect(bob.get_by_role("link", name="Replay")).to_have_count(0)
    bob.goto(f"/rooms/{room_id}/replay")
    expect(bob.get_by_role("heading", name="Replay not available")).to_be_visible()

    ann.get_by_role("tab", name="Invite").click()
    ann.get_by_label("Candidates may replay this session").check()
    expect(ann.get_by_label("Candidates may replay this session")).to_be_checked()

    bob.goto(f"/rooms/{room_id}/replay")
    expect(bob.get_by_test_id("replay-code")).to_be_visible()
    expect(bob.get_by_role("heading", name="Replay not available")).to_have_count(0)
