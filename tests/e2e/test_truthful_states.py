"""What the room says is true: "saved" only once the server has answered, a dead connection
noticed within 5 s, no control a role cannot use, one clear ended state, refusals said plainly."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, WebSocketRoute, expect

from tests.e2e import pages

NewPage = Callable[..., Page]
CODE_SOCKET = re.compile(r"/ws/rooms/[0-9a-f-]{36}(\?|$)")


def test_saved_waits_for_the_server_and_a_silent_server_is_noticed_within_5_s(
    new_page: NewPage,
) -> None:
    ann = new_page("ann")
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Truth")
    # Ann's code socket goes through a relay that can hold back what the server sends her.
    relay: dict[str, Any] = {"hold": False}

    def handler(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        ws.on_message(lambda message: server.send(message))
        server.on_message(lambda message: None if relay["hold"] else ws.send(message))

    ann.route_web_socket(CODE_SOCKET, handler)
    ann.reload()
    status = ann.get_by_test_id("connection-status")
    pages.wait_connected(ann)
    expect(status).to_contain_text("Connected · Saved")

    relay["hold"] = True
    pages.type_in_editor(ann, "x = 1")
    # The server has the edit, but its answer has not come back: not "saved".
    expect(status).to_contain_text("Connected · Saving…", timeout=1_000)
    # Nothing heard from the server: the heartbeat gives up on the socket within 5 s and the
    # app reconnects (still silent here: it stays in "Reconnecting" / "Syncing", never "Saved").
    expect(status).to_contain_text(re.compile("Reconnecting|Syncing"), timeout=5_000)
    expect(status).to_have_attribute("title", re.compile("unsynced edit"))
    ann.wait_for_timeout(1_000)
    expect(status).not_to_contain_text("Saved")

    relay["hold"] = False
    expect(status).to_contain_text("Connected · Saved", timeout=15_000)
    assert pages.stored_code(ann, room_id).startswith("x = 1")


def test_going_offline_shows_at_once_and_saved_returns_only_after_the_resync(
    new_page: NewPage,
) -> None:
    ann, bob = new_page("ann"), new_page("bob", expected_errors=("ERR_INTERNET_DISCONNECTED",))
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Offline")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    status = bob.get_by_test_id("connection-status")
    # Type once online first, as a candidate would have: one run whose first edit was made
    # offline saw an uncaught error `Event` (suspected: a Monaco worker script first loaded
    # while offline; not reproduced since, see docs/frontend.md "Known gaps").
    pages.type_in_editor(bob, "# online\n")
    expect(status).to_contain_text("Connected · Saved")
    bob.wait_for_timeout(1_000)

    bob.context.set_offline(True)
    expect(status).to_have_attribute("data-phase", "offline", timeout=5_000)
    pages.type_in_editor(bob, "offline_edit = 1")
    expect(status).to_contain_text("unsynced edit")
    expect(status).not_to_contain_text("Saved")

    bob.context.set_offline(False)
    expect(status).to_contain_text("Connected · Saved", timeout=15_000)
    expect(pages.editor(ann)).to_contain_text("offline_edit = 1")


def test_controls_follow_the_role_and_the_end_is_one_clear_state(new_page: NewPage) -> None:
    ann, bob, olga = new_page("ann"), new_page("bob"), new_page("olga")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Roles")
    candidate_link = pages.invite_link(ann, "candidate")
    observer_link = pages.invite_link(ann, "observer")
    pages.sign_up(bob, "Bob")
    pages.join(bob, candidate_link)
    pages.sign_up(olga, "Olga")
    pages.join(olga, observer_link)

    # The observer watches: no Run button, no input box; the candidate and the owner can run.
    expect(olga.get_by_test_id("run-panel")).to_have_attribute("data-run-mode", "view")
    expect(olga.get_by_test_id("run-button")).to_have_count(0)
    expect(olga.get_by_label("Input (stdin)")).to_have_count(0)
    expect(bob.get_by_test_id("run-button")).to_be_visible()
    expect(ann.get_by_test_id("run-button")).to_be_visible()

    pages.end_session(ann)
    for page in (bob, olga):
        expect(page.get_by_test_id("ended-banner")).to_contain_text("This session has ended")
        expect(page.get_by_test_id("run-button")).to_have_count(0)
        expect(page.get_by_text("not available on this server")).to_have_count(0)
        expect(page.get_by_text("Could not reach the server")).to_have_count(0)
        expect(page.locator("[role=alert]").filter(has_text=re.compile(r"\w"))).to_have_count(0)
    # Staff keep their controls after the end.
    expect(ann.get_by_test_id("ended-banner")).to_contain_text("interviewers still can")
    expect(ann.get_by_test_id("run-button")).to_be_visible()


def test_a_candidate_opening_the_analytics_is_told_it_is_for_interviewers(
    new_page: NewPage,
) -> None:
    ann = new_page("ann")
    bob = new_page("bob", expected_statuses=(403,))
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Private figures")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    expect(bob.get_by_role("link", name="Analytics")).to_have_count(0)
    bob.goto(f"/rooms/{room_id}/analytics")
    expect(bob.get_by_role("heading", name="Analytics are for interviewers")).to_be_visible()
    expect(bob.get_by_text("No pastes")).to_have_count(0)
    expect(bob.get_by_text("No focus losses")).to_have_count(0)
    expect(bob.get_by_role("region", name="Per participant")).to_have_count(0)
