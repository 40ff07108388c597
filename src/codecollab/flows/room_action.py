"""The pattern of every room action (a run, a submission): one at a time per room, its events in
the room's log through the one append path, its state shown in the room's state document."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from codecollab.errors import Conflict
from codecollab.events.log import RoomEventLog
from codecollab.events.service import NewEvent
from codecollab.events.types import REGISTRY
from codecollab.flows.room_documents import LiveRoom


class RoomAction:
    """One kind of action: `busy` is the Conflict's message while the room has one going;
    `map_name` the state document's map that shows it."""

    def __init__(self, *, log: RoomEventLog, documents: LiveRoom, map_name: str, busy: str) -> None:
        self._log = log
        self._documents = documents
        self._map_name = map_name
        self._busy = busy
        self._running: set[uuid.UUID] = set()

    @asynccontextmanager
    async def exclusive(self, room_id: uuid.UUID) -> AsyncIterator[None]:
        """Hold the room's one slot for this kind of action (Conflict if taken)."""
        if room_id in self._running:
            raise Conflict(self._busy)
        self._running.add(room_id)
        try:
            yield
        finally:
            self._running.discard(room_id)

    def log(
        self, room_id: uuid.UUID, actor_id: uuid.UUID, type_name: str, payload: dict[str, Any]
    ) -> None:
        """Append an event; it is committed in order with everything else of the room."""
        self._log.append(room_id, _event(actor_id, type_name, payload))

    async def record(
        self, room_id: uuid.UUID, actor_id: uuid.UUID, type_name: str, payload: dict[str, Any]
    ) -> None:
        """Append an event and return once it (and everything of the room before it) is
        committed: the action's outcome is durable before the caller answers."""
        await self._log.write(room_id, [_event(actor_id, type_name, payload)])

    async def show(self, room_id: uuid.UUID, values: dict[str, Any]) -> None:
        """Replace what the room's state document shows of this action."""
        await self._documents.publish(room_id, self._map_name, values)


def _event(actor_id: uuid.UUID, type_name: str, payload: dict[str, Any]) -> NewEvent:
    event_type = REGISTRY[type_name]
    return NewEvent(
        type=type_name,
        version=event_type.version,
        audience=event_type.audience,
        actor_id=actor_id,
        payload=payload,
    )
