"""The documents a room has, and what their log entries are called."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from codecollab.events import types as event_types
from codecollab.events.models import Audience

# The parts of the state document (what the server alone writes and every member reads).
RUN_MAP = "run"
SUBMISSION_MAP = "submission"
CHAT_ARRAY = "chat"
# The part of the notes document (staff only) the server writes: the live integrity feed.
INTEGRITY_ARRAY = "integrity"
# The saved code of each language the room is not showing now (language -> text).
BUFFERS_MAP = "buffers"

# The parts of the code document (what members edit).
CODE_TEXT = "code"
STDIN_TEXT = "stdin"
META_MAP = "meta"


class DocumentKind(StrEnum):
    """`code`: the code everyone edits; `notes`: the interviewers' private notes; `state`: the
    room's runs, verdicts and chat, written by the server only (no client update is applied)."""

    CODE = "code"
    NOTES = "notes"
    STATE = "state"

    @property
    def event_type(self) -> str:
        return _EVENT_TYPES[self]

    @property
    def audience(self) -> str:
        return Audience.STAFF if self is DocumentKind.NOTES else Audience.ALL

    @property
    def server_only(self) -> bool:
        """Whether only the server writes the document (clients may read it)."""
        return self is DocumentKind.STATE


_EVENT_TYPES = {
    DocumentKind.CODE: event_types.DOC_UPDATE,
    DocumentKind.NOTES: event_types.NOTES_UPDATE,
    DocumentKind.STATE: event_types.STATE_UPDATE,
}


@dataclass(frozen=True, slots=True, order=True)
class DocumentKey:
    room_id: uuid.UUID
    kind: DocumentKind

    def __str__(self) -> str:
        return f"{self.room_id}/{self.kind}"


class DocumentUnavailable(Exception):
    """The room behind a document does not exist (any more)."""
