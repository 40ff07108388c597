"""Problem authoring in the web app: a staff author writes a problem, sees a failing reference
solution refused with the failed tests, fixes it, saves, and interviews with it; a member is
refused the editor."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e import pages
from tests.e2e.conftest import BUILD
from tests.server import ServerProcess, server_env

NewPage = Callable[..., Page]

WRONG = "a, b = map(int, input().split())\nprint(a - b)\n"
RIGHT = "a, b = map(int, input().split())\nprint(a + b)\n"


def promote(web_server: ServerProcess, email: str, role: str) -> None:
    """`codecollab promote` against the test server's database, as an operator would run it."""
    data_dir = web_server.log_path.parent
    subprocess.run(
        [sys.executable, "-m", "codecollab", "promote", "--email", email, "--role", role],
        env=server_env(data_dir, CODECOLLAB_FRONTEND_DIR=str(BUILD)),
        cwd=data_dir,
        check=True,
        capture_output=True,
        timeout=120,
    )


def staff_author(page: Page, web_server: ServerProcess, name: str) -> None:
    email = pages.sign_up(page, name)
    promote(web_server, email, "staff")
    pages.log_out(page)
    pages.log_in(page, email)


def fill_problem(page: Page, title: str) -> None:
    page.get_by_label("Title").fill(title)
    page.get_by_label("Statement", exact=True).fill("Read *a* and *b*; print **a + b**.")
    page.get_by_role("tab", name="Preview").click()
    expect(page.get_by_test_id("statement-preview").locator("strong")).to_have_text("a + b")
    page.get_by_label("Test 1 input").fill("1 2\n")
    page.get_by_label("Test 1 expected output").fill("3\n")
    page.get_by_role("button", name="Add a test").click()
    page.get_by_label("Test 2 name").fill("big")
    page.get_by_label("Test 2 input").fill("40 2\n")
    page.get_by_label("Test 2 expected output").fill("42\n")
    page.get_by_label("Language of the reference solution").select_option("python")
    page.get_by_label("Reference solution code").fill(WRONG)


def test_staff_author_a_problem_past_a_failing_reference_and_interview_with_it(
    new_page: NewPage, web_server: ServerProcess
) -> None:
    author = new_page("author", expected_statuses=(422,))
    staff_author(author, web_server, "Ada")
    author.get_by_role("link", name="Write a new problem").click()
    expect(author.get_by_role("heading", name="New problem")).to_be_visible()
    fill_problem(author, "Sum of two")
    expect(author.get_by_label("Slug")).to_have_value("sum-of-two")

    author.get_by_role("button", name="Save problem").click()
    refusal = author.get_by_role("alert").filter(has_text="Not saved")
    expect(refusal).to_contain_text("passed 0 of 2 tests")
    failed = author.get_by_role("list", name="Failed tests").get_by_role("listitem")
    expect(failed).to_have_count(2)
    expect(failed.nth(1)).to_contain_text("Test 2 (big): wrong answer")
    expect(failed.nth(1)).to_contain_text("38")

    author.get_by_label("Reference solution code").fill(RIGHT)
    author.get_by_role("button", name="Save problem").click()
    expect(author.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    expect(author.get_by_role("heading", name="Edit “Sum of two”")).to_be_visible()

    author.get_by_role("link", name="Create a room with it").click()
    # The editor has a "Title" field too: fill the dashboard's once it is there.
    expect(author.get_by_role("heading", name="New room")).to_be_visible()
    author.get_by_label("Title").fill("Interview with Sum of two")
    author.get_by_role("radio", name="Sum of two").check()
    author.get_by_role("button", name="Create room").click()
    expect(author.get_by_test_id("room-title")).to_have_text("Interview with Sum of two")
    expect(author.get_by_role("article", name="Sum of two")).to_contain_text("print a + b")


def test_an_edit_is_saved_in_place(new_page: NewPage, web_server: ServerProcess) -> None:
    author = new_page("author")
    staff_author(author, web_server, "Grace")
    author.goto("/problems/new")
    fill_problem(author, "Add again")
    author.get_by_label("Reference solution code").fill(RIGHT)
    author.get_by_role("button", name="Save problem").click()
    expect(author.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    expect(author.get_by_role("heading", name="Edit “Add again”")).to_be_visible()
    author.get_by_label("Title").fill("Add once more")
    expect(author.get_by_label("Slug")).to_be_disabled()
    author.get_by_role("button", name="Save problem").click()
    expect(author.get_by_role("heading", name="Edit “Add once more”")).to_be_visible()
    author.goto("/")
    expect(author.get_by_role("link", name="Edit Add once more")).to_be_visible()


def test_a_member_is_refused_the_problem_editor(new_page: NewPage) -> None:
    member = new_page("member")
    pages.sign_up(member, "Bob")
    expect(member.get_by_role("link", name="Write a new problem")).to_have_count(0)
    member.goto("/problems/new")
    expect(member.get_by_role("alert")).to_contain_text("Only staff and admins can write problems")
