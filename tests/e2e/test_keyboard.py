"""Keyboard use: focus starts in each form's first field, and the editor's Tab trap has an exit."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e import pages

NewPage = Callable[..., Page]


def in_editor(page: Page) -> bool:
    return bool(
        page.evaluate("() => !!document.activeElement?.closest('[data-testid=code-editor]')")
    )


def test_focus_lands_on_the_first_field_of_every_form(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/login")
    expect(page.get_by_label("E-mail")).to_be_focused()
    page.goto("/signup")
    expect(page.get_by_label("Name")).to_be_focused()
    pages.sign_up(page, "Fay")
    expect(page.get_by_label("Title")).to_be_focused()


def test_esc_then_tab_leaves_the_editor_while_tab_alone_indents(new_page: NewPage) -> None:
    page = new_page()
    pages.sign_up(page, "Kit")
    room_id = pages.create_room(page, "Keyboard")
    expect(page.get_by_test_id("editor-hint")).to_have_text(
        "Tab inserts spaces · Esc then Tab to leave the editor"
    )
    pages.type_in_editor(page, "x")
    # Tab inside the editor indents and keeps the focus there.
    page.keyboard.press("Tab")
    page.wait_for_timeout(200)
    assert in_editor(page)
    assert pages.editor_text(page).startswith("x ")
    # Esc, then Tab: focus moves on to the next control, and the code is unchanged.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    page.wait_for_timeout(200)
    assert not in_editor(page)
    text_after = pages.editor_text(page)
    # Shift+Tab comes back; from then on, Tab indents again.
    page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(200)
    assert in_editor(page)
    page.keyboard.type("y")
    page.keyboard.press("Tab")
    page.wait_for_timeout(200)
    assert in_editor(page)
    assert pages.editor_text(page) != text_after
    assert room_id
