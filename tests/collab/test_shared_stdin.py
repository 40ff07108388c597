"""The room's stdin lives in the code document (`Text "stdin"`): runs use it, everyone sees it."""

from __future__ import annotations

from typing import Any

from pycrdt import Map, Text

from tests.collab.conftest import ClientFactory, Room, typed
from tests.conftest import Api

ECHO = "import sys\nsys.stdout.write(sys.stdin.read())\n"


def run_shown(client: Any) -> dict[str, Any]:
    return dict(client.doc.get("run", type=Map).to_py() or {})


async def _shared_stdin(connect: ClientFactory, room: Room, account: Any, stdin: str) -> None:
    writer = await connect(room.id, account)
    await writer.wait_synced()
    writer.doc.get("stdin", type=Text).insert(0, stdin)
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(lambda: str(watcher.doc.get("stdin", type=Text)) == stdin)


async def test_stdin_typed_by_one_member_reaches_the_others(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await _shared_stdin(connect, room, candidate, "from the candidate\n")


async def test_a_run_without_stdin_uses_the_shared_stdin(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    await typed(connect, room.id, room.owner, ECHO)
    await _shared_stdin(connect, room, room.owner, "shared input\n")
    response = await api.http.post(
        f"/api/rooms/{room.id}/runs", json={}, headers=api.auth(room.owner)
    )
    assert response.status_code == 200, response.text
    assert response.json()["stdout"] == "shared input\n"


async def test_an_explicit_stdin_wins_over_the_shared_one(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    await typed(connect, room.id, room.owner, ECHO)
    await _shared_stdin(connect, room, room.owner, "shared input\n")
    response = await api.http.post(
        f"/api/rooms/{room.id}/runs", json={"stdin": "explicit\n"}, headers=api.auth(room.owner)
    )
    assert response.json()["stdout"] == "explicit\n"


async def test_everyone_sees_the_stdin_a_run_used(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    observer = await api.member_of(room.owner, room.id, "observer")
    await typed(connect, room.id, room.owner, ECHO)
    await _shared_stdin(connect, room, room.owner, "seen by all\n")
    watching = await connect(room.id, observer, state=True)
    await watching.wait_synced()
    await api.http.post(f"/api/rooms/{room.id}/runs", json={}, headers=api.auth(room.owner))
    await watching.wait_until(lambda: run_shown(watching).get("state") == "finished")
    assert run_shown(watching)["stdin"] == "seen by all\n"
    assert run_shown(watching)["result"]["stdout"] == "seen by all\n"


async def test_an_observer_cannot_change_the_shared_stdin(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    observer = await api.member_of(room.owner, room.id, "observer")
    sneaky = await connect(room.id, observer)
    await sneaky.wait_synced()
    sneaky.doc.get("stdin", type=Text).insert(0, "sneaky")
    await _shared_stdin(connect, room, room.owner, "owner's\n")
    watcher = await connect(room.id, room.owner)
    await watcher.wait_synced()
    assert str(watcher.doc.get("stdin", type=Text)) == "owner's\n"


async def test_a_run_with_an_oversized_shared_stdin_is_422(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    await typed(connect, room.id, room.owner, ECHO)
    await _shared_stdin(connect, room, room.owner, "x" * 600_000)
    response = await api.http.post(
        f"/api/rooms/{room.id}/runs", json={}, headers=api.auth(room.owner)
    )
    assert response.status_code == 422
    assert "stdin" in response.json()["detail"]
