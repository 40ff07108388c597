"""One client connection to one live document: its identity, rights and outgoing frame queue."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import deque
from dataclasses import dataclass, field

from codecollab.collab.channel import Channel, ChannelClosed
from codecollab.collab.closecodes import CloseCode
from codecollab.collab.identity import Identity

logger = logging.getLogger(__name__)

# A client that falls this far behind is disconnected; its provider reconnects and resyncs.
MAX_QUEUED_FRAMES = 20_000
# Client ids one connection may announce in awareness (a Yjs client uses one per document).
MAX_CLIENT_IDS = 4


@dataclass
class Access:
    """What the server decided about a connection (refreshed when rights change)."""

    identity: Identity
    role: str
    can_write: bool


@dataclass(frozen=True, slots=True)
class _Close:
    code: int
    reason: str


@dataclass(eq=False)
class Peer:
    channel: Channel
    access: Access
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    client_ids: set[int] = field(default_factory=set)
    closing: bool = False
    _queue: deque[bytes | _Close] = field(default_factory=deque)
    _ready: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def user_id(self) -> uuid.UUID:
        return self.access.identity.user_id

    def send(self, frame: bytes) -> None:
        """Queue a frame; never blocks the room. A peer too far behind is disconnected."""
        if self.closing:
            return
        if len(self._queue) >= MAX_QUEUED_FRAMES:
            self.close(CloseCode.TRY_AGAIN_LATER, "too far behind the room")
            return
        self._queue.append(frame)
        self._ready.set()

    def close(self, code: int, reason: str) -> None:
        """Close after nothing more: queued frames are dropped, later input is ignored."""
        if self.closing:
            return
        self.closing = True
        self._queue.clear()
        self._queue.append(_Close(code, reason))
        self._ready.set()

    def gone(self) -> None:
        """The client went away: stop sending."""
        self.closing = True
        self._queue.clear()
        self._queue.append(_Close(0, ""))
        self._ready.set()

    async def run_sender(self) -> None:
        """Write queued frames to the channel until closed; ends quietly if the client left."""
        try:
            while True:
                await self._ready.wait()
                self._ready.clear()
                while self._queue:
                    item = self._queue.popleft()
                    if isinstance(item, _Close):
                        if item.code:
                            await self.channel.close(item.code, item.reason)
                        return
                    await self.channel.send(item)
        except ChannelClosed:
            self.closing = True
