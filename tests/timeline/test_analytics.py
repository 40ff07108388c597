"""GET /analytics: facts per participant, from the log (staff only)."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api
from tests.timeline.conftest import Log, Room, Typist, user_id

from codecollab.events import types as t


async def _analytics(api: Api, room: Room) -> dict[str, Any]:
    response = await api.http.get(f"/api/rooms/{room.id}/analytics", headers=api.auth(room.owner))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _of(body: dict[str, Any], account: dict[str, Any]) -> dict[str, Any]:
    [figures] = [p for p in body["participants"] if p["user_id"] == account["user"]["id"]]
    return figures


async def session_of_two(room: Room, log: Log) -> None:
    owner, candidate = user_id(room.owner), user_id(room.candidate)
    alice = Typist(base=log.base)
    bob = Typist(base=log.base)
    alice.text += "hello"
    log.add(100, t.DOC_UPDATE, actor=owner, data=alice.take())
    bob.doc.apply_update(alice.take())
    bob.text.insert(5, "abc")
    log.add(200, t.DOC_UPDATE, actor=candidate, data=bob.take())
    alice.doc.apply_update(bob.take())
    del alice.text[0:2]
    log.add(300, t.DOC_UPDATE, actor=owner, data=alice.take())
    bob.doc.apply_update(alice.take())
    bob.text.insert(0, "x")
    log.add(10_000, t.DOC_UPDATE, actor=candidate, data=bob.take())
    for at_ms, size in ((400, 10), (500, 300), (600, 50)):
        log.add(at_ms, t.SIGNAL_PASTE, actor=candidate, payload={"size": size})
    log.add(1000, t.SIGNAL_FOCUS_LOST, actor=candidate, payload={})
    log.add(4000, t.SIGNAL_FOCUS_REGAINED, actor=candidate, payload={})
    log.add(2000, t.RUN_STARTED, actor=candidate, payload={"run_id": "r", "language": "python"})
    verdicts = ((3000, "wrong_answer", 1), (5000, "accepted", 3))
    for at_ms, verdict, passed in verdicts:
        started = {"submission_id": "s", "problem_id": "p", "language": "python"}
        log.add(at_ms - 10, t.SUBMISSION_STARTED, actor=candidate, payload=started)
        payload = {"id": "s", "verdict": verdict, "passed": passed, "total": 3}
        log.add(at_ms, t.SUBMISSION_FINISHED, actor=candidate, payload=payload)
    log.add(20_000, t.SESSION_ENDED, actor=owner)
    await log.commit()


async def test_characters_are_counted_per_author_from_the_updates(
    api: Api, room: Room, log: Log
) -> None:
    await session_of_two(room, log)
    body = await _analytics(api, room)
    assert body["duration_ms"] == 20_000
    owner, candidate = _of(body, room.owner), _of(body, room.candidate)
    assert (owner["chars_inserted"], owner["chars_deleted"]) == (5, 2)
    assert (candidate["chars_inserted"], candidate["chars_deleted"]) == (4, 0)
    assert candidate["display_name"] == room.candidate["user"]["display_name"]
    assert candidate["role"] == "candidate"


async def test_typing_time_leaves_out_pauses(api: Api, room: Room, log: Log) -> None:
    await session_of_two(room, log)
    owner = _of(await _analytics(api, room), room.owner)
    assert owner["active_typing_ms"] == 200
    assert owner["idle_ms"] == 20_000 - 200


async def test_pastes_are_listed_largest_first(api: Api, room: Room, log: Log) -> None:
    await session_of_two(room, log)
    candidate = _of(await _analytics(api, room), room.candidate)
    assert [paste["size"] for paste in candidate["pastes"]] == [300, 50, 10]
    assert candidate["pastes"][0]["at_ms"] == 500


async def test_focus_losses_and_time_away(api: Api, room: Room, log: Log) -> None:
    await session_of_two(room, log)
    candidate = _of(await _analytics(api, room), room.candidate)
    assert candidate["focus_losses"] == [{"at_ms": 1000, "away_ms": 3000}]
    assert candidate["time_away_ms"] == 3000


async def test_runs_submissions_and_first_successes(api: Api, room: Room, log: Log) -> None:
    await session_of_two(room, log)
    body = await _analytics(api, room)
    candidate = _of(body, room.candidate)
    assert candidate["runs"] == 1
    assert candidate["first_run_at_ms"] == 2000
    assert candidate["submissions"] == 2
    assert candidate["first_accepted_at_ms"] == 5000
    progression = [(p["at_ms"], p["passed"], p["verdict"]) for p in body["test_progression"]]
    assert progression == [(3000, 1, "wrong_answer"), (5000, 3, "accepted")]


async def test_only_staff_read_the_analytics(api: Api, room: Room) -> None:
    for account in (room.candidate, room.observer):
        response = await api.http.get(f"/api/rooms/{room.id}/analytics", headers=api.auth(account))
        assert response.status_code == 403
    stranger = await api.signup("stranger")
    response = await api.http.get(f"/api/rooms/{room.id}/analytics", headers=api.auth(stranger))
    assert response.status_code == 404
