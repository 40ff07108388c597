"""Runs, submissions and chat are shown from the room's state document, which only the server
writes: every member reads it, no client update to it is applied, stored or relayed."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI
from pycrdt import Array, Doc, Map, Text, create_update_message

from codecollab.collab.closecodes import CloseCode
from codecollab.collab.documents import CHAT_ARRAY, RUN_MAP, SUBMISSION_MAP
from codecollab.flows.room_documents import RoomDocuments
from tests.collab.conftest import ClientFactory, Room, state_reader, stored_events
from tests.collab.yclient import forge
from tests.conftest import Api


def _set_run(doc: Doc[Any]) -> None:
    doc.get(RUN_MAP, type=Map)["status"] = "accepted"


def _post_chat(doc: Doc[Any]) -> None:
    doc.get(CHAT_ARRAY, type=Array).append({"author": "the interviewer", "text": "you pass"})


def shown(doc: Doc[Any]) -> dict[str, Any]:
    """Everything the state document shows, as plain data."""
    return {
        RUN_MAP: doc.get(RUN_MAP, type=Map).to_py(),
        SUBMISSION_MAP: doc.get(SUBMISSION_MAP, type=Map).to_py(),
        CHAT_ARRAY: doc.get(CHAT_ARRAY, type=Array).to_py(),
    }


async def stored_state(app: FastAPI, room: Room) -> Doc[Any]:
    doc: Doc[Any] = Doc()
    for event in await stored_events(app, room.id):
        if event.type == "state.update" and event.data:
            doc.apply_update(event.data)
    return doc


async def publish_run(app: FastAPI, room: Room, values: dict[str, Any]) -> None:
    await RoomDocuments(app.state.services.live.collaboration).publish(
        uuid.UUID(room.id), RUN_MAP, values
    )


async def test_a_client_update_to_the_state_document_does_not_close_the_connection(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    reader = await state_reader(connect, room.id, room.owner)
    await reader.send(create_update_message(forge(reader, _set_run)))
    await publish_run(collab_app, room, {"status": "ok"})
    await reader.wait_until(lambda: reader.doc.get(RUN_MAP, type=Map).get("status") == "ok")
    assert reader.close_code is None


async def test_run_and_chat_written_into_the_code_document_never_reach_the_state_document(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    editor = await connect(room.id, room.owner)
    await editor.wait_synced()
    with editor.doc.transaction():
        editor.insert(0, "print(1)")
        _set_run(editor.doc)
        _post_chat(editor.doc)
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(lambda: str(watcher) == "print(1)")

    reader = await state_reader(connect, room.id, room.owner)
    assert shown(reader.doc) == {RUN_MAP: {}, SUBMISSION_MAP: {}, CHAT_ARRAY: []}
    assert shown(await stored_state(collab_app, room)) == shown(reader.doc)


async def test_every_member_reads_the_state_document(
    api: Api, room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    await publish_run(collab_app, room, {"status": "ok"})
    for role in ("interviewer", "candidate", "observer"):
        member = await api.member_of(room.owner, room.id, role)
        reader = await state_reader(connect, room.id, member)
        assert reader.doc.get(RUN_MAP, type=Map).to_py() == {"status": "ok"}


async def test_a_non_member_cannot_open_the_state_document(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    stranger = await api.signup("stranger")
    client = await connect(room.id, stranger, state=True)
    assert await client.wait_closed() == CloseCode.NOT_FOUND
    assert not client.doc.get(RUN_MAP, type=Map).to_py()


async def test_code_edits_go_on_while_the_server_writes_the_state(
    room: Room, connect: ClientFactory, collab_app: FastAPI
) -> None:
    editor = await connect(room.id, room.owner)
    await editor.wait_synced()
    reader = await state_reader(connect, room.id, room.owner)
    editor.insert(0, "print(42)")
    await publish_run(collab_app, room, {"status": "ok"})
    await reader.wait_until(lambda: reader.doc.get(RUN_MAP, type=Map).to_py() == {"status": "ok"})
    editor.insert(9, "\n")
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(lambda: str(watcher) == "print(42)\n")
    assert str(watcher.doc.get("code", type=Text)) == "print(42)\n"
