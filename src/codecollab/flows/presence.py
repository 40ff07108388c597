"""Keeps UserPresence current: connects, disconnects, and a heartbeat with editing activity.

Connects and disconnects are written in batches, one transaction per CHANGES_BATCH_S: when a
thousand clients connect or leave within a second (a deploy, the end of a class), a transaction
each would load the database, and the event log's group commit waiting behind them would miss
its 100 ms promise. The process's own count of each member's connections is exact at all times;
the stored one, summed over processes, follows within the batch interval.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.collab.documents import DocumentKind
from codecollab.collab.hooks import Extension
from codecollab.collab.live import Change, LiveDocument
from codecollab.collab.peer import Peer
from codecollab.db import utcnow
from codecollab.presence.service import (
    HEARTBEAT,
    ConnectionChange,
    Member,
    record_connection_changes,
    record_seen,
)

logger = logging.getLogger(__name__)

CHANGES_BATCH_S = 0.1


class PresenceTracker(Extension):
    """Only the code document counts: a notes connection is the same person, same room."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        heartbeat_s: float | None = None,
        batch_s: float = CHANGES_BATCH_S,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._heartbeat_s = heartbeat_s or HEARTBEAT.total_seconds()
        self._batch_s = batch_s
        self._connected: Counter[Member] = Counter()
        # Net connects minus disconnects per member since the last write (zero still counts:
        # the member was seen).
        self._changes: dict[Member, int] = {}
        self._writing: asyncio.Task[None] | None = None
        self._write_lock = asyncio.Lock()
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
        self._note(member, 1)

    async def on_disconnect(self, document: LiveDocument, peer: Peer) -> None:
        if document.key.kind is not DocumentKind.CODE:
            return
        member = (document.key.room_id, peer.user_id)
        self._connected[member] -= 1
        if self._connected[member] <= 0:
            del self._connected[member]
        self._note(member, -1)

    def on_change(self, document: LiveDocument, change: Change) -> None:
        if change.actor_id is not None:
            self._active.add((document.key.room_id, change.actor_id))

    def _note(self, member: Member, delta: int) -> None:
        self._changes[member] = self._changes.get(member, 0) + delta
        if self._writing is None:
            self._writing = asyncio.create_task(self._write_soon(), name="presence changes")

    async def _write_soon(self) -> None:
        await asyncio.sleep(self._batch_s)
        self._writing = None  # changes noted from now on go to the next batch
        await self._write_taken()

    async def write_changes(self) -> None:
        """Write the connects and disconnects noted so far."""
        await self._write_taken()
        if self._writing is not None:
            await self._writing

    async def _write_taken(self) -> None:
        async with self._write_lock:  # one batch at a time, in the order they were taken
            changes, self._changes = self._changes, {}
            await self._write(
                {
                    member: ConnectionChange(delta=delta, held=self._connected[member])
                    for member, delta in changes.items()
                }
            )

    async def _write(self, changes: dict[Member, ConnectionChange]) -> None:
        if not changes:
            return
        for _attempt in range(2):
            try:
                async with self._sessionmaker() as session, session.begin():
                    await record_connection_changes(session, changes=changes, now=utcnow())
                return
            except IntegrityError:
                continue  # another process inserted a member's first row: now it is an update
            except Exception:
                # Presence is advisory: a database hiccup must not cost anyone their connection.
                logger.exception("recording presence of %d members failed", len(changes))
                return
        if len(changes) > 1:
            # A member's room was deleted meanwhile: that one must not hold back the others.
            for member, change in changes.items():
                await self._write({member: change})
        else:
            logger.warning("presence of %s not recorded: its room or user is gone", *changes)

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self._heartbeat_s)
            await self.flush_activity()

    async def flush_activity(self) -> None:
        await self.write_changes()  # the beat refreshes rows a first connect may not have yet
        active, self._active = self._active, set()
        connected = set(self._connected)
        if not connected and not active:
            return
        try:
            async with self._sessionmaker() as session, session.begin():
                await record_seen(session, active=active, idle=connected - active, now=utcnow())
        except Exception:
            logger.exception("presence heartbeat failed")
