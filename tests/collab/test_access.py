"""Authentication happens before anything of the document is sent (close codes 4401/4403/4404)."""

from __future__ import annotations

import uuid

import pytest

from codecollab.collab.closecodes import CloseCode
from tests.collab.conftest import ClientFactory, Room
from tests.conftest import Api


async def _refused(connect: ClientFactory, room_id: str, account: dict | None, **kw: object) -> int:
    client = await connect(room_id, account, handshake=False, **kw)
    code = await client.wait_closed()
    assert client.received == 0, "a refused connection must learn nothing"
    return code


async def test_missing_token_is_4401(room: Room, connect: ClientFactory) -> None:
    assert await _refused(connect, room.id, None) == CloseCode.UNAUTHENTICATED


async def test_bad_token_is_4401(room: Room, connect: ClientFactory) -> None:
    forged = {"access_token": room.owner["access_token"][:-4] + "AAAA"}
    assert await _refused(connect, room.id, forged) == CloseCode.UNAUTHENTICATED


async def test_refresh_token_is_not_an_access_token(room: Room, connect: ClientFactory) -> None:
    wrong = {"access_token": room.owner["refresh_token"]}
    assert await _refused(connect, room.id, wrong) == CloseCode.UNAUTHENTICATED


async def test_non_member_is_4404(room: Room, api: Api, connect: ClientFactory) -> None:
    stranger = await api.signup("stranger")
    assert await _refused(connect, room.id, stranger) == CloseCode.NOT_FOUND


async def test_unknown_room_is_4404(room: Room, connect: ClientFactory) -> None:
    assert await _refused(connect, str(uuid.uuid4()), room.owner) == CloseCode.NOT_FOUND


async def test_malformed_room_id_is_4404(room: Room, connect: ClientFactory) -> None:
    assert await _refused(connect, "not-a-uuid", room.owner) == CloseCode.NOT_FOUND


@pytest.mark.parametrize("role", ["candidate", "observer"])
async def test_notes_refuse_candidates_and_observers(
    role: str, room: Room, api: Api, connect: ClientFactory
) -> None:
    member = await api.member_of(room.owner, room.id, role)
    assert await _refused(connect, room.id, member, notes=True) == CloseCode.FORBIDDEN


async def test_interviewer_opens_the_notes(room: Room, api: Api, connect: ClientFactory) -> None:
    interviewer = await api.member_of(room.owner, room.id, "interviewer")
    client = await connect(room.id, interviewer, notes=True)
    await client.wait_synced()


async def test_notes_are_a_separate_document(room: Room, connect: ClientFactory) -> None:
    code = await connect(room.id, room.owner)
    notes = await connect(room.id, room.owner, notes=True)
    await code.wait_synced()
    await notes.wait_synced()
    notes.insert(0, "strong candidate")
    code.insert(0, "print(1)")
    other_notes = await connect(room.id, room.owner, notes=True)
    await other_notes.wait_until(lambda: str(other_notes) == "strong candidate")
    assert "strong" not in str(code)
