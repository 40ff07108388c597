"""The small items of the interview-experience issue: language names, the problem picker in its
card, cursor flags beside the cursor, a resizable run panel with whole tracebacks."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import pages

NewPage = Callable[..., Page]


def test_language_names_show_their_version_once(new_page: NewPage) -> None:
    page = new_page()
    pages.sign_up(page, "Lou")
    expect(page.get_by_label("Language").locator("option")).not_to_have_count(0)
    options = page.get_by_label("Language").locator("option").all_inner_texts()
    assert options, "the server lists languages"
    for name in options:
        versions = re.findall(r"\d+(?:\.\d+)+", name)
        assert len(versions) <= 1, name
        assert not re.search(r"\(\d", name), name
        assert not re.search(r"\b(\d+) \1\.", name), name


def test_the_problem_picker_stays_inside_its_card_at_phone_width(new_page: NewPage) -> None:
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    pages.sign_up(page, "Pia")
    card = page.get_by_role("region", name="New room").bounding_box()
    assert card is not None
    for field in (
        page.get_by_role("region", name="New room").locator("fieldset, input, select").all()
    ):
        box = field.bounding_box()
        if box is not None:
            assert box["x"] >= card["x"]
            assert box["x"] + box["width"] <= card["x"] + card["width"] + 0.5


def test_a_cursor_flag_sits_on_its_own_line_not_over_the_line_above(new_page: NewPage) -> None:
    ann, bob = new_page("ann"), new_page("bob")
    pages.sign_up(ann, "Ann")
    pages.create_room(ann, "Flags")
    pages.type_in_editor(ann, "line one\nline two\nline three")
    link = pages.invite_link(ann, "candidate")
    pages.sign_up(bob, "Bob")
    pages.join(bob, link)
    pages.type_in_editor(bob, "!")
    head = ann.locator('[class*="yRemoteSelectionHead-"]').first
    expect(head).to_be_visible()
    # y-monaco draws the cursor; the rule for its flag is a separate, React-rendered <style>
    # (remote-cursors.ts) that may come a moment later: wait for it (this test was flaky).
    ann.wait_for_function(
        """() => {
            const head = document.querySelector('[class*="yRemoteSelectionHead-"]');
            return head && !['', 'none'].includes(getComputedStyle(head, '::after').content);
        }"""
    )
    flag = head.evaluate(
        """el => {
            const s = getComputedStyle(el, '::after');
            return {content: s.content, top: parseFloat(s.top), height: parseFloat(s.height)};
        }"""
    )
    assert flag["content"] == '"Bob"'
    line = head.bounding_box()
    assert line is not None
    assert flag["top"] >= 0, "the flag starts inside the cursor's line"
    assert flag["top"] + flag["height"] <= line["height"] + 1, "and ends inside it"


def test_the_run_panel_resizes_and_shows_a_whole_traceback(new_page: NewPage) -> None:
    page = new_page()
    pages.sign_up(page, "Rex")
    pages.create_room(page, "Tracebacks", language="python")
    panel = page.get_by_test_id("run-panel")
    expect(panel).not_to_have_attribute("data-run-mode", "loading")
    if panel.get_attribute("data-run-mode") == "none":
        pytest.skip("this server cannot run code (no sandbox backend)")
    handle = page.get_by_role("separator", name="Resize the run panel")
    before = panel.bounding_box()
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowUp")
    after = panel.bounding_box()
    assert before is not None
    assert after is not None
    assert after["height"] >= before["height"] + 60
    # Dragging works too.
    box = handle.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 60, steps=5)
    page.mouse.up()
    dragged = panel.bounding_box()
    assert dragged is not None
    assert dragged["height"] < after["height"] - 30

    pages.type_in_editor(page, "import sys\n")
    page.keyboard.press("Home")
    page.keyboard.type("for i in range(120): print('frame', i, file=sys.stderr)\n")
    page.keyboard.press("Home")
    page.keyboard.type("raise ValueError('the end')\n")
    page.get_by_test_id("run-button").click()
    stderr = page.get_by_test_id("run-stderr")
    expect(stderr).to_contain_text("ValueError: the end", timeout=30_000)
    # Nothing is cut: all of it is in one block (no inner clipping) in a column that scrolls.
    text = stderr.inner_text()
    assert "frame 0\n" in text
    assert "frame 119\n" in text
    assert stderr.evaluate("el => el.scrollHeight <= el.clientHeight + 1")
    stderr.get_by_text("ValueError: the end").scroll_into_view_if_needed()
    expect(stderr.get_by_text("ValueError: the end")).to_be_in_viewport()
