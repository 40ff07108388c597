"""POST /api/rooms/{id}/language: each language keeps its own code, switched by the server."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI
from pycrdt import Doc, Map, Text, create_update_message

from tests.collab.conftest import ClientFactory, Room, stored_events, typed
from tests.conftest import Api
from tests.problems.conftest import seed

STARTER = {"python": "# python starter\n", "javascript": "// javascript starter\n"}


def meta_language(client: Any) -> Any:
    return client.doc.get("meta", type=Map).get("language")


async def _switch(api: Api, account: dict[str, Any], room_id: str, language: Any) -> Any:
    return await api.http.post(
        f"/api/rooms/{room_id}/language", json={"language": language}, headers=api.auth(account)
    )


async def _problem_room(api: Api, app: FastAPI) -> tuple[dict[str, Any], str]:
    problem_id = await seed(app, starter=STARTER)
    owner = await api.signup("interviewer")
    response = await api.http.post(
        "/api/rooms", json={"title": "t", "problem_id": problem_id}, headers=api.auth(owner)
    )
    assert response.status_code == 201, response.text
    return owner, response.json()["id"]


async def test_switching_shows_the_new_languages_starter(
    api: Api, collab_app: FastAPI, connect: ClientFactory
) -> None:
    owner, room_id = await _problem_room(api, collab_app)
    client = await typed(connect, room_id, owner, "print('mine')\n")
    response = await _switch(api, owner, room_id, "javascript")
    assert response.status_code == 200, response.text
    await client.wait_until(lambda: str(client.text) == STARTER["javascript"])
    assert meta_language(client) == "javascript"


async def test_switching_back_restores_the_code_of_that_language(
    api: Api, collab_app: FastAPI, connect: ClientFactory
) -> None:
    owner, room_id = await _problem_room(api, collab_app)
    client = await typed(connect, room_id, owner, "print('mine')\n")
    mine = str(client.text)
    await _switch(api, owner, room_id, "javascript")
    await client.wait_until(lambda: str(client.text) == STARTER["javascript"])
    client.text.insert(len(client.text), "console.log(1)\n")
    watcher = await connect(room_id, owner)  # the server has the line before the switch
    await watcher.wait_until(lambda: str(watcher.text).endswith("console.log(1)\n"))
    await _switch(api, owner, room_id, "python")
    await client.wait_until(lambda: str(client.text) == mine)
    await _switch(api, owner, room_id, "javascript")
    await client.wait_until(lambda: str(client.text).endswith("console.log(1)\n"))


async def test_the_saved_code_is_in_the_state_documents_buffers(
    api: Api, collab_app: FastAPI, connect: ClientFactory
) -> None:
    owner, room_id = await _problem_room(api, collab_app)
    client = await typed(connect, room_id, owner, "print('mine')\n")
    mine = str(client.text)
    state = await connect(room_id, owner, state=True)
    await _switch(api, owner, room_id, "javascript")
    buffers = state.doc.get("buffers", type=Map)
    await state.wait_until(lambda: buffers.get("python") == mine)


async def test_a_free_room_starts_with_its_languages_template(
    api: Api, connect: ClientFactory
) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner, starter="template")
    client = await connect(room["id"], owner)
    await client.wait_until(lambda: str(client.text) == 'print("Hello, World!")\n')


async def test_a_free_room_switch_shows_the_template_of_the_new_language(
    api: Api, connect: ClientFactory
) -> None:
    owner = await api.signup("owner")
    room = await api.create_room(owner, starter="template")
    client = await connect(room["id"], owner)
    await client.wait_until(lambda: "Hello" in str(client.text))
    await _switch(api, owner, room["id"], "javascript")
    await client.wait_until(lambda: "console.log" in str(client.text))


async def test_the_room_list_shows_the_current_language(api: Api, room: Room) -> None:
    await _switch(api, room.owner, room.id, "go")
    rooms = (await api.http.get("/api/rooms", headers=api.auth(room.owner))).json()
    assert [listed["language"] for listed in rooms] == ["go"]


async def test_an_edit_typed_against_the_old_code_during_a_switch_is_not_lost(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    client = await typed(connect, room.id, room.owner, "x = 1\n")
    # A keystroke made before the switch reached the typist, sent after the server switched.
    typist: Doc[Any] = Doc()
    typist.apply_update(client.doc.get_update())
    before = typist.get_state()
    typist.get("code", type=Text).insert(len("x = 1\n"), "y = 2\n")
    late = typist.get_update(before)
    await _switch(api, room.owner, room.id, "javascript")
    await client.wait_until(lambda: meta_language(client) == "javascript")
    await client.send(create_update_message(late))
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(lambda: "y = 2\n" in str(watcher.text))


async def test_a_client_setting_the_language_itself_gets_the_servers_switch(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    client = await typed(connect, room.id, room.owner, "x = 1\n")
    client.doc.get("meta", type=Map)["language"] = "javascript"
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(
        lambda: meta_language(watcher) == "javascript" and "x = 1" not in str(watcher.text)
    )
    assert "console.log" in str(watcher.text)  # the free room's JavaScript template
    back = await _switch(api, room.owner, room.id, "python")
    for _ in range(100):  # 409 while the server's switch is still finishing
        if back.status_code != 409:
            break
        await asyncio.sleep(0.05)
        back = await _switch(api, room.owner, room.id, "python")
    assert back.status_code == 200, back.text
    await watcher.wait_until(lambda: str(watcher.text) == "x = 1\n")


async def test_a_client_setting_an_unknown_language_is_set_back(
    room: Room, connect: ClientFactory
) -> None:
    client = await typed(connect, room.id, room.owner, "x = 1\n")
    client.doc.get("meta", type=Map)["language"] = "klingon"
    watcher = await connect(room.id, room.owner)
    await watcher.wait_synced()
    await watcher.wait_until(lambda: meta_language(watcher) == "python")
    await client.wait_until(lambda: meta_language(client) == "python")
    assert str(watcher.text) == "x = 1\n"


async def test_replay_shows_the_switch_a_client_asked_for_with_its_code(
    api: Api, collab_app: FastAPI, room: Room, connect: ClientFactory
) -> None:
    client = await typed(connect, room.id, room.owner, "x = 1\n")
    client.doc.get("meta", type=Map)["language"] = "javascript"
    watcher = await connect(room.id, room.owner)
    await watcher.wait_until(lambda: meta_language(watcher) == "javascript")
    await watcher.wait_until(lambda: "x = 1" not in str(watcher.text))
    await stored_events(collab_app, room.id)  # everything accepted so far is committed
    state = await _replay(api, room.owner, room.id, 10**12)
    assert state["language"] == "javascript"
    assert state["code"] == str(watcher.text)


async def test_replay_follows_the_switches(
    api: Api, collab_app: FastAPI, connect: ClientFactory
) -> None:
    owner, room_id = await _problem_room(api, collab_app)
    client = await typed(connect, room_id, owner, "print('mine')\n")
    mine = str(client.text)
    await _switch(api, owner, room_id, "javascript")
    await client.wait_until(lambda: str(client.text) == STARTER["javascript"])
    await _switch(api, owner, room_id, "python")
    await client.wait_until(lambda: str(client.text) == mine)
    switches = await _language_changes(api, owner, room_id)
    assert [event["payload"]["to"] for event in switches] == ["javascript", "python"]

    after_first = await _replay(api, owner, room_id, switches[0]["at_ms"])
    after_second = await _replay(api, owner, room_id, switches[1]["at_ms"])

    assert (after_first["language"], after_first["code"]) == ("javascript", STARTER["javascript"])
    assert (after_second["language"], after_second["code"]) == ("python", mine)


async def _language_changes(api: Api, account: dict[str, Any], room_id: str) -> list[Any]:
    for _attempt in range(50):  # the log is written by group commit: wait for both
        response = await api.http.get(
            f"/api/rooms/{room_id}/events", params={"limit": 1000}, headers=api.auth(account)
        )
        changes = [e for e in response.json() if e["type"] == "language.changed"]
        if len(changes) == 2:
            return changes
        await _pause()
    raise AssertionError("the language changes never reached the log")


async def _pause() -> None:
    await asyncio.sleep(0.1)


async def _replay(api: Api, account: dict[str, Any], room_id: str, at_ms: int) -> Any:
    response = await api.http.get(
        f"/api/rooms/{room_id}/replay", params={"at_ms": at_ms}, headers=api.auth(account)
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_an_observer_cannot_switch(api: Api, room: Room) -> None:
    observer = await api.member_of(room.owner, room.id, "observer")
    assert (await _switch(api, observer, room.id, "javascript")).status_code == 403


async def test_a_candidate_cannot_switch_after_the_session_ended(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await api.http.post(f"/api/rooms/{room.id}/end", headers=api.auth(room.owner))
    assert (await _switch(api, candidate, room.id, "javascript")).status_code == 403


async def test_a_candidate_may_switch_during_the_session(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    assert (await _switch(api, candidate, room.id, "javascript")).status_code == 200


async def test_a_non_member_gets_404(api: Api, room: Room) -> None:
    stranger = await api.signup("stranger")
    assert (await _switch(api, stranger, room.id, "javascript")).status_code == 404


async def test_an_unknown_language_is_422(api: Api, room: Room) -> None:
    response = await _switch(api, room.owner, room.id, "klingon")
    assert response.status_code == 422
    assert "klingon" in response.text


async def test_a_malformed_language_is_422(api: Api, room: Room) -> None:
    for bad in ["", "x" * 100, "Py thon", 7, None]:
        assert (await _switch(api, room.owner, room.id, bad)).status_code == 422, bad
