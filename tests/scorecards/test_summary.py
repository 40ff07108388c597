"""GET /rooms/{id}/summary: the interview in one read for the room's staff, as JSON or as a
Markdown file."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI

from codecollab.events import types as t
from tests.conftest import Api
from tests.scorecards.conftest import StaffedRoom, put_mine, scorecard
from tests.timeline.conftest import Typist, open_log


def _id(account: dict[str, Any]) -> uuid.UUID:
    return uuid.UUID(account["user"]["id"])


async def _session(app: FastAPI, room: StaffedRoom) -> None:
    """The candidate types, pastes, looks away, runs and submits twice."""
    log = await open_log(app, uuid.UUID(room.id))
    candidate = _id(room.candidate)
    typist = Typist(base=log.base)
    typist.text += "print(3)"
    log.add(100, t.DOC_UPDATE, actor=candidate, data=typist.take())
    for at_ms, size in ((400, 10), (500, 300)):
        log.add(at_ms, t.SIGNAL_PASTE, actor=candidate, payload={"size": size})
    log.add(1000, t.SIGNAL_FOCUS_LOST, actor=candidate, payload={})
    log.add(4000, t.SIGNAL_FOCUS_REGAINED, actor=candidate, payload={})
    log.add(2000, t.RUN_STARTED, actor=candidate, payload={"run_id": "r", "language": "python"})
    result = {"status": "ok", "exit_code": 0, "time_ms": 12, "stdout": "3\n", "stderr": ""}
    log.add(2100, t.RUN_FINISHED, actor=candidate, payload={"run_id": "r", "result": result})
    for at_ms, verdict, passed in ((3000, "wrong_answer", 1), (5000, "accepted", 3)):
        started = {"submission_id": "s", "problem_id": "p", "language": "python"}
        log.add(at_ms - 10, t.SUBMISSION_STARTED, actor=candidate, payload=started)
        payload = {"id": "s", "verdict": verdict, "passed": passed, "total": 3}
        log.add(at_ms, t.SUBMISSION_FINISHED, actor=candidate, payload=payload)
    log.add(20_000, t.SESSION_ENDED, actor=_id(room.owner))
    await log.commit()


async def _summary(api: Api, account: dict[str, Any], room_id: str, **params: str) -> Any:
    return await api.http.get(
        f"/api/rooms/{room_id}/summary", params=params, headers=api.auth(account)
    )


async def test_the_summary_has_the_final_code_tests_and_runs(
    api: Api, app: FastAPI, room: StaffedRoom
) -> None:
    await _session(app, room)
    response = await _summary(api, room.interviewer, room.id)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "print(3)" in body["code"]
    assert body["latest_submission"] == {"verdict": "accepted", "passed": 3, "total": 3}
    assert (body["submissions"], body["runs"]) == (2, 1)
    assert body["last_run"]["status"] == "ok"
    assert body["last_run"]["stdout"] == "3\n"
    assert body["duration_ms"] == 20_000


async def test_the_summary_has_each_participants_integrity_signals(
    api: Api, app: FastAPI, room: StaffedRoom
) -> None:
    await _session(app, room)
    body = (await _summary(api, room.owner, room.id)).json()
    [candidate] = [p for p in body["participants"] if p["user_id"] == room.candidate["user"]["id"]]
    assert (candidate["role"], candidate["pastes"], candidate["largest_paste"]) == (
        "candidate",
        2,
        300,
    )
    assert (candidate["focus_losses"], candidate["time_away_ms"]) == (1, 3000)


async def test_the_summary_has_every_scorecard(api: Api, room: StaffedRoom) -> None:
    await put_mine(api, room.owner, room.id, scorecard(overall_notes="by owner"))
    await put_mine(api, room.interviewer, room.id, scorecard(overall_notes="by interviewer"))
    body = (await _summary(api, room.owner, room.id)).json()
    assert {card["overall_notes"] for card in body["scorecards"]} == {"by owner", "by interviewer"}


async def test_a_room_without_runs_or_submissions_says_so(api: Api, room: StaffedRoom) -> None:
    body = (await _summary(api, room.owner, room.id)).json()
    assert (body["latest_submission"], body["last_run"], body["runs"]) == (None, None, 0)


async def test_the_markdown_export_is_a_download(api: Api, app: FastAPI, room: StaffedRoom) -> None:
    await _session(app, room)
    await put_mine(api, room.interviewer, room.id, scorecard(status="submitted"))
    response = await _summary(api, room.owner, room.id, format="markdown")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.headers["content-disposition"].startswith("attachment;")
    text = response.text
    assert text.startswith("# Interview summary: Interview")
    assert "accepted, 3/3 tests passed" in text
    assert "print(3)" in text
    assert "Recommendation: **Yes**" in text
    assert "- **Problem solving**: Yes (at 01:05)" in text
    assert "- **Testing**: Strong no" in text


@pytest.mark.parametrize("who", ["candidate", "observer", "outsider"])
async def test_anyone_but_the_rooms_staff_gets_404(api: Api, room: StaffedRoom, who: str) -> None:
    account = await api.signup() if who == "outsider" else getattr(room, who)
    assert (await _summary(api, account, room.id)).status_code == 404
    assert (await _summary(api, account, room.id, format="markdown")).status_code == 404


async def test_an_unknown_format_is_422(api: Api, room: StaffedRoom) -> None:
    assert (await _summary(api, room.owner, room.id, format="pdf")).status_code == 422
