"""Yjs client id ownership in the database: one row per claimed id, the first insert wins.

Claims are written in group commits: a claim that arrives while no write is under way starts one
at once; claims that arrive during a write wait for it and then go together in the next
transaction. Every client's first update waits for its claim, so when a thousand clients start
typing within a second (the start of a class, a benchmark), a transaction each would queue them
behind each other on the database; batched, they wait for one or two transactions.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Insert, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.collab.client_ids import Owner
from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.models import DocumentClientId

logger = logging.getLogger(__name__)

# Client ids read back per statement (a bound parameter each).
READ_CHUNK = 500

Slot = tuple[DocumentKey, int]


@dataclass
class _Claim:
    key: DocumentKey
    client_ids: list[int]
    owner: Owner
    result: asyncio.Future[dict[int, Owner]] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class DatabaseClientIds:
    """The `ClientIdRegistry` every server process shares."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker
        self._pending: list[_Claim] = []
        self._writing: asyncio.Task[None] | None = None

    async def owners(self, key: DocumentKey) -> dict[int, Owner]:
        async with self._sessionmaker() as session:
            query = select(DocumentClientId.client_id, DocumentClientId.user_id).where(
                DocumentClientId.room_id == key.room_id,
                DocumentClientId.doc_name == key.kind.value,
            )
            return {row.client_id: row.user_id for row in await session.execute(query)}

    async def claim(
        self, key: DocumentKey, client_ids: list[int], owner: Owner
    ) -> dict[int, Owner]:
        request = _Claim(key, list(client_ids), owner)
        self._pending.append(request)
        if self._writing is None or self._writing.done():
            self._writing = asyncio.create_task(self._write_pending(), name="client id claims")
        return await asyncio.shield(request.result)

    async def _write_pending(self) -> None:
        batch: list[_Claim] = []
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    await self._write(batch)
                except Exception:
                    # One bad claim (a room deleted meanwhile) must not fail the others with it.
                    logger.warning("a batch of %d client id claims failed; one by one", len(batch))
                    for request in batch:
                        await self._write_alone(request)
        finally:
            # Cancelled (the server stops): nobody waits for an answer that will not come.
            for request in batch + self._pending:
                if not request.result.done():
                    request.result.set_exception(RuntimeError("the server is stopping"))

    async def _write_alone(self, request: _Claim) -> None:
        try:
            await self._write([request])
        except Exception as exc:
            if not request.result.done():
                request.result.set_exception(exc)

    async def _write(self, batch: list[_Claim]) -> None:
        wanted: dict[Slot, Owner] = {}
        for request in batch:
            for client_id in request.client_ids:
                wanted.setdefault((request.key, client_id), request.owner)  # first one wins
        async with self._sessionmaker() as session:
            async with session.begin():
                await session.execute(_insert_ignoring_taken(session), _rows(wanted))
            found = await _read(session, list(wanted))
        for request in batch:
            owners = {
                client_id: found[(request.key, client_id)]
                for client_id in request.client_ids
                if (request.key, client_id) in found
            }
            if not request.result.done():
                request.result.set_result(owners)


def _rows(wanted: dict[Slot, Owner]) -> list[dict[str, Any]]:
    return [
        {
            "room_id": key.room_id,
            "doc_name": key.kind.value,
            "client_id": client_id,
            "user_id": owner,
        }
        for (key, client_id), owner in wanted.items()
    ]


def _insert_ignoring_taken(session: AsyncSession) -> Insert:
    """An INSERT that leaves a row already there (someone's earlier claim) as it is."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(DocumentClientId).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(DocumentClientId).on_conflict_do_nothing()
    return insert(DocumentClientId).prefix_with("IGNORE")  # MySQL and MariaDB


async def _read(session: AsyncSession, slots: list[Slot]) -> dict[Slot, Owner]:
    """The owner of each slot that has one. Client ids are random 32-bit numbers, so reading by
    id alone and keeping the slots asked for reads hardly a row more than needed."""
    asked = set(slots)
    ids = sorted({client_id for _key, client_id in slots})
    found: dict[Slot, Owner] = {}
    for start in range(0, len(ids), READ_CHUNK):
        query = select(
            DocumentClientId.room_id,
            DocumentClientId.doc_name,
            DocumentClientId.client_id,
            DocumentClientId.user_id,
        ).where(DocumentClientId.client_id.in_(ids[start : start + READ_CHUNK]))
        for row in await session.execute(query):
            slot = (DocumentKey(row.room_id, DocumentKind(row.doc_name)), row.client_id)
            if slot in asked:
                found[slot] = row.user_id
    return found
