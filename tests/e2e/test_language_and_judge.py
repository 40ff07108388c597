"""Code per language, the shared stdin and the judge's results, as people see them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e import pages
from tests.e2e.test_every_page import _axe_violations, _overflow, _seed_problems
from tests.e2e.test_web_app import expect_eventually
from tests.server import ServerProcess

NewPage = Callable[..., Page]
JS_TEMPLATE = 'console.log("Hello, World!");'
# Prints `true` for every string: right for valid strings only.
ALWAYS_TRUE = 'import sys; print("\\n".join(["true"] * int(sys.stdin.readline())))'


def _pair(new_page: NewPage, title: str) -> tuple[Page, Page, str]:
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, title)
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    return ann, bob, room_id


def test_switching_language_shows_the_template_and_switching_back_restores_the_code(
    new_page: NewPage,
) -> None:
    ann, bob, _room_id = _pair(new_page, "Languages")
    pages.type_in_editor(ann, "# mine")
    expect_eventually(bob, lambda: pages.editor_text(bob) == "# mine")

    # Ann switches to JavaScript: both screens show its template.
    ann.get_by_test_id("language-select").select_option("javascript")
    for page in (ann, bob):
        expect_eventually(page, lambda page=page: pages.editor_text(page).strip() == JS_TEMPLATE)
        expect(page.get_by_test_id("language-select")).to_have_value("javascript")

    bob.get_by_test_id("language-select").select_option("python")  # Bob switches back
    for page in (ann, bob):
        expect_eventually(page, lambda page=page: pages.editor_text(page) == "# mine")
        expect(page.get_by_test_id("language-select")).to_have_value("python")


def test_the_dashboard_shows_the_language_the_room_switched_to(new_page: NewPage) -> None:
    ann = new_page("ann")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Switched room")
    ann.get_by_test_id("language-select").select_option("javascript")
    expect(ann.get_by_test_id("language-select")).to_have_value("javascript")
    ann.goto("/")
    expect(ann.get_by_role("row", name=re.compile("Switched room"))).to_contain_text("javascript")


def test_stdin_typed_by_one_person_appears_for_the_other_and_with_the_run(
    new_page: NewPage,
) -> None:
    ann, bob, _room_id = _pair(new_page, "Shared input")
    pages.type_in_editor(ann, "import sys; print(sys.stdin.read().upper())")
    ann.get_by_test_id("stdin").fill("from ann")
    expect(bob.get_by_test_id("stdin")).to_have_value("from ann")

    bob.get_by_test_id("run-button").click()
    for page in (ann, bob):
        expect(page.get_by_test_id("run-stdin")).to_have_text("from ann")
        expect(page.get_by_test_id("run-stdout")).to_contain_text("FROM ANN")


def test_a_failing_solution_shows_the_true_count_and_a_diff_at_390_and_768_px(
    new_page: NewPage, web_server: ServerProcess
) -> None:
    _seed_problems(web_server)
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    room_id = _problem_room(ann, "valid-parentheses")
    ann.goto(f"/rooms/{room_id}")
    pages.wait_connected(ann)
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    bob.set_viewport_size({"width": 390, "height": 844})
    pages.join(bob, link)
    pages.clear_editor(ann)
    pages.type_in_editor(ann, ALWAYS_TRUE)
    expect_eventually(bob, lambda: "import sys" in pages.editor_text(bob))

    ann.get_by_test_id("submit-button").click()

    for page in (ann, bob):
        result = page.get_by_test_id("submission-result")
        expect(result.get_by_test_id("submission-count")).to_contain_text("tests passed")
        cards = result.get_by_test_id("test-result")
        count = result.get_by_test_id("submission-count").inner_text()
        passed, total = (int(n) for n in re.findall(r"\d+", count))
        assert total == cards.count(), count
        assert 0 < passed < total, count
        expect(result.locator('[data-verdict="skipped"]')).to_have_count(0)
        diff = result.get_by_test_id("output-diff").first
        expect(diff).to_be_visible()
        expect(diff.locator('[data-kind="expected"]').first).to_have_text(re.compile("false"))
    assert _overflow(bob) <= 0
    assert _axe_violations(bob) == []
    bob.set_viewport_size({"width": 768, "height": 1024})
    expect(bob.get_by_test_id("output-diff").first).to_be_visible()
    assert _overflow(bob) <= 0


def _problem_room(page: Page, slug: str) -> str:
    token = json.loads(str(page.evaluate("() => localStorage.getItem('codecollab.session')")))
    headers = {"Authorization": f"Bearer {token['accessToken']}"}
    problems = page.request.get("/api/problems", headers=headers).json()
    problem_id = next(problem["id"] for problem in problems if problem["slug"] == slug)
    created = page.request.post(
        "/api/rooms",
        headers=headers,
        data={"title": "Judged", "language": "python", "problem_id": problem_id},
    )
    assert created.ok, created.text()
    room_id: str = created.json()["id"]
    return room_id
