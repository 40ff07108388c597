"""Durability: load before the first sync, append every accepted change, keep snapshots compact."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from typing import Any

from pycrdt import Doc, Map
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.collab.documents import DocumentKey, DocumentKind, DocumentUnavailable
from codecollab.collab.hooks import Extension
from codecollab.collab.live import Change, LiveDocument
from codecollab.collab.store import compact, read_document, read_updates
from codecollab.cooperative import background_slot, staggered_start, yielding
from codecollab.events.log import RoomEventLog
from codecollab.events.service import NewEvent, WrittenEvent
from codecollab.rooms.models import Room

logger = logging.getLogger(__name__)

_KIND_BY_EVENT = {kind.event_type: kind for kind in DocumentKind}


class Persistence(Extension):
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        event_log: RoomEventLog,
        snapshot_every: int,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._snapshot_every = snapshot_every
        # The room's one append path: started and stopped with the engine, by this extension.
        self.writer = event_log
        event_log.on_committed(self._committed)
        self._since_snapshot: Counter[DocumentKey] = Counter()
        self._compactions: dict[DocumentKey, asyncio.Task[None]] = {}

    async def start(self) -> None:
        await self.writer.start()

    async def stop(self) -> None:
        await self.writer.stop()
        for task in list(self._compactions.values()):
            await task

    async def on_load(self, document: LiveDocument) -> None:
        key = document.key
        async with self._sessionmaker() as session:
            language = await session.scalar(select(Room.language).where(Room.id == key.room_id))
            if language is None:
                raise DocumentUnavailable(str(key))
            stored = await read_document(session, key)
        if stored.snapshot:
            document.apply(stored.snapshot)
        async for _seq, update in yielding(stored.updates):
            document.apply(update)
        document.db_seq = stored.last_seq
        self._since_snapshot[key] = len(stored.updates) + staggered_start(self._snapshot_every)
        if key.kind is DocumentKind.CODE:
            _ensure_language(document, language)
        if len(stored.updates) >= self._snapshot_every:
            self._schedule_compaction(key)

    def on_change(self, document: LiveDocument, change: Change) -> None:
        kind = document.key.kind
        event = NewEvent(
            type=kind.event_type,
            actor_id=change.actor_id,
            audience=kind.audience,
            data=change.update,
        )
        self.writer.append(document.key.room_id, event)

    async def on_unload(self, document: LiveDocument) -> None:
        await self.writer.flush()
        running = self._compactions.get(document.key)
        if running is not None:
            await running
        await self._compact(document.key)
        self._since_snapshot.pop(document.key, None)

    async def catch_up(self, document: LiveDocument) -> None:
        """Apply what other processes stored since this one last read the log."""
        async with self._sessionmaker() as session:
            updates = await read_updates(session, document.key, after_seq=document.db_seq)
        for seq, update in updates:
            if seq > document.db_seq:
                document.accept_remote(update)
                document.db_seq = seq

    def _committed(self, room_id: uuid.UUID, rows: list[WrittenEvent]) -> None:
        for row in rows:
            kind = _KIND_BY_EVENT.get(row.type)
            if kind is None:
                continue
            key = DocumentKey(room_id, kind)
            self._since_snapshot[key] += 1
            if self._since_snapshot[key] >= self._snapshot_every:
                self._schedule_compaction(key)

    def _schedule_compaction(self, key: DocumentKey) -> None:
        if key in self._compactions:
            return
        self._since_snapshot[key] = staggered_start(self._snapshot_every)
        task = asyncio.create_task(self._compact(key), name=f"compact {key}")
        self._compactions[key] = task
        task.add_done_callback(lambda _task: self._compactions.pop(key, None))

    async def _compact(self, key: DocumentKey) -> None:
        try:
            async with background_slot(), self._sessionmaker() as session, session.begin():
                await compact(session, key)
        except Exception:
            # Another process may have written the snapshot row first; the next compaction wins.
            logger.exception("compacting %s failed", key)


def _ensure_language(document: LiveDocument, language: str) -> None:
    """Put the room's language in `meta` for a brand-new document."""
    meta = document.doc.get("meta", type=Map)
    if "language" in meta:
        return

    def set_language(doc: Doc[Any]) -> None:
        doc.get("meta", type=Map)["language"] = language

    document.edit(set_language)
