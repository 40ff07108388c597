"""Replay: the state at any moment is exactly what the log says, from a checkpoint or not."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from pycrdt import Array, Assoc, Map, StickyIndex
from sqlalchemy import func, select
from tests.collab.conftest import ClientFactory, state_reader
from tests.conftest import Api, checkpoint_every
from tests.timeline.conftest import Log, Room, Typist, open_log, user_id

from codecollab.events import types as t
from codecollab.runtime import Runtime
from codecollab.timeline.checkpoints import latest_checkpoint, state_at
from codecollab.timeline.models import TimelineCheckpoint

TRACE = Path(__file__).parents[1] / "data" / "editing-traces" / "sveltecomponent.json.gz"
TRACE_TXNS = 1500
STEP_MS = 50
EVERY = 100


def trace_edits() -> tuple[str, list[list[list[Any]]]]:
    with gzip.open(TRACE) as file:
        trace = json.load(file)
    return trace["startContent"], [txn["patches"] for txn in trace["txns"][:TRACE_TXNS]]


def small_checkpoints(app: FastAPI) -> None:
    checkpoint_every(app, EVERY)


async def _replay(api: Api, room: Room, at_ms: int, account: dict[str, Any] | None = None) -> Any:
    response = await api.http.get(
        f"/api/rooms/{room.id}/replay",
        params={"at_ms": at_ms},
        headers=api.auth(account or room.owner),
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_replay_of_a_real_editing_trace_is_exact_at_every_moment(
    app: FastAPI, api: Api, room: Room, log: Log
) -> None:
    small_checkpoints(app)
    start, edits = trace_edits()
    typist = Typist(base=log.base)
    typist.text += start
    typist.meta["language"] = "javascript"
    author = user_id(room.owner)
    for update in typist.updates:
        log.add(500, t.DOC_UPDATE, actor=author, data=update)
    texts: list[tuple[int, str]] = []
    for index, patches in enumerate(edits):
        with typist.doc.transaction():
            for position, deleted, inserted in patches:
                if deleted:
                    del typist.text[position : position + deleted]
                if inserted:
                    typist.text.insert(position, inserted)
        at_ms = 1000 + index * STEP_MS
        log.add(at_ms, t.DOC_UPDATE, actor=author, data=typist.take())
        texts.append((at_ms, str(typist.text)))
    await log.commit()

    rng = random.Random(6)
    moments = [at for at, _ in texts[:: len(texts) // 20]] + [
        rng.randrange(1000, 1000 + TRACE_TXNS * STEP_MS) for _ in range(40)
    ]
    for at_ms in moments:
        expected = [text for at, text in texts if at <= at_ms][-1]
        state = await _replay(api, room, at_ms)
        assert state["code"] == expected, at_ms
        assert state["language"] == "javascript"
    assert (await _replay(api, room, 10**9))["code"] == texts[-1][1]


async def test_checkpoints_are_written_every_n_events(
    app: FastAPI, api: Api, room: Room, log: Log
) -> None:
    small_checkpoints(app)
    typist = Typist(base=log.base)
    for index in range(EVERY * 3 + 10):
        typist.text += "a"
        log.add(index, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    await log.commit()
    await _replay(api, room, 5)
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(TimelineCheckpoint)
            .where(TimelineCheckpoint.room_id == room.uuid)
        )
    # Events: room creation (3), two member.joined (candidate, observer), the edits.
    assert count == (5 + EVERY * 3 + 10) // EVERY


async def test_a_seek_folds_one_checkpoint_and_at_most_n_events(
    app: FastAPI, api: Api, room: Room, log: Log
) -> None:
    small_checkpoints(app)
    typist = Typist(base=log.base)
    for index in range(EVERY * 4):
        typist.text += "b"
        log.add(10 + index, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    await log.commit()
    await _replay(api, room, 0)  # builds the checkpoints
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        for at_ms in range(0, EVERY * 4 + 20, 37):
            ts_ms = log.start_ms + at_ms
            checkpoint = await latest_checkpoint(session, room.uuid, until_ts=ts_ms)
            state = await state_at(session, room.uuid, ts_ms=ts_ms)
            assert state.seq - (checkpoint.seq if checkpoint else 0) <= EVERY
            assert len(state.code) == max(0, min(at_ms - 9, EVERY * 4))


async def test_replay_shows_who_was_present_and_where_their_cursor_was(
    api: Api, room: Room, log: Log
) -> None:
    typist = Typist(base=log.base)
    typist.text += "first line\nsecond line"
    owner = room.owner["user"]["id"]
    log.add(10, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    log.add(
        20, t.PRESENCE_JOINED, payload={"connection_id": "c1", "user_id": owner, "role": "owner"}
    )
    anchor = StickyIndex.new(typist.text, 14, Assoc.AFTER).to_json()
    selection = {"anchor": {"type": None, "tname": None, **anchor}, "head": anchor}
    state = {"user": {"id": owner, "name": "Owner", "color": "#E69F00"}, "selection": selection}
    log.add(
        30,
        t.AWARENESS,
        payload={"client_id": 7, "clock": 1, "user_id": owner, "state": state},
    )
    typist.text.insert(0, ">>")  # the cursor sticks to its character
    log.add(40, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    log.add(50, t.PRESENCE_LEFT, payload={"connection_id": "c1", "user_id": owner})
    await log.commit()

    at_30 = await _replay(api, room, 30)
    [present] = at_30["present"]
    assert present["user_id"] == owner
    assert present["name"] == "Owner"
    [cursor] = present["cursors"]
    assert cursor["head"] == {"index": 14, "line": 2, "column": 4}
    at_40 = await _replay(api, room, 40)
    assert at_40["present"][0]["cursors"][0]["head"] == {"index": 16, "line": 2, "column": 4}
    assert (await _replay(api, room, 50))["present"] == []
    assert (await _replay(api, room, 15))["present"] == []


async def test_replay_shows_the_last_run_and_verdict(api: Api, room: Room, log: Log) -> None:
    owner = user_id(room.owner)
    run = {"run_id": "r1", "result": {"status": "ok", "stdout": "4\n", "stderr": ""}}
    log.add(10, t.RUN_FINISHED, actor=owner, payload=run)
    verdict = {"id": "s1", "verdict": "wrong_answer", "passed": 2, "total": 5}
    log.add(20, t.SUBMISSION_FINISHED, actor=owner, payload=verdict)
    await log.commit()
    assert (await _replay(api, room, 5))["last_run"] is None
    state = await _replay(api, room, 25)
    assert state["last_run"]["stdout"] == "4\n"
    assert state["last_run"]["run_id"] == "r1"
    assert state["last_verdict"]["verdict"] == "wrong_answer"
    assert state["last_verdict"]["passed"] == 2


@pytest.mark.parametrize("at_ms", ["-1", "soon", str(2**60)])
async def test_bad_moments_are_422(api: Api, room: Room, at_ms: str) -> None:
    response = await api.http.get(
        f"/api/rooms/{room.id}/replay", params={"at_ms": at_ms}, headers=api.auth(room.owner)
    )
    assert response.status_code == 422


async def test_replay_run_runs_the_code_of_that_moment(api: Api, room: Room, log: Log) -> None:
    typist = Typist(base=log.base)
    typist.meta["language"] = "python"
    log.add(1, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    typist.text += "print(input() * 2)"
    log.add(10, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    del typist.text[0 : len(typist.text)]
    typist.text += "print('later')"
    log.add(20, t.DOC_UPDATE, actor=user_id(room.owner), data=typist.take())
    await log.commit()
    response = await api.http.post(
        f"/api/rooms/{room.id}/replay/run",
        json={"at_ms": 15, "stdin": "ab\n"},
        headers=api.auth(room.owner),
    )
    assert response.status_code == 200, response.text
    assert response.json()["stdout"] == "abab\n"


async def test_a_room_from_before_the_state_document_replays_and_stays_editable(
    live_api: Api, live_room: Room, collab_app: FastAPI, connect: ClientFactory
) -> None:
    """Rooms created before runs and chat moved to the state document hold them in the code
    document, written there by the server: replay reads the run events as ever, editing goes
    on, and nothing of the old maps appears in the state document."""
    room, owner = live_room, user_id(live_room.owner)
    log = await open_log(collab_app, room.uuid)
    typist = Typist(base=log.base)
    typist.text.insert(0, "print(4)\n")
    log.add(10, t.DOC_UPDATE, actor=owner, data=typist.take())
    with typist.doc.transaction():
        typist.doc.get("run", type=Map)["result"] = {"status": "ok", "stdout": "4\n"}
        typist.doc.get("chat", type=Array).append({"name": "Owner", "text": "hi", "at": 1})
    log.add(20, t.DOC_UPDATE, data=typist.take())
    run = {"run_id": "r1", "result": {"status": "ok", "stdout": "4\n", "stderr": ""}}
    log.add(20, t.RUN_FINISHED, actor=owner, payload=run)
    await log.commit()

    state = await _replay(live_api, room, 25)
    assert (state["code"], state["last_run"]["stdout"]) == ("print(4)\n", "4\n")
    editor = await connect(room.id, room.owner)
    await editor.wait_until(lambda: str(editor) == "print(4)\n")
    editor.insert(0, "# four\n")
    watcher = await connect(room.id, room.candidate)
    await watcher.wait_until(lambda: str(watcher) == "# four\nprint(4)\n")
    reader = await state_reader(connect, room.id, room.observer)
    assert reader.doc.get("run", type=Map).to_py() == {}
    assert reader.doc.get("chat", type=Array).to_py() == []
