"""The first state of a room's code document, written to the event log when the room is made.

Seeding at creation (not when a server first loads the document) means every process that
loads the room reads the same first update: two processes loading a new room at once can never
both insert the starter code.
"""

from __future__ import annotations

from typing import Any

from pycrdt import Doc, Map, Text


def initial_document_update(*, code: str, language: str) -> bytes:
    doc: Doc[Any] = Doc()
    meta = doc.get("meta", type=Map)
    text = doc.get("code", type=Text)
    with doc.transaction():
        meta["language"] = language
        if code:
            text += code
    return doc.get_update()
