"""Forged run results and chat messages: no client update changes what the room shows.

The attack: a member sends a Yjs update whose items depend on the server's *next* items in the
room's `Map "run"` or `Array "chat"`. A CRDT holds such an update back until what it depends on
arrives, then integrates it together with the server's own write: a forged result (or a message
in someone else's name) shown to everyone, and logged as the server's change. Runs, verdicts and
chat live in the room's state document, to which no client update is ever applied, so the
crafted update has nothing to wait in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pycrdt import Array, Decoder, Doc, Map, create_sync_message, create_update_message
from pycrdt._sync import create_sync_step2_message

from codecollab.collab.documents import CHAT_ARRAY, RUN_MAP, SUBMISSION_MAP
from codecollab.flows.room_documents import append_item, replace_map
from tests.collab.conftest import ClientFactory, LiveServer, state_reader, stored_events, typed
from tests.collab.servers import HttpApi, ServerProcess
from tests.collab.yclient import YClient, forge
from tests.conftest import Api

FORGED = "ALL 25 HIDDEN TESTS PASSED"
WRONG = 'print("wrong answer")\n'


@dataclass
class Interview:
    api: Api
    room_id: str
    interviewer: dict[str, Any]
    candidate: dict[str, Any]
    observer: dict[str, Any]


@pytest.fixture
async def interview(live: LiveServer) -> AsyncIterator[Interview]:
    """A room on the real server (over HTTP): its owner interviews a candidate, an observer
    watches."""
    base_url = live.base_url.replace("ws://", "http://", 1)
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        api = Api(http)
        owner = await api.signup("interviewer")
        room_id = (await api.create_room(owner))["id"]
        candidate = await api.member_of(owner, room_id, "candidate")
        observer = await api.member_of(owner, room_id, "observer")
        yield Interview(api, room_id, owner, candidate, observer)


# --- the attacker's tools ------------------------------------------------------------------


def writers(doc: Doc[Any]) -> list[int]:
    """The client ids that wrote what `doc` holds (its state vector's entries)."""
    decoder = Decoder(doc.get_state())
    ids = []
    for _ in range(decoder.read_var_uint()):
        ids.append(decoder.read_var_uint())
        decoder.read_var_uint()
    return ids


def held_back(
    seen: Doc[Any], next_write: Callable[[Doc[Any]], None], forgery: Callable[[Doc[Any]], None]
) -> bytes:
    """An update that depends on the server's next write and changes nothing before it.

    The attacker replays the server's next write on a copy carrying the server's client id (so
    its items get the ids the real ones will have), makes the forgery on top, and sends only
    the forged items: without a delete set, nothing shows until the server writes.
    """
    [server_id] = writers(seen)
    server: Doc[Any] = Doc(client_id=server_id)
    server.apply_update(seen.get_update())
    next_write(server)
    attacker: Doc[Any] = Doc()
    attacker.apply_update(server.get_update())
    forgery(attacker)
    update = attacker.get_update(server.get_state())
    delete_set = attacker.get_update(attacker.get_state())[1:]
    return update[: len(update) - len(delete_set)] + b"\x00"


def shown_after(seen: bytes, attack: bytes, server_write: bytes) -> Doc[Any]:
    """What a document that accepted the attack shows once the server's write arrives."""
    victim: Doc[Any] = Doc()
    victim.apply_update(seen)
    victim.apply_update(attack)
    victim.apply_update(server_write)
    return victim


async def deliver(client: YClient, update: bytes) -> None:
    """Send the update both ways a client can, then wait until the server has read them."""
    await client.send(create_update_message(update))
    await client.send(create_sync_step2_message(update))
    await round_trip(client)


async def round_trip(client: YClient) -> None:
    """Until the server has read what the client sent and the client has received what the
    server sent before its answer (the server answers a sync step 1 in order)."""
    client.synced.clear()
    await client.send(create_sync_message(client.doc))
    await client.wait_synced()


async def nudge(client: YClient) -> None:
    """A later client update (here an empty one, as a provider's handshake sends): a server
    holding a held-back item integrates it on the next update it applies."""
    await deliver(client, b"\x00\x00")


def run_of(client: YClient) -> dict[str, Any]:
    return dict(client.doc.get(RUN_MAP, type=Map).to_py() or {})


def chat_of(client: YClient) -> list[dict[str, Any]]:
    return list(client.doc.get(CHAT_ARRAY, type=Array).to_py() or [])


async def run(interview: Interview) -> dict[str, Any]:
    response = await interview.api.http.post(
        f"/api/rooms/{interview.room_id}/runs",
        json={"stdin": ""},
        headers=interview.api.auth(interview.candidate),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def post_chat(interview: Interview, account: dict[str, Any], text: str) -> None:
    response = await interview.api.http.post(
        f"/api/rooms/{interview.room_id}/chat", json={"text": text}, headers=Api.auth(account)
    )
    assert response.status_code == 201, response.text


def next_run(doc: Doc[Any]) -> None:
    """The two writes of the server's next run ("running", then the result), item for item."""
    shown = {"state": "running", "by": "", "started_at": 0, "stdin": ""}
    replace_map(doc, RUN_MAP, shown)
    replace_map(doc, RUN_MAP, {**shown, "state": "finished", "finished_at": 0, "result": {}})


def forged_result(doc: Doc[Any]) -> None:
    doc.get(RUN_MAP, type=Map)["result"] = {"status": "ok", "stdout": FORGED}


def next_chat(doc: Doc[Any]) -> None:
    append_item(doc, CHAT_ARRAY, {})


# --- the held-back attack ------------------------------------------------------------------


async def attack_next_write(
    interview: Interview,
    connect: ClientFactory,
    next_write: Callable[[Doc[Any]], None],
    forgery: Callable[[Doc[Any]], None],
) -> tuple[YClient, bytes]:
    """The candidate, having seen one server write in the state document, sends an update held
    back for the server's next write, to the state document and to the code document."""
    attacker = await state_reader(connect, interview.room_id, interview.candidate)
    await attacker.wait_until(lambda: bool(writers(attacker.doc)))
    attack = held_back(attacker.doc, next_write, forgery)
    assert FORGED.encode() in attack
    await deliver(attacker, attack)
    await deliver(await connect(interview.room_id, interview.candidate), attack)
    return attacker, attack


async def nothing_forged_is_stored(app: FastAPI, room_id: str) -> None:
    events = await stored_events(app, room_id)
    assert not [e.type for e in events if e.data and FORGED.encode() in e.data]
    assert {e.actor_id for e in events if e.type == "state.update"} == {None}


async def test_a_held_back_run_result_never_replaces_the_real_one(
    interview: Interview, connect: ClientFactory, collab_app: FastAPI
) -> None:
    room_id = interview.room_id
    await typed(connect, room_id, interview.candidate, WRONG)
    # Connected first, the observer keeps the state document loaded: one server client id.
    observer = await state_reader(connect, room_id, interview.observer)
    await post_chat(interview, interview.interviewer, "Run it, please")
    await observer.wait_until(lambda: len(chat_of(observer)) == 1)
    seen, seen_state = observer.doc.get_update(), observer.doc.get_state()
    attacker, attack = await attack_next_write(interview, connect, next_run, forged_result)

    real = await run(interview)

    await observer.wait_until(lambda: run_of(observer).get("state") == "finished")
    # The attack is real: a replica that took it shows the forgery once the server's write
    # arrives (the server itself once it applies any later update: `nudge`).
    server_write = observer.doc.get_update(seen_state)
    forged = shown_after(seen, attack, server_write).get(RUN_MAP, type=Map).to_py()
    assert forged is not None
    assert forged["result"]["stdout"] == FORGED
    events = await stored_events(collab_app, room_id)
    [finished] = [e.payload for e in events if e.type == "run.finished" and e.payload]
    assert real["stdout"] == "wrong answer\n"
    latecomer = await state_reader(connect, room_id, interview.interviewer)
    await nudge(latecomer)
    for reader in (observer, attacker, latecomer):
        await round_trip(reader)
        assert run_of(reader)["result"] == finished["result"]
    await nothing_forged_is_stored(collab_app, room_id)


async def test_a_held_back_chat_message_never_appears_in_someone_elses_name(
    interview: Interview, connect: ClientFactory, collab_app: FastAPI
) -> None:
    room_id = interview.room_id
    observer = await state_reader(connect, room_id, interview.observer)
    await post_chat(interview, interview.interviewer, "Hello")
    await observer.wait_until(lambda: len(chat_of(observer)) == 1)
    seen, seen_state = observer.doc.get_update(), observer.doc.get_state()
    interviewer = interview.interviewer["user"]

    def forged_message(doc: Doc[Any]) -> None:
        message = {"userId": interviewer["id"], "name": interviewer["display_name"]}
        append_item(doc, CHAT_ARRAY, {**message, "text": FORGED})

    attacker, attack = await attack_next_write(interview, connect, next_chat, forged_message)

    await post_chat(interview, interview.interviewer, "Let's begin")

    await observer.wait_until(lambda: len(chat_of(observer)) == 2)
    server_write = observer.doc.get_update(seen_state)
    forged = shown_after(seen, attack, server_write).get(CHAT_ARRAY, type=Array).to_py()
    assert forged is not None
    assert forged[-1]["text"] == FORGED
    latecomer = await state_reader(connect, room_id, interview.interviewer)
    await nudge(latecomer)
    for reader in (observer, attacker, latecomer):
        await round_trip(reader)
        chat = chat_of(reader)
        assert [(m["text"], m["userId"]) for m in chat] == [
            ("Hello", interviewer["id"]),
            ("Let's begin", interviewer["id"]),
        ]
    events = await stored_events(collab_app, room_id)
    logged = [(e.payload, str(e.actor_id)) for e in events if e.type == "chat.message"]
    assert logged == [
        ({"text": "Hello"}, interviewer["id"]),
        ({"text": "Let's begin"}, interviewer["id"]),
    ]
    await nothing_forged_is_stored(collab_app, room_id)


# --- plain writes to the state document ----------------------------------------------------


def _set_run(doc: Doc[Any]) -> None:
    doc.get(RUN_MAP, type=Map)["result"] = {"status": "ok", "stdout": FORGED}


def _set_submission(doc: Doc[Any]) -> None:
    doc.get(SUBMISSION_MAP, type=Map)["result"] = {"verdict": "accepted", "note": FORGED}


def _post_chat(doc: Doc[Any]) -> None:
    doc.get(CHAT_ARRAY, type=Array).append({"name": "Interviewer", "text": FORGED})


def _clear_chat(doc: Doc[Any]) -> None:
    doc.get(CHAT_ARRAY, type=Array).clear()


FORGERIES = {
    "run result": _set_run,
    "submission verdict": _set_submission,
    "chat message": _post_chat,
    "deleting the chat the server wrote": _clear_chat,
}


@pytest.mark.parametrize("forgery", FORGERIES.values(), ids=FORGERIES.keys())
@pytest.mark.parametrize("role", ["interviewer", "candidate"])
async def test_an_update_to_the_state_document_is_never_applied_stored_or_relayed(
    forgery: Callable[[Doc[Any]], None],
    role: str,
    interview: Interview,
    connect: ClientFactory,
    collab_app: FastAPI,
) -> None:
    room_id = interview.room_id
    await post_chat(interview, interview.interviewer, "Hello")
    bystander = await state_reader(connect, room_id, interview.observer)
    offender = await state_reader(connect, room_id, getattr(interview, role))
    await offender.wait_until(lambda: len(chat_of(offender)) == 1)
    update = forge(offender, forgery)
    assert FORGED.encode() in update or forgery is _clear_chat
    await deliver(offender, update)

    await post_chat(interview, interview.interviewer, "Still here")
    await bystander.wait_until(lambda: len(chat_of(bystander)) == 2)
    newcomer = await state_reader(connect, room_id, interview.observer)
    expected = ["Hello", "Still here"]
    for reader in (bystander, offender, newcomer):
        assert [m["text"] for m in chat_of(reader)] == expected
        assert run_of(reader) == {}
    assert offender.close_code is None
    await nothing_forged_is_stored(collab_app, room_id)


# --- durability -----------------------------------------------------------------------------


async def test_the_state_document_survives_a_server_restart(
    database_url: str, tmp_path: Path
) -> None:
    server = ServerProcess(database_url=database_url, data_dir=tmp_path)
    await server.start()
    try:
        api = HttpApi(server.http_url)
        owner = await api.signup()
        room_id = await api.create_room(owner)
        await api.post_chat(owner, room_id, "before")
        url = f"{server.ws_url}/ws/rooms/{room_id}/state?token={owner['access_token']}"
        reader = await YClient.connect(url)
        await reader.wait_until(lambda: len(chat_of(reader)) == 1)
        await reader.close()
        server.terminate()
        await server.start()
        reader = await YClient.connect(url)
        await reader.wait_until(lambda: len(chat_of(reader)) == 1)
        assert [m["text"] for m in chat_of(reader)] == ["before"]
        await reader.close()
    finally:
        server.kill()
