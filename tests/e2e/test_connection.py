"""The connection indicator and unsynced edits when the server goes away and comes back."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e import pages
from tests.e2e.conftest import BUILD, require_prerequisites
from tests.e2e.test_web_app import expect_eventually
from tests.server import ServerProcess, free_port, server_env, start_server


@pytest.fixture
def own_server(tmp_path: Path) -> tuple[Path, dict[str, str], int]:
    require_prerequisites()
    env = server_env(tmp_path, CODECOLLAB_FRONTEND_DIR=str(BUILD))
    return tmp_path, env, free_port()


def test_edits_made_while_the_server_is_down_are_flagged_then_synced(
    own_server: tuple[Path, dict[str, str], int], browser: Browser, screenshot_dir: Path
) -> None:
    data_dir, env, port = own_server
    server: ServerProcess = start_server(data_dir, env, port=port)
    try:
        context = browser.new_context(
            base_url=server.base_url, viewport={"width": 1280, "height": 720}
        )
        page: Page = context.new_page()
        pages.sign_up(page, "Ann")
        pages.create_room(page, "Flaky network")
        pages.type_in_editor(page, "saved = 1\n")
        page.wait_for_timeout(300)  # the server commits accepted updates within 100 ms

        server.stop(signal.SIGKILL)
        status = page.get_by_test_id("connection-status")
        expect(status).to_have_attribute("data-phase", "reconnecting")
        page.keyboard.type("offline = 2\n")
        expect(status).to_contain_text("unsynced edit")
        warned = page.evaluate(
            "() => { const e = new Event('beforeunload', {cancelable: true});"
            " window.dispatchEvent(e); return e.defaultPrevented; }"
        )
        assert warned, "closing the tab with unsynced edits must ask first"
        page.screenshot(path=str(screenshot_dir / "room-reconnecting.png"))

        server = start_server(data_dir, env, port=port)
        pages.wait_connected(page)
        expect(status).not_to_contain_text("unsynced")

        # The same user in a second browser: the edit made offline reached the server.
        other = browser.new_context(base_url=server.base_url)
        fresh = other.new_page()
        fresh.goto("/login")
        fresh.evaluate(
            "s => localStorage.setItem('codecollab.session', s)",
            page.evaluate("() => localStorage.getItem('codecollab.session')"),
        )
        fresh.goto(page.url)
        pages.wait_connected(fresh)
        expect_eventually(fresh, lambda: "offline = 2" in pages.editor_text(fresh))
        assert "saved = 1" in pages.editor_text(fresh)
        other.close()
        context.close()
    finally:
        if server.process.poll() is None:
            server.stop(signal.SIGKILL)
