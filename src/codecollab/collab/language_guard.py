"""The server owns the code document's language: a client's write to it is undone at once, and
taken as a request to switch (`on_client_switch`), which the server then makes properly.

`meta.language` names the language of `Text "code"`, and only a language switch (the server's
own edit, `flows/room_languages.py`) may change it, because the switch also swaps the code
(`docs/collaboration.md`). A member with write rights could still set the key with a crafted
update; this extension notices after the update is applied (the document caches its language, so
the check costs nothing per keystroke) and sets the key back, as a server edit, to what it was
before that update: whichever process made the last switch, that is the switch's language.

The edit is made right away, inside the hook: the extensions before this one (fan-out, the log)
have the client's change already, so the two are relayed and logged in order, and nothing (a
run reading the language, a switch) can come between them. The recorder, after this one, sees
the language unchanged and records no change.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from pycrdt import Doc, Map

from codecollab.collab.documents import META_MAP, DocumentKind
from codecollab.collab.hooks import Extension
from codecollab.collab.live import Change, LiveDocument

logger = logging.getLogger(__name__)


ClientSwitch = Callable[[uuid.UUID, uuid.UUID, str], None]
"""Called with the room, the member and the language a member's update set `meta.language` to."""


class LanguageGuard(Extension):
    def __init__(self) -> None:
        self._on_client_switch: ClientSwitch | None = None

    def on_client_switch(self, listener: ClientSwitch) -> None:
        """Have `listener` make the switch a member asked for by setting `meta.language`
        (clients written before the switch endpoint do that; the server then swaps the code)."""
        self._on_client_switch = listener

    def on_change(self, document: LiveDocument, change: Change) -> None:
        if change.server or document.key.kind is not DocumentKind.CODE:
            return
        before = change.language_before
        wanted = document.language
        if before is None or wanted == before:
            return
        _restore(document, before)
        if self._on_client_switch is not None and change.actor_id is not None and wanted:
            self._on_client_switch(document.key.room_id, change.actor_id, wanted)


def _restore(document: LiveDocument, language: str) -> None:
    def write(doc: Doc[Any]) -> None:
        doc.get(META_MAP, type=Map)["language"] = language

    try:
        document.edit(write)
    except Exception:
        logger.exception("restoring the language of %s failed", document.key)
