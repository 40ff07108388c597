"""The documents a room has, and what their log entries are called."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from codecollab.events.models import Audience


class DocumentKind(StrEnum):
    CODE = "code"
    NOTES = "notes"

    @property
    def event_type(self) -> str:
        return "doc.update" if self is DocumentKind.CODE else "notes.update"

    @property
    def audience(self) -> str:
        return Audience.ALL if self is DocumentKind.CODE else Audience.STAFF


@dataclass(frozen=True, slots=True, order=True)
class DocumentKey:
    room_id: uuid.UUID
    kind: DocumentKind

    def __str__(self) -> str:
        return f"{self.room_id}/{self.kind}"


class DocumentUnavailable(Exception):
    """The room behind a document does not exist (any more)."""
