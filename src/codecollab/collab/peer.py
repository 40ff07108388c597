"""One client connection to one live document: its identity, rights and outgoing frame queue.

Document changes and awareness changes are queued with their parts, not only as finished frames:
when a client falls behind (a burst, a busy event loop), the sender finds several of them waiting
and sends each consecutive run as one message (Yjs updates merged, awareness entries joined).
The client ends in the same state with fewer frames to write and to read.

The queue is bounded in bytes as well as in frames: a client that does not read (or cannot keep
up) is closed with 1013 once its backlog passes the limit, and the backlog is dropped at once.
A write it is stuck in is abandoned so the close goes out without waiting for the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import TypeVar

from pycrdt import merge_updates

from codecollab.collab.channel import Channel, ChannelClosed
from codecollab.collab.closecodes import CloseCode
from codecollab.collab.identity import Identity
from codecollab.collab.protocol import (
    AwarenessEntry,
    awareness_frame,
    create_update_message,
)

logger = logging.getLogger(__name__)

# A client that falls this far behind is disconnected; its provider reconnects and resyncs.
MAX_QUEUED_FRAMES = 20_000
MAX_OUTBOUND_BYTES = 4 * 1024 * 1024
# Queued changes are joined into one message up to this many payload bytes.
MAX_MERGED_BYTES = 256 * 1024


@dataclass
class Access:
    """What the server decided about a connection (refreshed when rights change)."""

    identity: Identity
    role: str
    can_write: bool


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """A Yjs update for the client, and the message that carries it alone."""

    update: bytes
    frame: bytes

    @classmethod
    def of(cls, update: bytes) -> DocumentChange:
        return cls(update, create_update_message(update))


@dataclass(frozen=True, slots=True)
class AwarenessChange:
    """Awareness entries for the client, and the message that carries them alone."""

    entries: tuple[AwarenessEntry, ...]
    frame: bytes

    @classmethod
    def of(cls, entries: list[AwarenessEntry]) -> AwarenessChange:
        return cls(tuple(entries), awareness_frame(entries))


Outgoing = bytes | DocumentChange | AwarenessChange
_Change = TypeVar("_Change", DocumentChange, AwarenessChange)


@dataclass(frozen=True, slots=True)
class _Close:
    code: int
    reason: str


def _size(item: Outgoing | _Close) -> int:
    if isinstance(item, bytes):
        return len(item)
    if isinstance(item, _Close):
        return 0
    return len(item.frame)


@dataclass(eq=False)
class Peer:
    channel: Channel
    access: Access
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    client_ids: set[int] = field(default_factory=set)
    closing: bool = False
    max_outbound_bytes: int = MAX_OUTBOUND_BYTES
    _queue: deque[Outgoing | _Close] = field(default_factory=deque)
    _queued_bytes: int = 0
    _ready: asyncio.Event = field(default_factory=asyncio.Event)
    _sender: asyncio.Task[None] | None = None
    _writing: bool = False  # the sender is inside channel.send
    _abandoned: bool = False  # close() cancelled that write
    _answered: asyncio.Event = field(default_factory=asyncio.Event)  # set by each sync step 2

    @property
    def user_id(self) -> uuid.UUID:
        return self.access.identity.user_id

    @property
    def queued_bytes(self) -> int:
        """Bytes waiting to be written (not counting the frame being written)."""
        return self._queued_bytes

    def send(self, item: Outgoing) -> None:
        """Queue a frame or a change; never blocks the room. A peer too far behind (in frames or
        in bytes) is disconnected; one frame of any size may wait when nothing else does."""
        if self.closing:
            return
        size = _size(item)
        behind = self._queue and self._queued_bytes + size > self.max_outbound_bytes
        if behind or len(self._queue) >= MAX_QUEUED_FRAMES:
            self.close(CloseCode.TRY_AGAIN_LATER, "too far behind the room")
            return
        self._queue.append(item)
        self._queued_bytes += size
        self._ready.set()

    def answered(self) -> None:
        """The client sent a sync step 2: its answer to a sync step 1 (a probe)."""
        self._answered.set()

    async def answers(self, probe: bytes, *, within_s: float) -> bool:
        """Whether the client answers `probe` (a sync step 1, which every client answers with a
        sync step 2) within `within_s`: false for a connection whose network died silently, and
        for one the client has closed while frames it sent earlier still wait to be read (any
        frame would not do: the server may still be reading that backlog)."""
        if self.closing:
            return False
        self._answered.clear()
        self.send(probe)
        try:
            async with asyncio.timeout(within_s):
                await self._answered.wait()
        except TimeoutError:
            return False
        return True

    def close(self, code: int, reason: str) -> None:
        """Close after nothing more: queued frames are dropped, later input is ignored."""
        if self.closing:
            return
        self._finish(_Close(code, reason))

    def gone(self) -> None:
        """The client went away: stop sending."""
        self._finish(_Close(0, ""))

    def _finish(self, last: _Close) -> None:
        self.closing = True
        self._queue.clear()
        self._queued_bytes = 0
        self._queue.append(last)
        self._ready.set()
        if self._writing and self._sender is not None and not self._abandoned:
            # A client that does not read holds the write (and the close behind it) for ever.
            self._abandoned = True
            self._sender.cancel()

    async def run_sender(self) -> None:
        """Write queued frames to the channel until closed; ends quietly if the client left."""
        self._sender = asyncio.current_task()
        try:
            await self._write_queued()
        except ChannelClosed:
            self.closing = True
        except asyncio.CancelledError:
            if not self._abandoned or self._sender is None:
                raise
            self._sender.uncancel()
            self._writing = False
            with contextlib.suppress(ChannelClosed):
                await self._write_queued()  # only the close is left

    async def _write_queued(self) -> None:
        while True:
            while self._queue:
                item = self._queue.popleft()
                self._queued_bytes -= _size(item)
                if isinstance(item, _Close):
                    if item.code:
                        await self.channel.close(item.code, item.reason)
                    return
                frame = self._frame_from(item)
                self._writing = True
                await self.channel.send(frame)
                self._writing = False
            self._ready.clear()
            await self._ready.wait()

    def _frame_from(self, item: Outgoing) -> bytes:
        """The message for `item`, joined with the changes of its kind queued right after it."""
        if isinstance(item, DocumentChange):
            updates = [change.update for change in self._take_following(DocumentChange, item)]
            if len(updates) == 1:
                return item.frame
            return create_update_message(merge_updates(*updates))
        if isinstance(item, AwarenessChange):
            changes = self._take_following(AwarenessChange, item)
            if len(changes) == 1:
                return item.frame
            return awareness_frame([entry for change in changes for entry in change.entries])
        return item

    def _take_following(self, kind: type[_Change], first: _Change) -> list[_Change]:
        """`first` and the changes of the same kind queued right after it (up to a size)."""
        taken = [first]
        size = len(first.frame)
        while self._queue:
            following = self._queue[0]
            if not isinstance(following, kind):
                break
            size += len(following.frame)
            if size > MAX_MERGED_BYTES:
                break
            self._queue.popleft()
            self._queued_bytes -= len(following.frame)
            taken.append(following)
        return taken
