"""Yjs client id ownership in the database: one row per claimed id, the first insert wins."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.collab.client_ids import Owner
from codecollab.collab.documents import DocumentKey
from codecollab.collab.models import DocumentClientId


class DatabaseClientIds:
    """The `ClientIdRegistry` every server process shares."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    async def owners(self, key: DocumentKey) -> dict[int, Owner]:
        async with self._sessionmaker() as session:
            return await _read(session, key, None)

    async def claim(
        self, key: DocumentKey, client_ids: list[int], owner: Owner
    ) -> dict[int, Owner]:
        async with self._sessionmaker() as session:
            found = await _read(session, key, client_ids)
            await session.rollback()
            for client_id in client_ids:
                if client_id not in found:
                    await _insert(session, key, client_id, owner)
            return await _read(session, key, client_ids)


async def _read(
    session: AsyncSession, key: DocumentKey, client_ids: list[int] | None
) -> dict[int, Owner]:
    query = select(DocumentClientId.client_id, DocumentClientId.user_id).where(
        DocumentClientId.room_id == key.room_id, DocumentClientId.doc_name == key.kind.value
    )
    if client_ids is not None:
        query = query.where(DocumentClientId.client_id.in_(client_ids))
    result = await session.execute(query)
    return {row.client_id: row.user_id for row in result}


async def _insert(session: AsyncSession, key: DocumentKey, client_id: int, owner: Owner) -> None:
    """Insert one claim in its own transaction; another process's claim of the same id wins."""
    try:
        async with session.begin():
            session.add(
                DocumentClientId(
                    room_id=key.room_id, doc_name=key.kind.value, client_id=client_id, user_id=owner
                )
            )
    except IntegrityError:
        pass
