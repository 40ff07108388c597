"""Swapping a problem room's starter code when its language changes while the code is fresh.

Only the process that accepted the language change acts on it (`on_change` fires for local
changes only), so the swap is made once however many servers hold the room.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from pycrdt import Doc, Text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.collab.documents import DocumentKind
from codecollab.collab.hooks import Extension
from codecollab.collab.live import Change, LiveDocument
from codecollab.problems.models import Problem
from codecollab.problems.service import starter_after_language_change
from codecollab.rooms.models import Room

logger = logging.getLogger(__name__)


class StarterCode(Extension):
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker
        self._problems: dict[uuid.UUID, Problem | None] = {}
        self._languages: dict[uuid.UUID, str | None] = {}

    async def on_load(self, document: LiveDocument) -> None:
        if document.key.kind is not DocumentKind.CODE:
            return
        room_id = document.key.room_id
        async with self._sessionmaker() as session:
            room = await session.get(Room, room_id)
            problem = None
            if room is not None and room.problem_id is not None:
                problem = await session.get(Problem, room.problem_id)
        self._problems[room_id] = problem
        self._languages[room_id] = document.language

    def on_change(self, document: LiveDocument, change: Change) -> None:
        room_id = document.key.room_id
        if document.key.kind is not DocumentKind.CODE or room_id not in self._languages:
            return
        old, new = self._languages[room_id], document.language
        if new == old:
            return
        self._languages[room_id] = new
        problem = self._problems.get(room_id)
        if problem is None or old is None or new is None:
            return
        code = starter_after_language_change(
            problem,
            old_language=old,
            new_language=new,
            current_code=str(document.doc.get("code", type=Text)),
        )
        if code is not None:
            # After the change that triggered us has reached every extension.
            asyncio.get_running_loop().call_soon(_replace_code, document, code)

    async def on_unload(self, document: LiveDocument) -> None:
        self._problems.pop(document.key.room_id, None)
        self._languages.pop(document.key.room_id, None)


def _replace_code(document: LiveDocument, code: str) -> None:
    def write(doc: Doc[Any]) -> None:
        text = doc.get("code", type=Text)
        del text[0 : len(text)]
        text += code

    try:
        document.edit(write)
    except Exception:
        logger.exception("swapping the starter code of %s failed", document.key)
