"""The parts of the code document only the server writes, and the guard that keeps clients out.

`Map "run"` (room runs), `Map "submission"` (the judge's verdicts) and `Array "chat"` (messages
posted through the API with their real author) are shown to everyone from the document, so a
member with write rights could otherwise show a forged result or a message in someone else's
name. Which shared types an update touches is only known once it is integrated, so the guard
keeps a second copy of the document in step with the real one and tries each client update on
the copy first: if it changes a server-owned root there, it is refused before the real
document, the log or any other client sees it.

Limit: an update the CRDT holds back for a dependency the server does not have is checked when
it arrives, not when it integrates (pycrdt does not expose held-back changes); no real client
sends one, and a crafted one is documented in docs/collaboration.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pycrdt import Array, Doc, Map

from codecollab.collab.documents import DocumentKind

RUN_MAP = "run"
SUBMISSION_MAP = "submission"
CHAT_ARRAY = "chat"

SERVER_ROOTS: dict[DocumentKind, tuple[tuple[str, type[Map[Any]] | type[Array[Any]]], ...]] = {
    DocumentKind.CODE: ((RUN_MAP, Map), (SUBMISSION_MAP, Map), (CHAT_ARRAY, Array)),
}


class ServerRootWritten(Exception):
    """A client update that would change a server-owned root (or cannot be checked now)."""


class ServerRootsGuard:
    def __init__(self, kind: DocumentKind) -> None:
        self._roots = SERVER_ROOTS[kind]
        self._touched = False
        # The observed types are kept: pycrdt drops an observer with its Python object.
        self._observed: list[Map[Any] | Array[Any]] = []
        self._copy = self._new_copy(None)

    def _new_copy(self, state: bytes | None) -> Doc[Any]:
        doc: Doc[Any] = Doc()
        if state is not None:
            doc.apply_update(state)
        self._observed = [doc.get(name, type=shared_type) for name, shared_type in self._roots]
        for shared in self._observed:
            shared.observe_deep(self._on_server_root_changed)
        return doc

    def _on_server_root_changed(self, _events: object) -> None:
        self._touched = True

    def follow(self, update: bytes) -> None:
        """An update the document takes from a trusted source (server, log, peer process)."""
        self._copy.apply_update(update)
        self._touched = False

    def check(self, update: bytes, current_state: Callable[[], bytes]) -> None:
        """Try a client's update on the copy; raises ServerRootWritten if it must be refused
        (the copy is then rebuilt from `current_state`, the real document's state)."""
        self._touched = False
        self._copy.apply_update(update)
        if self._touched:
            self._touched = False
            self._copy = self._new_copy(current_state())
            raise ServerRootWritten("the run, submission and chat parts are written by the server")
