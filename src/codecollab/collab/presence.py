"""Keeps UserPresence current: connects, disconnects, and a heartbeat with editing activity."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.collab.documents import DocumentKind
from codecollab.collab.hooks import Extension
from codecollab.collab.live import Change, LiveDocument
from codecollab.collab.peer import Peer
from codecollab.db import utcnow
from codecollab.presence.service import (
    HEARTBEAT,
    record_connect,
    record_disconnect,
    record_seen,
)

logger = logging.getLogger(__name__)

Member = tuple[uuid.UUID, uuid.UUID]  # (room_id, user_id)


class PresenceTracker(Extension):
    """Only the code document counts: a notes connection is the same person, same room."""

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], *, heartbeat_s: float | None = None
    ) -> None:
        self._sessionmaker = sessionmaker
        self._heartbeat_s = heartbeat_s or HEARTBEAT.total_seconds()
        self._connected: Counter[Member] = Counter()
        self._active: set[Member] = set()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._beat(), name="presence heartbeat")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.flush_activity()

    async def on_connect(self, document: LiveDocument, peer: Peer) -> None:
        if document.key.kind is not DocumentKind.CODE:
            return
        member = (document.key.room_id, peer.user_id)
        self._connected[member] += 1
        await self._write(record_connect, member)

    async def on_disconnect(self, document: LiveDocument, peer: Peer) -> None:
        if document.key.kind is not DocumentKind.CODE:
            return
        member = (document.key.room_id, peer.user_id)
        self._connected[member] -= 1
        if self._connected[member] <= 0:
            del self._connected[member]
        await self._write(record_disconnect, member)

    def on_change(self, document: LiveDocument, change: Change) -> None:
        if change.actor_id is not None:
            self._active.add((document.key.room_id, change.actor_id))

    async def _write(self, record: Callable[..., Awaitable[None]], member: Member) -> None:
        room_id, user_id = member
        for attempt in range(2):
            try:
                async with self._sessionmaker() as session, session.begin():
                    await record(session, room_id=room_id, user_id=user_id, now=utcnow())
                return
            except IntegrityError:
                continue  # another connection inserted the row first: now it is an update
            except Exception:
                # Presence is advisory: a database hiccup must not cost anyone their connection.
                logger.exception("recording presence for %s failed (attempt %d)", member, attempt)
                return

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self._heartbeat_s)
            await self.flush_activity()

    async def flush_activity(self) -> None:
        active, self._active = self._active, set()
        connected = set(self._connected)
        if not connected and not active:
            return
        try:
            async with self._sessionmaker() as session, session.begin():
                await record_seen(session, active=active, idle=connected - active, now=utcnow())
        except Exception:
            logger.exception("presence heartbeat failed")
