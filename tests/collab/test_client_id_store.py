"""Claims of Yjs client ids in the database: the first claim wins, claims share transactions."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event

from codecollab.collab.client_id_store import DatabaseClientIds
from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.runtime import Runtime
from tests.conftest import Api


@pytest.fixture
def runtime(app: FastAPI) -> Runtime:
    value: Runtime = app.state.services.runtime
    return value


@pytest.fixture
def inserts(runtime: Runtime) -> Iterator[list[str]]:
    """The INSERT statements the database receives during the test."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            seen.append(statement)

    engine = runtime.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


async def _document(api: Api, owner_name: str = "owner") -> DocumentKey:
    owner = await api.signup(owner_name)
    room = await api.create_room(owner)
    return DocumentKey(uuid.UUID(room["id"]), DocumentKind.CODE)


async def test_first_claim_of_an_id_wins(api: Api, runtime: Runtime) -> None:
    key = await _document(api)
    registry = DatabaseClientIds(runtime.sessionmaker)
    alice, bob = uuid.uuid4(), uuid.uuid4()

    assert await registry.claim(key, [7], alice) == {7: alice}
    assert await registry.claim(key, [7, 8], bob) == {7: alice, 8: bob}
    assert await registry.owners(key) == {7: alice, 8: bob}


async def test_a_claim_holds_for_another_process(api: Api, runtime: Runtime) -> None:
    key = await _document(api)
    alice, bob = uuid.uuid4(), uuid.uuid4()
    await DatabaseClientIds(runtime.sessionmaker).claim(key, [7], alice)

    assert await DatabaseClientIds(runtime.sessionmaker).claim(key, [7], bob) == {7: alice}


async def test_the_same_id_in_another_document_is_another_claim(api: Api, runtime: Runtime) -> None:
    code = await _document(api)
    notes = DocumentKey(code.room_id, DocumentKind.NOTES)
    registry = DatabaseClientIds(runtime.sessionmaker)
    alice, bob = uuid.uuid4(), uuid.uuid4()

    await registry.claim(code, [7], alice)

    assert await registry.claim(notes, [7], bob) == {7: bob}


async def test_concurrent_claims_of_one_id_give_it_to_the_first(api: Api, runtime: Runtime) -> None:
    key = await _document(api)
    registry = DatabaseClientIds(runtime.sessionmaker)
    alice, bob = uuid.uuid4(), uuid.uuid4()

    first, second = await asyncio.gather(
        registry.claim(key, [9], alice), registry.claim(key, [9], bob)
    )

    assert first == second == {9: alice}


async def test_concurrent_claims_share_transactions(
    api: Api, runtime: Runtime, inserts: list[str]
) -> None:
    keys = [await _document(api, f"owner{n}") for n in range(3)]
    inserts.clear()
    registry = DatabaseClientIds(runtime.sessionmaker)
    users = [uuid.uuid4() for _ in range(100)]

    results = await asyncio.gather(
        *(registry.claim(keys[n % 3], [1000 + n], user) for n, user in enumerate(users))
    )

    assert results == [{1000 + n: user} for n, user in enumerate(users)]
    assert 1 <= len(inserts) <= 3


async def test_a_claim_in_a_deleted_room_does_not_fail_the_others(
    api: Api, runtime: Runtime
) -> None:
    key = await _document(api)
    gone = DocumentKey(uuid.uuid4(), DocumentKind.CODE)
    registry = DatabaseClientIds(runtime.sessionmaker)
    alice, bob = uuid.uuid4(), uuid.uuid4()

    lost, kept = await asyncio.gather(
        registry.claim(gone, [5], alice), registry.claim(key, [6], bob), return_exceptions=True
    )

    assert kept == {6: bob}
    # Refused by the foreign key (an error, or no owner where MySQL ignores it): never alice's.
    assert isinstance(lost, Exception) or lost == {}
