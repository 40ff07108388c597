"""Server-side reads of a room's live code and writes of what the room shows of runs and chat.

Reads come from the code document, the one members edit. Writes go to the state document, which
only the server writes (every member reads it, no client update is ever applied to it), through
`LiveDocument.edit`, so they reach every client, the event log and (with Redis) the other server
processes. What the room shows lives there: `Map "run"`, `Map "submission"` and `Array "chat"`,
and `Map "buffers"`, the saved code of the languages the room is not showing (`switch_language`).
Because no client item ever enters the state document, none can wait in it for a server item and
integrate with the server's next write.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from pycrdt import Array, Doc, Map, Text

from codecollab.collab.documents import (
    BUFFERS_MAP,
    CODE_TEXT,
    META_MAP,
    STDIN_TEXT,
    DocumentKey,
    DocumentKind,
    DocumentUnavailable,
)
from codecollab.collab.engine import Collaboration
from codecollab.collab.live import LiveDocument
from codecollab.errors import NotFound


class LiveRoom(Protocol):
    """What the flows read from and show in a live room (`RoomDocuments`; a stand-in in unit
    tests of the flows)."""

    async def read_code(self, room_id: uuid.UUID) -> tuple[str, str | None]: ...

    async def read_stdin(self, room_id: uuid.UUID) -> str: ...

    async def publish(self, room_id: uuid.UUID, map_name: str, values: dict[str, Any]) -> None: ...

    async def append(self, room_id: uuid.UUID, array_name: str, item: dict[str, Any]) -> None: ...


@dataclass(frozen=True, slots=True)
class LanguageSwitch:
    """What a switch did: the language shown before, and whether the new one's code was saved
    from an earlier visit (else it is the starter)."""

    previous: str | None
    restored: bool


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
            code = str(document.doc.get(CODE_TEXT, type=Text))
            language = document.doc.get(META_MAP, type=Map).get("language")
        return code, language if isinstance(language, str) else None

    async def read_stdin(self, room_id: uuid.UUID) -> str:
        """The room's shared stdin (`Text "stdin"` of the code document) as everyone sees it."""
        async with self._open(room_id, DocumentKind.CODE) as document:
            return str(document.doc.get(STDIN_TEXT, type=Text))

    async def switch_language(
        self,
        room_id: uuid.UUID,
        *,
        language: str,
        starter: Callable[[str], str],
        actor_id: uuid.UUID,
    ) -> LanguageSwitch:
        """Show the room's code in `language`: the code of the language shown now is saved in
        the state document's buffers, `Text "code"` becomes the saved code of `language` (or
        `starter(language)` the first time) and `meta.language` names it.

        Both documents are changed in the same turn of the event loop (no await between), so no
        update of the room is applied between the save and the swap: every keystroke applied
        before the switch is in the saved buffer, and one that arrives after it (typed against
        the old text) lands in the document's code, which everyone sees."""
        async with (
            self._open(room_id, DocumentKind.CODE) as code_document,
            self._open(room_id, DocumentKind.STATE) as state_document,
        ):
            previous = code_document.language
            if previous == language:
                return LanguageSwitch(previous=previous, restored=False)
            buffers = state_document.doc.get(BUFFERS_MAP, type=Map)
            saved = buffers.get(language)
            restored = isinstance(saved, str)
            code = saved if isinstance(saved, str) else starter(language)
            current = str(code_document.doc.get(CODE_TEXT, type=Text))
            state_document.edit(
                lambda doc: save_buffer(doc, previous=previous, code=current, shown=language),
                actor_id=actor_id,
            )
            code_document.edit(
                lambda doc: show_code(doc, language=language, code=code), actor_id=actor_id
            )
        return LanguageSwitch(previous=previous, restored=restored)

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


def save_buffer(doc: Doc[Any], *, previous: str | None, code: str, shown: str) -> None:
    """The state document's half of a switch: keep the code of `previous`; the language now
    shown has no saved copy (its code is the code document's)."""
    buffers = doc.get(BUFFERS_MAP, type=Map)
    if previous is not None:
        buffers[previous] = code
    if shown in buffers:
        del buffers[shown]


def show_code(doc: Doc[Any], *, language: str, code: str) -> None:
    """The code document's half of a switch: `code` in `Text "code"`, `language` in `meta`."""
    text = doc.get(CODE_TEXT, type=Text)
    if str(text) != code:
        del text[0 : len(text)]
        text += code
    doc.get(META_MAP, type=Map)["language"] = language
