"""Browser tests: Debian's Chromium (never a downloaded browser) against a real `codecollab serve`.

The server runs as a subprocess on a free port with a fresh SQLite database and serves the built
web app (frontend/dist; `scripts/ci/frontend.sh` builds it). Each test gets fresh browser
contexts — separate users, as on separate machines. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.server import ServerProcess, running_server, server_env

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "frontend" / "dist"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

playwright_sync = pytest.importorskip("playwright.sync_api")


def missing_prerequisite() -> str | None:
    if not CHROMIUM.exists():
        return "Debian's chromium is not installed (scripts/ci/frontend.sh installs it)"
    if not (BUILD / "index.html").exists():
        return "the web app is not built (scripts/ci/frontend.sh runs npm run build)"
    return None


def require_prerequisites() -> None:
    """Skip locally when Chromium or the build is missing; in CI that is a failure."""
    reason = missing_prerequisite()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


# Module scope, not session: Playwright's sync API keeps an event loop running in this thread
# while it is open, and the asyncio tests that run after these would find it there.
@pytest.fixture(scope="module")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    require_prerequisites()
    data_dir = tmp_path_factory.mktemp("e2e-server")
    env = server_env(data_dir, CODECOLLAB_FRONTEND_DIR=str(BUILD))
    with running_server(data_dir, env) as server:
        yield server


@pytest.fixture(scope="module")
def browser(web_server: ServerProcess) -> Iterator[playwright_sync.Browser]:
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class ConsoleErrors(list[str]):
    """Console errors and uncaught exceptions seen by a page; tests assert it stays empty."""


@pytest.fixture
def new_page(
    browser: playwright_sync.Browser, web_server: ServerProcess
) -> Iterator[Callable[..., playwright_sync.Page]]:
    contexts: list[playwright_sync.BrowserContext] = []
    errors: list[tuple[str, str]] = []

    def factory(
        name: str = "user",
        color_scheme: str = "light",
        expected_statuses: tuple[int, ...] = (),
        expected_errors: tuple[str, ...] = (),
    ) -> playwright_sync.Page:
        """A page in a fresh context; `expected_statuses`: HTTP errors the test provokes;
        `expected_errors`: parts of other console errors it provokes (going offline)."""
        expected = tuple(f"status of {status} " for status in expected_statuses) + expected_errors

        def on_console(msg: playwright_sync.ConsoleMessage) -> None:
            if msg.type == "error" and not any(text in msg.text for text in expected):
                errors.append((name, msg.text))

        context = browser.new_context(
            base_url=web_server.base_url,
            viewport={"width": 1280, "height": 720},
            color_scheme=color_scheme,  # type: ignore[arg-type]
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda exc: errors.append((name, f"uncaught: {exc}")))
        page.on("console", on_console)
        return page

    yield factory
    for context in contexts:
        context.close()
    assert errors == [], f"console errors: {errors}"


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    # Stale screenshots from an earlier run would pass for this run's.
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture
def screenshot(screenshot_dir: Path) -> Callable[[playwright_sync.Page, str], None]:
    def take(page: playwright_sync.Page, name: str) -> None:
        page.screenshot(path=str(screenshot_dir / f"{name}.png"))

    return take
