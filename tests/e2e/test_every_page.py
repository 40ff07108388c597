"""Every page of the web app at phone, tablet and desktop width: no horizontal overflow, no
serious or critical axe-core violation, and screenshots for the docs.

One module-scoped site (an interviewer, a candidate, a free room and a problem room) is set up
through the app itself; each test then visits every page as the right person.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.e2e import pages
from tests.e2e.conftest import BUILD, REPO
from tests.server import ServerProcess, server_env

NewPage = Callable[..., Page]
EVERY_PAGE_TIMEOUT_S = 300
"""The tests that visit every page (some twenty) one after another need more than the default
120 s on a busy two-core machine."""

PHONE: ViewportSize = {"width": 390, "height": 844}
TABLET: ViewportSize = {"width": 768, "height": 1024}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
WIDTHS = {"phone": PHONE, "tablet": TABLET, "desktop": DESKTOP}
AXE = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
DOC_SCREENSHOTS = REPO / "docs" / "screenshots"


@dataclass(frozen=True)
class Site:
    staff_session: str
    candidate_session: str
    author_session: str
    """An account with the staff instance role (writes problems)."""
    room_id: str
    problem_room_id: str
    problem_id: str
    invite: str
    guest_session: str


@dataclass(frozen=True)
class Visit:
    name: str
    who: str  # "anonymous", "staff", "candidate", "guest" or "author" (a staff account)
    path: str
    ready: Callable[[Page], None]
    statuses: tuple[int, ...] = ()


def _session(page: Page) -> str:
    return str(page.evaluate("() => localStorage.getItem('codecollab.session')"))


def _seed_problems(web_server: ServerProcess) -> None:
    """Load the repository's problem bank into the test server's database (`codecollab seed`)."""
    _command(web_server, "seed")


def _make_staff(web_server: ServerProcess, page: Page, email: str) -> None:
    """`codecollab promote` the account to staff, then log in again so the app knows it."""
    _command(web_server, "promote", "--email", email, "--role", "staff")
    page.get_by_role("button", name="Log out").click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(pages.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Rubrics")).to_be_visible()


def _command(web_server: ServerProcess, *args: str) -> None:
    data_dir = web_server.log_path.parent
    subprocess.run(
        [sys.executable, "-m", "codecollab", *args],
        env=server_env(data_dir, CODECOLLAB_FRONTEND_DIR=str(BUILD)),
        cwd=data_dir,
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def site(browser: Browser, web_server: ServerProcess) -> Iterator[Site]:
    _seed_problems(web_server)
    staff_context = browser.new_context(base_url=web_server.base_url)
    candidate_context = browser.new_context(base_url=web_server.base_url)
    ann, bob = staff_context.new_page(), candidate_context.new_page()
    ann_email = pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Pair programming")
    pages.type_in_editor(ann, "def add(a, b):\n    return a + b\n")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    pages.type_in_editor(bob, "# hello\n")
    # A room with a problem, made through the API with the app's own token.
    token = json.loads(_session(ann))["accessToken"]
    headers = {"Authorization": f"Bearer {token}"}
    problems = ann.request.get("/api/problems", headers=headers).json()
    assert isinstance(problems, list), problems
    assert problems, "the seeded problem bank is empty"
    problem_id = problems[0]["id"]
    created = ann.request.post(
        "/api/rooms",
        headers=headers,
        data={"title": "Problem interview", "language": "python", "problem_id": problem_id},
    )
    assert created.ok, created.text()
    fresh_invite = pages.invite_link(ann, "observer")
    guest_context = browser.new_context(base_url=web_server.base_url)
    gus = guest_context.new_page()
    pages.join_as_guest(gus, link, "Gus")
    author_context = browser.new_context(base_url=web_server.base_url)
    cleo = author_context.new_page()
    cleo_email = pages.sign_up(cleo, "Cleo")
    _command(web_server, "promote", "--email", cleo_email, "--role", "staff")
    pages.log_out(cleo)
    pages.log_in(cleo, cleo_email)
    ann.wait_for_timeout(1_500)  # the edits reach the event log (replay, analytics)
    _make_staff(web_server, ann, ann_email)  # the rubric templates page is for staff
    yield Site(
        staff_session=_session(ann),
        candidate_session=_session(bob),
        author_session=_session(cleo),
        room_id=room_id,
        problem_room_id=str(created.json()["id"]),
        problem_id=problem_id,
        invite=fresh_invite,
        guest_session=_session(gus),
    )
    guest_context.close()
    staff_context.close()
    candidate_context.close()
    author_context.close()


def _heading(name: str | re.Pattern[str]) -> Callable[[Page], None]:
    def ready(page: Page) -> None:
        expect(page.get_by_role("heading", name=name).first).to_be_visible()

    return ready


def _room_ready(page: Page) -> None:
    pages.wait_connected(page)
    expect(pages.editor(page).locator(".view-lines")).to_be_visible()


def _replay_ready(page: Page) -> None:
    expect(page.get_by_test_id("replay-code").locator(".view-lines")).to_be_visible()


def _scorecard_ready(page: Page) -> None:
    _room_ready(page)
    page.get_by_role("tab", name="Scorecard").click()
    expect(page.get_by_test_id("scorecard-form")).to_be_visible()


def _integrity_ready(page: Page) -> None:
    _room_ready(page)
    page.get_by_role("tab", name=re.compile("^Integrity")).click()
    expect(page.get_by_test_id("integrity-feed")).to_be_visible()


def _end_dialog_ready(page: Page) -> None:
    _room_ready(page)
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("alertdialog", name="End the session?")).to_be_visible()


def visits(site: Site) -> list[Visit]:
    room = f"/rooms/{site.room_id}"
    return [
        Visit("login", "anonymous", "/login", _heading("Log in")),
        Visit("signup", "anonymous", "/signup", _heading("Create your account")),
        Visit(
            "invite",
            "anonymous",
            urlparse(site.invite).path,
            _heading(re.compile("Join Pair programming")),
        ),
        Visit(
            "invite-invalid-logged-out",
            "anonymous",
            "/join/not-a-token",
            _heading("Could not join the room"),
            statuses=(404,),
        ),
        Visit("not-found", "anonymous", "/no/such/page", _heading(re.compile("not found", re.I))),
        Visit(
            "forgot-password", "anonymous", "/forgot-password", _heading("Forgot your password?")
        ),
        Visit(
            "reset-password",
            "anonymous",
            "/reset-password?token=not-a-token",
            _heading("Choose a new password"),
        ),
        Visit("dashboard-author", "author", "/", _heading("My rooms")),
        Visit("problem-new", "author", "/problems/new", _heading("New problem")),
        Visit(
            "problem-edit",
            "author",
            f"/problems/{site.problem_id}/edit",
            _heading(re.compile("^Edit ")),
        ),
        Visit("dashboard", "staff", "/", _heading("My rooms")),
        Visit(
            "invite-invalid",
            "staff",
            "/join/not-a-token",
            _heading("Could not join the room"),
            statuses=(404, 422),
        ),
        Visit("room", "staff", room, _room_ready),
        Visit("room-problem", "staff", f"/rooms/{site.problem_room_id}", _room_ready),
        Visit("room-candidate", "candidate", room, _room_ready),
        Visit("room-guest", "guest", room, _room_ready),
        Visit("room-integrity", "staff", room, _integrity_ready),
        Visit("room-end-dialog", "staff", room, _end_dialog_ready),
        Visit("replay", "staff", f"{room}/replay", _replay_ready),
        Visit(
            "replay-refused",
            "candidate",
            f"{room}/replay",
            _heading("Replay not available"),
            statuses=(403,),
        ),
        Visit("analytics", "staff", f"{room}/analytics", _heading(re.compile("Analytics"))),
        Visit(
            "analytics-refused",
            "candidate",
            f"{room}/analytics",
            _heading(re.compile("Analytics")),
            statuses=(403,),
        ),
        Visit("room-scorecard", "staff", room, _scorecard_ready),
        Visit("summary", "staff", f"{room}/summary", _heading(re.compile("Interview summary"))),
        Visit(
            "summary-refused",
            "candidate",
            f"{room}/summary",
            _heading("Summary not available"),
            statuses=(404,),
        ),
        Visit(
            "scorecard-templates", "staff", "/scorecard-templates", _heading("Scorecard templates")
        ),
        Visit("api-keys", "staff", "/api-keys", _heading("API keys")),
        Visit(
            "scorecard-templates-refused",
            "candidate",
            "/scorecard-templates",
            _heading("Scorecard templates"),
            statuses=(403,),
        ),
    ]


def _open(
    new_page: NewPage, site: Site, visit: Visit, viewport: ViewportSize, scheme: str = "light"
) -> Page:
    page = new_page(visit.name, color_scheme=scheme, expected_statuses=visit.statuses)
    page.set_viewport_size(viewport)
    if visit.who != "anonymous":
        session = {
            "staff": site.staff_session,
            "candidate": site.candidate_session,
            "guest": site.guest_session,
            "author": site.author_session,
        }[visit.who]
        page.goto("/login")
        page.evaluate("s => localStorage.setItem('codecollab.session', s)", session)
    page.goto(visit.path)
    visit.ready(page)
    page.wait_for_timeout(300)  # late layout (fonts, Monaco's first paint)
    return page


def _overflow(page: Page) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.timeout(EVERY_PAGE_TIMEOUT_S)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_page_scrolls_sideways(new_page: NewPage, site: Site, width: str) -> None:
    too_wide = {}
    for visit in visits(site):
        page = _open(new_page, site, visit, WIDTHS[width])
        if (excess := _overflow(page)) > 0:
            too_wide[visit.name] = excess
        page.context.close()
    assert too_wide == {}, f"pages wider than the {width} viewport (px too wide): {too_wide}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_dashboards_join_button_is_on_screen(new_page: NewPage, site: Site, width: str) -> None:
    dashboard = next(v for v in visits(site) if v.name == "dashboard")
    page = _open(new_page, site, dashboard, WIDTHS[width])
    join = page.get_by_role("button", name="Join")
    join.scroll_into_view_if_needed()
    expect(join).to_be_visible()
    box = join.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= WIDTHS[width]["width"]


def test_at_phone_width_the_room_shows_the_editor_first_and_panels_in_tabs(
    new_page: NewPage, site: Site
) -> None:
    room = next(v for v in visits(site) if v.name == "room-problem")
    page = _open(new_page, site, room, PHONE)
    editor_box = pages.editor(page).bounding_box()
    assert editor_box is not None
    assert editor_box["y"] < PHONE["height"] / 2, "the editor is the first thing below the header"
    assert editor_box["width"] >= PHONE["width"] - 40
    assert editor_box["height"] >= PHONE["height"] * 0.4, "the editor gets most of the screen"
    expect(pages.editor(page).locator(".view-line").first).to_be_visible()
    tabs = page.get_by_role("tablist", name="Room panels").get_by_role("tab")
    expect(tabs).to_have_text(
        ["Problem", "Run", "People", "Chat", "Integrity", "Notes", "Scorecard", "Invite"]
    )
    panel = page.get_by_role("tabpanel")
    assert (panel_box := panel.bounding_box()) is not None
    assert panel_box["y"] > editor_box["y"]
    expect(page.get_by_role("tab", name="Run")).to_have_attribute("aria-selected", "false")
    page.get_by_role("tab", name="Run").click()
    expect(page.get_by_test_id("run-button")).to_be_visible()
    page.get_by_role("tab", name="Run").press("ArrowRight")
    expect(page.get_by_role("tab", name="People")).to_be_focused()
    expect(panel).to_contain_text("Ann")
    page.get_by_role("tab", name="Chat").click()
    expect(page.get_by_role("textbox", name=re.compile("message", re.I))).to_be_visible()
    # The same page at desktop width: three columns, no tab strip for the room panels.
    page.set_viewport_size(DESKTOP)
    expect(page.get_by_role("tablist", name="Room panels")).to_have_count(0)
    expect(page.get_by_role("tablist", name="Side panels")).to_be_visible()


def _axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3)
                    .map(n => n.target.join(' ') + ' '
                        + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))
                    .join(' | ')}`);
        }"""
    )
    return list(results)


