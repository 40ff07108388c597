"""Scorecards and the interview summary in the browser: an interviewer fills a scorecard from the
replay with a link to a moment, a second interviewer reads it in the room, the candidate sees
neither the panel nor the summary, and the summary downloads as Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e import pages

NewPage = Callable[..., Page]


def _room_with_interviewer_and_candidate(new_page: NewPage) -> tuple[Page, Page, Page, str]:
    ann, cara, bob = new_page("ann"), new_page("cara"), new_page("bob", expected_statuses=(404,))
    pages.sign_up(ann, "Ann")
    room_id = pages.create_room(ann, "Scored interview")
    pages.type_in_editor(ann, "print(42)\n")
    interviewer_link = pages.invite_link(ann, "interviewer")
    candidate_link = pages.invite_link(ann, "candidate")
    pages.sign_up(cara, "Cara")
    pages.join(cara, interviewer_link)
    pages.sign_up(bob, "Bob")
    pages.join(bob, candidate_link)
    pages.type_in_editor(bob, "# done\n")
    return ann, cara, bob, room_id


def _fill_from_replay(ann: Page, room_id: str) -> str:
    """Ann rates an item on the replay page, links the moment shown, and submits; the moment."""
    ann.goto(f"/rooms/{room_id}/replay?t=1000")
    form = ann.get_by_test_id("scorecard-form")
    expect(form).to_be_visible()
    form.get_by_label("Problem solving: rating").select_option(label="Strong yes")
    form.get_by_label("Problem solving: notes").fill("Spotted the edge case at once")
    form.get_by_role("button", name="Link current replay moment to Problem solving").click()
    moment = form.get_by_label("Problem solving: replay moment (mm:ss)")
    expect(moment).to_have_value(re.compile(r"^\d\d:\d\d$"))
    form.get_by_label("Overall recommendation").select_option(label="Yes")
    form.get_by_role("button", name="Submit scorecard").click()
    expect(form.get_by_role("status")).to_have_text("Scorecard submitted.")
    expect(form.get_by_test_id("scorecard-status")).to_have_text("Submitted")
    return moment.input_value()


def test_a_second_interviewer_reads_a_scorecard_with_its_replay_link(new_page: NewPage) -> None:
    ann, cara, _bob, room_id = _room_with_interviewer_and_candidate(new_page)
    moment = _fill_from_replay(ann, room_id)
    cara.get_by_role("tab", name="Scorecard").click()
    others = cara.get_by_role("region", name="Other interviewers' scorecards")
    card = others.get_by_test_id("scorecard")
    expect(card).to_contain_text("Ann")
    expect(card).to_contain_text("Problem solving: Strong yes")
    expect(card).to_contain_text("Spotted the edge case at once")
    expect(card.get_by_test_id("recommendation")).to_have_text("Yes")
    link = card.get_by_test_id("moment-link")
    expect(link).to_have_text(f"Replay at {moment}")
    link.click()
    expect(cara).to_have_url(re.compile(rf"/rooms/{room_id}/replay\?t=\d+"))
    expect(cara.get_by_test_id("replay-clock")).to_be_visible()


def test_an_interviewer_types_a_moment_as_mm_ss_in_the_room(new_page: NewPage) -> None:
    ann, _cara, _bob, room_id = _room_with_interviewer_and_candidate(new_page)
    ann.get_by_role("tab", name="Scorecard").click()
    form = ann.get_by_test_id("scorecard-form")
    form.get_by_label("Testing: rating").select_option(label="No")
    form.get_by_label("Testing: replay moment (mm:ss)").fill("1:5")
    form.get_by_role("button", name="Save draft").click()
    expect(form.get_by_role("alert")).to_contain_text("the moment must be mm:ss")
    form.get_by_label("Testing: replay moment (mm:ss)").fill("01:05")
    expect(form.get_by_test_id("moment-link")).to_have_attribute(
        "href", f"/rooms/{room_id}/replay?t=65000"
    )
    form.get_by_role("button", name="Save draft").click()
    expect(form.get_by_role("status")).to_have_text("Draft saved.")
    expect(form.get_by_test_id("scorecard-status")).to_have_text("Draft")


def test_the_candidate_sees_no_scorecard_panel_and_no_summary(new_page: NewPage) -> None:
    _ann, _cara, bob, room_id = _room_with_interviewer_and_candidate(new_page)
    expect(bob.get_by_role("tab", name="Chat")).to_be_visible()
    expect(bob.get_by_role("tab", name="Scorecard")).to_have_count(0)
    expect(bob.get_by_role("link", name="Summary", exact=True)).to_have_count(0)
    bob.goto(f"/rooms/{room_id}/summary")
    expect(bob.get_by_role("heading", name="Summary not available")).to_be_visible()
    expect(bob.get_by_role("alert")).to_have_text(
        "The interview summary is for the room's interviewers only."
    )
    expect(bob.get_by_test_id("summary-code")).to_have_count(0)


def test_the_summary_shows_the_interview_and_downloads_as_markdown(
    new_page: NewPage, tmp_path: Path
) -> None:
    ann, _cara, _bob, room_id = _room_with_interviewer_and_candidate(new_page)
    _fill_from_replay(ann, room_id)
    ann.get_by_role("link", name="Summary", exact=True).click()
    expect(ann.get_by_role("heading", name=re.compile("Interview summary"))).to_be_visible()
    expect(ann.get_by_test_id("summary-code")).to_contain_text("print(42)")
    expect(ann.get_by_test_id("summary-participants")).to_contain_text("Bob")
    expect(ann.get_by_test_id("summary-tests")).to_contain_text("No submission")
    expect(ann.get_by_test_id("scorecard")).to_contain_text("Problem solving: Strong yes")
    expect(ann.get_by_role("button", name="Print")).to_be_visible()
    with ann.expect_download() as download_info:
        ann.get_by_role("button", name="Download Markdown").click()
    download = download_info.value
    assert download.suggested_filename == "interview-summary-scored-interview.md"
    saved = tmp_path / "summary.md"
    download.save_as(saved)
    text = saved.read_text()
    assert text.startswith("# Interview summary: Scored interview")
    assert "print(42)" in text
    assert "- **Problem solving**: Strong yes (at " in text
