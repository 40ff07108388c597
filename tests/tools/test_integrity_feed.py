"""The interviewers' live integrity feed: a candidate's big pastes and focus changes appear in
the notes document's `Array "integrity"` as they happen; candidates and observers never
receive them."""

from __future__ import annotations

from typing import Any

from pycrdt import Array

from codecollab.collab.closecodes import CloseCode
from codecollab.collab.documents import INTEGRITY_ARRAY
from tests.collab.conftest import ClientFactory, Room
from tests.collab.yclient import YClient
from tests.conftest import Api

BIG = "secret_solution = 42  # " + "x" * 300


async def _signal(api: Api, room: Room, account: dict[str, Any], **body: Any) -> None:
    response = await api.http.post(
        f"/api/rooms/{room.id}/signals", json=body, headers=api.auth(account)
    )
    assert response.status_code == 201, response.text


def _feed(client: YClient) -> list[dict[str, Any]]:
    return list(client.doc.get(INTEGRITY_ARRAY, type=Array).to_py())


async def _notes(connect: ClientFactory, room: Room, account: dict[str, Any]) -> YClient:
    client = await connect(room.id, account, notes=True)
    await client.wait_synced()
    return client


async def test_a_big_paste_reaches_the_interviewers_feed_with_size_and_preview(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    feed = await _notes(connect, room, room.owner)
    await _signal(api, room, candidate, type="paste", size=len(BIG), preview=BIG[:200])
    await feed.wait_until(lambda: len(_feed(feed)) == 1)
    [item] = _feed(feed)
    assert item["kind"] == "paste"
    assert item["size"] == len(BIG)
    assert item["preview"] == BIG[:200]
    assert item["userId"] == candidate["user"]["id"]


async def test_a_small_paste_is_logged_but_not_in_the_feed(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    feed = await _notes(connect, room, room.owner)
    await _signal(api, room, candidate, type="paste", size=12, preview="short")
    await _signal(api, room, candidate, type="focus_lost")
    await feed.wait_until(lambda: len(_feed(feed)) == 1)
    assert [item["kind"] for item in _feed(feed)] == ["focus_lost"]


async def test_focus_regained_says_how_long_the_candidate_was_away(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    feed = await _notes(connect, room, room.owner)
    await _signal(api, room, candidate, type="focus_lost")
    await _signal(api, room, candidate, type="focus_regained")
    await feed.wait_until(lambda: len(_feed(feed)) == 2)
    lost, regained = _feed(feed)
    assert [lost["kind"], regained["kind"]] == ["focus_lost", "focus_regained"]
    assert regained["awayMs"] == regained["at"] - lost["at"]


async def test_focus_regained_without_a_loss_has_no_duration(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    feed = await _notes(connect, room, room.owner)
    await _signal(api, room, candidate, type="focus_regained")
    await feed.wait_until(lambda: len(_feed(feed)) == 1)
    assert _feed(feed)[0]["awayMs"] is None


async def test_an_interviewer_sees_the_feed_too(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    interviewer = await api.member_of(room.owner, room.id, "interviewer")
    feed = await _notes(connect, room, interviewer)
    await _signal(api, room, candidate, type="focus_lost")
    await feed.wait_until(lambda: len(_feed(feed)) == 1)


async def test_staff_signals_stay_out_of_the_feed(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    feed = await _notes(connect, room, room.owner)
    await _signal(api, room, room.owner, type="focus_lost")
    await _signal(api, room, candidate, type="focus_lost")
    await feed.wait_until(lambda: len(_feed(feed)) == 1)
    assert _feed(feed)[0]["userId"] == candidate["user"]["id"]


async def test_a_candidates_connections_never_receive_the_feed(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    observer = await api.member_of(room.owner, room.id, "observer")
    watchers: list[YClient] = []
    for account in (candidate, observer):
        for kind in ({}, {"state": True}):
            client = await connect(room.id, account, **kind)
            await client.wait_synced()
            watchers.append(client)
    feed = await _notes(connect, room, room.owner)
    await _signal(api, room, candidate, type="paste", size=len(BIG), preview=BIG[:200])
    await _signal(api, room, candidate, type="focus_lost")
    await feed.wait_until(lambda: len(_feed(feed)) == 2)
    # A chat message after the signals: once it reached them, anything sent before it had too.
    response = await api.http.post(
        f"/api/rooms/{room.id}/chat", json={"text": "done"}, headers=api.auth(room.owner)
    )
    assert response.status_code == 201, response.text
    for client in watchers[1::2]:
        await client.wait_until(lambda c=client: len(c.doc.get("chat", type=Array)) == 1)
    for client in watchers:
        assert _feed(client) == []
        assert "secret_solution" not in str(client.doc.get_update())


async def test_candidates_and_observers_cannot_open_the_feed(
    api: Api, room: Room, connect: ClientFactory
) -> None:
    for role in ("candidate", "observer"):
        member = await api.member_of(room.owner, room.id, role)
        client = await connect(room.id, member, notes=True)
        assert await client.wait_closed() == CloseCode.FORBIDDEN


async def test_a_candidate_cannot_read_signals_from_the_event_log(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    await _signal(api, room, candidate, type="paste", size=len(BIG), preview=BIG[:200])
    await api.http.patch(
        f"/api/rooms/{room.id}",
        json={"candidate_replay": True},
        headers=api.auth(room.owner),
    )
    response = await api.http.get(f"/api/rooms/{room.id}/events", headers=api.auth(candidate))
    assert response.status_code == 200, response.text
    assert "secret_solution" not in response.text
    assert all(not e["type"].startswith("signal.") for e in response.json())


async def test_a_preview_longer_than_200_characters_is_422(api: Api, room: Room) -> None:
    candidate = await api.member_of(room.owner, room.id, "candidate")
    response = await api.http.post(
        f"/api/rooms/{room.id}/signals",
        json={"type": "paste", "size": 500, "preview": "y" * 201},
        headers=api.auth(candidate),
    )
    assert response.status_code == 422
