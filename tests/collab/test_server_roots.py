"""Runs, submissions and chat are shown from the document, but only the server writes them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from pycrdt import Array, Doc, Map, Text, create_update_message

from codecollab.collab.closecodes import CloseCode
from codecollab.collab.room_io import RoomDocuments
from codecollab.collab.server_roots import CHAT_ARRAY, RUN_MAP, SUBMISSION_MAP
from tests.collab.conftest import ClientFactory, Room, stored_events
from tests.collab.yclient import YClient


def _forge(client: YClient, change: Callable[[Doc[Any]], None]) -> bytes:
    """An update made on a copy of what the client holds, as a crafted client could send it."""
    forger: Doc[Any] = Doc()
    forger.apply_update(client.doc.get_update())
    before = forger.get_state()
    change(forger)
    return forger.get_update(before)


def _set_run(doc: Doc[Any]) -> None:
    doc.get(RUN_MAP, type=Map)["status"] = "accepted"


def _set_submission(doc: Doc[Any]) -> None:
    doc.get(SUBMISSION_MAP, type=Map)["verdict"] = "accepted"


def _post_chat(doc: Doc[Any]) -> None:
    doc.get(CHAT_ARRAY, type=Array).append({"author": "the interviewer", "text": "you pass"})


def _edit_code_and_set_run(doc: Doc[Any]) -> None:
    with doc.transaction():
        doc.get("code", type=Text).insert(0, "smuggled ")
        _set_run(doc)


async def _stored_document(app: FastAPI, room: Room) -> Doc[Any]:
    doc: Doc[Any] = Doc()
    for event in await stored_events(app, room.id):
        if event.type == "doc.update" and event.data:
            doc.apply_update(event.data)
    return doc


FORGERIES = {
    "run result": _set_run,
    "submission verdict": _set_submission,
    "chat message": _post_chat,
    "code edit bundled with a run result": _edit_code_and_set_run,
}


@pytest.mark.parametrize("forgery", FORGERIES.values(), ids=FORGERIES.keys())
async def test_client_update_to_a_server_root_is_refused_with_4403(
    forgery: Callable[[Doc[Any]], None], room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    bystander = await connect(room.id, room.owner)
    offender = await connect(room.id, room.owner)
    await bystander.wait_synced()
    await offender.wait_synced()
    await offender.send(create_update_message(_forge(offender, forgery)))
    assert await offender.wait_closed() == CloseCode.FORBIDDEN

    bystander.insert(0, "still fine")
    newcomer = await connect(room.id, room.owner)
    await newcomer.wait_until(lambda: str(newcomer) == "still fine")
    for doc in (newcomer.doc, await _stored_document(collab_app, room)):
        assert str(doc.get("code", type=Text)) == "still fine"
        assert dict(doc.get(RUN_MAP, type=Map)) == {}
        assert dict(doc.get(SUBMISSION_MAP, type=Map)) == {}
        assert list(doc.get(CHAT_ARRAY, type=Array)) == []


async def test_client_cannot_delete_what_the_server_wrote(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    documents = RoomDocuments(collab_app.state.collaboration)
    await documents.publish(uuid.UUID(room.id), RUN_MAP, {"status": "ok", "stdout": "42\n"})
    offender = await connect(room.id, room.owner)
    await offender.wait_until(lambda: "status" in offender.doc.get(RUN_MAP, type=Map))

    def clear_run(doc: Doc[Any]) -> None:
        del doc.get(RUN_MAP, type=Map)["stdout"]

    await offender.send(create_update_message(_forge(offender, clear_run)))
    assert await offender.wait_closed() == CloseCode.FORBIDDEN
    newcomer = await connect(room.id, room.owner)
    await newcomer.wait_until(lambda: "stdout" in newcomer.doc.get(RUN_MAP, type=Map))
    assert dict(newcomer.doc.get(RUN_MAP, type=Map)) == {"status": "ok", "stdout": "42\n"}


async def test_server_writes_and_client_edits_both_go_through_after_a_refusal(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    offender = await connect(room.id, room.owner)
    await offender.wait_synced()
    await offender.send(create_update_message(_forge(offender, _set_run)))
    assert await offender.wait_closed() == CloseCode.FORBIDDEN

    editor = await connect(room.id, room.owner)
    await editor.wait_synced()
    editor.insert(0, "print(42)")
    documents = RoomDocuments(collab_app.state.collaboration)
    await documents.publish(uuid.UUID(room.id), RUN_MAP, {"status": "ok"})
    await editor.wait_until(lambda: dict(editor.doc.get(RUN_MAP, type=Map)) == {"status": "ok"})
    editor.insert(9, "\n")
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(lambda: str(watcher) == "print(42)\n")
