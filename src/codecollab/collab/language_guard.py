"""The server owns the code document's language: a client's write to it is undone at once.

`meta.language` names the language of `Text "code"`, and only a language switch (the server's
own edit, `flows/room_languages.py`) may change it, because the switch also swaps the code
(`docs/collaboration.md`). A member with write rights could still set the key with a crafted
update; this extension notices after the update is applied (the document caches its language, so
the check costs nothing per keystroke) and sets the key back as a server edit, in the same turn
of the event loop as that update reached the extensions.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from pycrdt import Doc, Map

from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.hooks import Extension
from codecollab.collab.live import Change, LiveDocument

logger = logging.getLogger(__name__)


class LanguageGuard(Extension):
    def __init__(self) -> None:
        # The language each loaded code document had after the server's last edit of it.
        self._languages: dict[DocumentKey, str | None] = {}

    async def on_load(self, document: LiveDocument) -> None:
        if document.key.kind is DocumentKind.CODE:
            self._languages[document.key] = document.language

    def on_change(self, document: LiveDocument, change: Change) -> None:
        key = document.key
        if key not in self._languages:
            return
        if change.server:
            self._languages[key] = document.language
            return
        owned = self._languages[key]
        if owned is not None and document.language != owned:
            # After the client's change has reached every extension (and the log).
            asyncio.get_running_loop().call_soon(_restore, document, owned)

    async def on_unload(self, document: LiveDocument) -> None:
        self._languages.pop(document.key, None)


def _restore(document: LiveDocument, language: str) -> None:
    if document.language == language:
        return

    def write(doc: Doc[Any]) -> None:
        doc.get("meta", type=Map)["language"] = language

    try:
        document.edit(write)
    except Exception:
        logger.exception("restoring the language of %s failed", document.key)
