"""Typed hooks the sync engine calls; persistence, Redis fan-out and presence plug in here.

Modelled on hocuspocus' extensions: each concern is one class overriding the hooks it needs,
called in order, instead of if-chains in the engine.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from codecollab.collab.live import Change, LiveDocument
from codecollab.collab.peer import Peer
from codecollab.collab.protocol import AwarenessEntry

if TYPE_CHECKING:
    from codecollab.collab.engine import Collaboration


class Extension:
    def bind(self, collaboration: Collaboration) -> None:
        """Called once with the engine the extension serves (to reach its documents)."""

    async def on_load(self, document: LiveDocument) -> None:
        """Fill a document before any client sees it; extensions run in order."""

    def on_change(self, document: LiveDocument, change: Change) -> None:
        """An update accepted from a client of this process (must not block)."""

    def on_awareness(
        self, document: LiveDocument, update: bytes, entries: list[AwarenessEntry]
    ) -> None:
        """An awareness update from a client of this process, already sanitised (must not block):
        its encoding and its entries."""

    async def on_connect(self, document: LiveDocument, peer: Peer) -> None:
        """A client joined (after it was sent the document's state vector)."""

    async def on_disconnect(self, document: LiveDocument, peer: Peer) -> None:
        """A client left."""

    async def on_unload(self, document: LiveDocument) -> None:
        """The document leaves memory (idle, or the server shuts down): store what is left."""

    async def on_rights_changed(self, room_id: uuid.UUID) -> None:
        """A role, the room's status or its membership changed (from this process)."""

    async def start(self) -> None:
        """The engine starts."""

    async def stop(self) -> None:
        """The engine stops, after every document was unloaded."""
