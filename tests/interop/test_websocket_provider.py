"""An unmodified npm y-websocket WebsocketProvider works against our server."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from codecollab.collab.closecodes import CloseCode
from tests.collab.conftest import ClientFactory, LiveServer, Room, replay, stored_events
from tests.conftest import Api
from tests.interop.conftest import run_driver


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


async def test_providers_converge_and_every_edit_is_stored(
    node_modules: Path, live: LiveServer, room: Room, api: Api, collab_app: FastAPI
) -> None:
    tokens = [room.owner["access_token"]] + [
        (await api.member_of(room.owner, room.id, "candidate"))["access_token"] for _ in range(2)
    ]
    done = await run_driver(
        node_modules,
        url=f"{live.base_url}/ws/rooms",
        room=room.id,
        clients=tokens,
        tokens=30,
        intervalMs=5,
    )
    lines = _lines(done["text"])
    assert sorted(lines) == sorted(f"c{c}-{k}" for c in range(3) for k in range(30))
    assert replay(await stored_events(collab_app, room.id)) == done["text"]


async def test_provider_sees_server_owned_identities(
    node_modules: Path, live: LiveServer, room: Room, api: Api
) -> None:
    other = await api.member_of(room.owner, room.id, "candidate")
    done = await run_driver(
        node_modules,
        url=f"{live.base_url}/ws/rooms",
        room=room.id,
        clients=[room.owner["access_token"], other["access_token"]],
        tokens=1,
        awareness=True,
    )
    seen_by_first = {user["name"] for user in done["awareness"][0] if user}
    assert other["user"]["display_name"] in seen_by_first
    assert "spoofed-1" not in seen_by_first


async def test_provider_with_a_bad_token_is_refused_with_4401(
    node_modules: Path, live: LiveServer, room: Room
) -> None:
    closed = await run_driver(
        node_modules,
        "closed",
        url=f"{live.base_url}/ws/rooms",
        room=room.id,
        clients=["bad"],
        expectClose=True,
    )
    assert closed["codes"] == [CloseCode.UNAUTHENTICATED]
    assert closed["texts"] == [""]


async def test_provider_and_python_client_converge(
    node_modules: Path, live: LiveServer, room: Room, connect: ClientFactory
) -> None:
    python_client = await connect(room.id, room.owner)
    await python_client.wait_synced()
    python_client.insert(0, "py\n")
    done = await run_driver(
        node_modules,
        url=f"{live.base_url}/ws/rooms",
        room=room.id,
        clients=[room.owner["access_token"]],
        tokens=5,
    )
    assert "py" in _lines(done["text"])
    await python_client.wait_until(lambda: all(f"c0-{k}" in str(python_client) for k in range(5)))


async def test_provider_opens_the_notes_document(
    node_modules: Path, live: LiveServer, room: Room, connect: ClientFactory
) -> None:
    done = await run_driver(
        node_modules,
        url=f"{live.base_url}/ws/rooms",
        room=f"{room.id}/notes",
        clients=[room.owner["access_token"]],
        tokens=3,
    )
    notes = await connect(room.id, room.owner, notes=True)
    await notes.wait_until(lambda: str(notes) == done["text"])