@pytest.mark.timeout(EVERY_PAGE_TIMEOUT_S)
@pytest.mark.parametrize(
    ("width", "scheme"), [("desktop", "light"), ("phone", "light"), ("desktop", "dark")]
)
def test_no_page_has_a_serious_accessibility_violation(
    new_page: NewPage, site: Site, width: str, scheme: str
) -> None:
    found: dict[str, list[str]] = {}
    for visit in visits(site):
        page = _open(new_page, site, visit, WIDTHS[width], scheme)
        if violations := _axe_violations(page):
            found[visit.name] = violations
        page.context.close()
    assert found == {}, "axe-core: " + json.dumps(found, indent=1)


# The pages the docs show, at desktop and phone size. With CODECOLLAB_DOC_SCREENSHOTS=1 they are
# written to docs/screenshots/ (committed; the README shows three); otherwise to artifacts/.
DOC_PAGES = (
    "login",
    "signup",
    "dashboard",
    "room",
    "room-problem",
    "room-integrity",
    "room-end-dialog",
    "replay",
    "analytics",
    "analytics-refused",
    "room-scorecard",
    "summary",
    "scorecard-templates",
    "invite",
    "invite-invalid",
    "room-guest",
    "not-found",
    "forgot-password",
    "reset-password",
    "problem-new",
    "problem-edit",
)


@pytest.mark.timeout(EVERY_PAGE_TIMEOUT_S)
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_of_every_page(
    new_page: NewPage, site: Site, width: str, screenshot_dir: Path
) -> None:
    target = DOC_SCREENSHOTS if os.environ.get("CODECOLLAB_DOC_SCREENSHOTS") else screenshot_dir
    target.mkdir(parents=True, exist_ok=True)
    for visit in visits(site):
        if visit.name not in DOC_PAGES:
            continue
        page = _open(new_page, site, visit, WIDTHS[width])
        page.mouse.move(0, 0)
        page.screenshot(
            path=str(target / f"{visit.name}-{width}.png"), animations="disabled", caret="hide"
        )
        page.context.close()
