"""Presence heals: after any reconnect (the network gone and back, the socket closed with a
transient code) the person is back for everyone, present with their cursor and name, within
2 s of being connected again; and they see the others again too."""

from __future__ import annotations

import re
import signal
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, WebSocketRoute, expect

from tests.e2e import pages
from tests.e2e.conftest import BUILD, require_prerequisites
from tests.server import ServerProcess, free_port, server_env, start_server

NewPage = Callable[..., Page]
CODE_SOCKET = re.compile(r"/ws/rooms/[0-9a-f-]{36}(\?|$)")
HEALS_WITHIN_MS = 2_000  # the spec
# Whether a remote cursor carries `name` as its label (drawn by CSS, remote-cursors.ts).
NAME_LABEL_SHOWN = """name => [...document.querySelectorAll('[class*="yRemoteSelectionHead-"]')]
    .some(head => getComputedStyle(head, '::after').content === JSON.stringify(name))"""


def presence_of(page: Page, name: str) -> Locator:
    return page.get_by_test_id("presence-entry").filter(has_text=name)


def remote_cursors(page: Page) -> Locator:
    """y-monaco's cursor of each other person (its name label is drawn on it)."""
    return page.locator('[class*="yRemoteSelectionHead-"]')


def expect_sees(page: Page, name: str, *, timeout: float) -> None:
    expect(presence_of(page, name)).not_to_contain_text("not here", timeout=timeout)
    expect(remote_cursors(page)).to_have_count(1, timeout=timeout)
    page.wait_for_function(NAME_LABEL_SHOWN, arg=name, timeout=timeout)


def ann_and_bob_typing(ann: Page, bob: Page, *, before_bob_joins: Callable[[], None]) -> None:
    """Ann's room with Bob in it, both with a cursor in the code, each seeing the other."""
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Presence")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    before_bob_joins()
    pages.join(bob, link)
    pages.type_in_editor(bob, "b = 1\n")
    pages.type_in_editor(ann, "a = 1\n")
    expect_sees(ann, "Bob", timeout=5_000)
    expect_sees(bob, "Ann", timeout=5_000)


def test_after_the_network_comes_back_both_see_each_other_within_2_s(
    new_page: NewPage,
) -> None:
    ann = new_page("ann")
    bob = new_page("bob", expected_errors=("ERR_INTERNET_DISCONNECTED",))
    ann_and_bob_typing(ann, bob, before_bob_joins=lambda: None)

    bob.context.set_offline(True)
    expect(bob.get_by_test_id("connection-status")).to_have_attribute("data-phase", "offline")
    bob.context.set_offline(False)
    pages.wait_connected(bob)

    expect_sees(ann, "Bob", timeout=HEALS_WITHIN_MS)
    expect_sees(bob, "Ann", timeout=HEALS_WITHIN_MS)


def test_after_the_socket_is_closed_with_a_transient_code_both_see_each_other_within_2_s(
    new_page: NewPage,
) -> None:
    ann, bob = new_page("ann"), new_page("bob")
    # Bob's code socket goes through a relay that can close it: for Bob, as if the server did.
    sockets: list[tuple[WebSocketRoute, WebSocketRoute]] = []

    def relay(page_side: WebSocketRoute) -> None:
        server_side = page_side.connect_to_server()
        page_side.on_message(lambda message: server_side.send(message))
        server_side.on_message(lambda message: page_side.send(message))
        sockets.append((page_side, server_side))

    ann_and_bob_typing(ann, bob, before_bob_joins=lambda: bob.route_web_socket(CODE_SOCKET, relay))

    page_side, server_side = sockets[-1]
    server_side.close()
    page_side.close(code=1013, reason="try again later")
    expect(bob.get_by_test_id("connection-status")).not_to_have_attribute("data-phase", "connected")
    pages.wait_connected(bob)
    assert len(sockets) == 2  # Bob is on a new socket

    expect_sees(ann, "Bob", timeout=HEALS_WITHIN_MS)
    expect_sees(bob, "Ann", timeout=HEALS_WITHIN_MS)


def test_after_a_server_restart_both_see_each_other_within_2_s(
    tmp_path: Path, browser: Browser
) -> None:
    require_prerequisites()
    env = server_env(tmp_path, CODECOLLAB_FRONTEND_DIR=str(BUILD))
    port = free_port()
    server: ServerProcess = start_server(tmp_path, env, port=port)
    contexts = [browser.new_context(base_url=server.base_url) for _ in range(2)]
    try:
        ann, bob = (context.new_page() for context in contexts)
        ann_and_bob_typing(ann, bob, before_bob_joins=lambda: None)

        server.stop()  # closes every connection with 1001
        for page in (ann, bob):
            expect(page.get_by_test_id("connection-status")).to_have_attribute(
                "data-phase", "reconnecting"
            )
        server = start_server(tmp_path, env, port=port)
        pages.wait_connected(ann)
        pages.wait_connected(bob)

        expect_sees(ann, "Bob", timeout=HEALS_WITHIN_MS)
        expect_sees(bob, "Ann", timeout=HEALS_WITHIN_MS)
    finally:
        for context in contexts:
            context.close()
        if server.process.poll() is None:
            server.stop(signal.SIGKILL)
