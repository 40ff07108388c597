"""Reading and compacting a document's stored history: snapshot plus the log entries after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pycrdt import Doc
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.collab.documents import DocumentKey
from codecollab.cooperative import yielding
from codecollab.db import utcnow
from codecollab.events.models import DocumentSnapshot, SessionEvent


@dataclass
class StoredDocument:
    snapshot: bytes | None = None
    snapshot_seq: int = 0
    updates: list[tuple[int, bytes]] = field(default_factory=list)

    @property
    def last_seq(self) -> int:
        return self.updates[-1][0] if self.updates else self.snapshot_seq


async def read_snapshot(session: AsyncSession, key: DocumentKey) -> DocumentSnapshot | None:
    result = await session.execute(
        select(DocumentSnapshot).where(
            DocumentSnapshot.room_id == key.room_id, DocumentSnapshot.doc_name == key.kind.value
        )
    )
    return result.scalar_one_or_none()


async def read_updates(
    session: AsyncSession, key: DocumentKey, *, after_seq: int
) -> list[tuple[int, bytes]]:
    """The document's log entries after `after_seq`, in order."""
    result = await session.execute(
        select(SessionEvent.seq, SessionEvent.data)
        .where(
            SessionEvent.room_id == key.room_id,
            SessionEvent.type == key.kind.event_type,
            SessionEvent.seq > after_seq,
        )
        .order_by(SessionEvent.seq)
    )
    return [(seq, data) for seq, data in result.all() if data]


async def read_document(session: AsyncSession, key: DocumentKey) -> StoredDocument:
    snapshot = await read_snapshot(session, key)
    if snapshot is None:
        return StoredDocument(updates=await read_updates(session, key, after_seq=0))
    updates = await read_updates(session, key, after_seq=snapshot.seq)
    return StoredDocument(snapshot=snapshot.state, snapshot_seq=snapshot.seq, updates=updates)


async def apply_stored(doc: Doc[Any], stored: StoredDocument) -> None:
    """Replay into `doc` one update at a time (one huge transaction is 5x slower, see FINDINGS),
    letting the other tasks of the event loop run between slices."""
    if stored.snapshot:
        doc.apply_update(stored.snapshot)
    async for _seq, update in yielding(stored.updates):
        doc.apply_update(update)


async def compact(session: AsyncSession, key: DocumentKey) -> int | None:
    """Fold the log into the snapshot by replaying it into a fresh Doc; the caller commits.

    Built from the database, not from a live document: another process may have stored updates
    this one has not received yet, and a snapshot must cover exactly the log up to its `seq`.
    Returns the new snapshot's seq, or None if there was nothing to fold.
    """
    stored = await read_document(session, key)
    if not stored.updates:
        return None
    doc: Doc[Any] = Doc()
    await apply_stored(doc, stored)
    await save_snapshot(session, key, seq=stored.last_seq, state=doc.get_update())
    return stored.last_seq


async def save_snapshot(session: AsyncSession, key: DocumentKey, *, seq: int, state: bytes) -> None:
    existing = await read_snapshot(session, key)
    if existing is None:
        session.add(
            DocumentSnapshot(room_id=key.room_id, doc_name=key.kind.value, seq=seq, state=state)
        )
    elif existing.seq < seq:
        existing.seq = seq
        existing.state = state
        existing.updated_at = utcnow()
    await session.flush()
