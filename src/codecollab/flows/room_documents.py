"""Server-side reads of a room's live code and writes of what the room shows of runs and chat.

Reads come from the code document, the one members edit. Writes go to the state document, which
only the server writes (every member reads it, no client update is ever applied to it), through
`LiveDocument.edit`, so they reach every client, the event log and (with Redis) the other server
processes. What the room shows lives there: `Map "run"`, `Map "submission"` and `Array "chat"`.
Because no client item ever enters the state document, none can wait in it for a server item and
integrate with the server's next write.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

from pycrdt import Array, Doc, Map, Text

from codecollab.collab.documents import DocumentKey, DocumentKind, DocumentUnavailable
from codecollab.collab.engine import Collaboration
from codecollab.collab.live import LiveDocument
from codecollab.errors import NotFound


class LiveRoom(Protocol):
    """What the flows read from and show in a live room (`RoomDocuments`; a stand-in in unit
    tests of the flows)."""

    async def read_code(self, room_id: uuid.UUID) -> tuple[str, str | None]: ...

    async def publish(self, room_id: uuid.UUID, map_name: str, values: dict[str, Any]) -> None: ...

    async def append(self, room_id: uuid.UUID, array_name: str, item: dict[str, Any]) -> None: ...


class RoomDocuments:
    def __init__(self, collaboration: Collaboration) -> None:
        self._collaboration = collaboration

    @asynccontextmanager
    async def _open(self, room_id: uuid.UUID, kind: DocumentKind) -> AsyncIterator[LiveDocument]:
        key = DocumentKey(room_id, kind)
        try:
            document = await self._collaboration.open(key)
        except DocumentUnavailable as exc:
            raise NotFound("room not found") from exc
        try:
            yield document
        finally:
            self._collaboration.release(key)

    async def read_code(self, room_id: uuid.UUID) -> tuple[str, str | None]:
        """The room's code as every client sees it now, and the language its `meta` names."""
        async with self._open(room_id, DocumentKind.CODE) as document:
            code = str(document.doc.get("code", type=Text))
            language = document.doc.get("meta", type=Map).get("language")
        return code, language if isinstance(language, str) else None

    async def publish(self, room_id: uuid.UUID, map_name: str, values: dict[str, Any]) -> None:
        """Replace the content of one of the state document's maps, as one change everyone
        sees."""
        async with self._open(room_id, DocumentKind.STATE) as document:
            document.edit(lambda doc: replace_map(doc, map_name, values))

    async def append(self, room_id: uuid.UUID, array_name: str, item: dict[str, Any]) -> None:
        """Append one item to one of the state document's arrays, as one change everyone sees."""
        async with self._open(room_id, DocumentKind.STATE) as document:
            document.edit(lambda doc: append_item(doc, array_name, item))

    async def append_private(
        self, room_id: uuid.UUID, array_name: str, item: dict[str, Any]
    ) -> None:
        """Append one item to an array of the notes document, which only the owner and
        interviewers can open: what candidates and observers must never receive."""
        async with self._open(room_id, DocumentKind.NOTES) as document:
            document.edit(lambda doc: append_item(doc, array_name, item))


def replace_map(doc: Doc[Any], map_name: str, values: dict[str, Any]) -> None:
    """The server's write for `publish`: the map's keys become exactly `values`."""
    shared = doc.get(map_name, type=Map)
    for stale in [key for key in shared.keys() if key not in values]:  # noqa: SIM118
        del shared[stale]
    for key, value in values.items():
        shared[key] = value


def append_item(doc: Doc[Any], array_name: str, item: dict[str, Any]) -> None:
    """The server's write for `append`."""
    doc.get(array_name, type=Array).append(item)
