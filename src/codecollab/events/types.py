"""The registry of event types: every type's name, version and audience, and whether it carries
a Yjs update. Every producer names its events with these constants, never with a literal.

The payload schemas (what readers parse) are in `timeline/types.py`; docs/events.md documents
both for people, and `test_every_registered_type_is_documented` keeps the three together. A
payload change that breaks readers is a new version, never an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from codecollab.events.models import Audience

DOC_UPDATE = "doc.update"
NOTES_UPDATE = "notes.update"
STATE_UPDATE = "state.update"
AWARENESS = "awareness"
PRESENCE_JOINED = "presence.joined"
PRESENCE_LEFT = "presence.left"
LANGUAGE_CHANGED = "language.changed"
CHAT_MESSAGE = "chat.message"
RUN_STARTED = "run.started"
RUN_FINISHED = "run.finished"
RUN_FAILED = "run.failed"
SUBMISSION_STARTED = "submission.started"
SUBMISSION_FINISHED = "submission.finished"
SIGNAL_PASTE = "signal.paste"
SIGNAL_FOCUS_LOST = "signal.focus_lost"
SIGNAL_FOCUS_REGAINED = "signal.focus_regained"
SESSION_STARTED = "session.started"
SESSION_ENDED = "session.ended"
SESSION_REOPENED = "session.reopened"
MEMBER_JOINED = "member.joined"
MEMBER_ROLE_CHANGED = "member.role_changed"
MEMBER_REMOVED = "member.removed"


@dataclass(frozen=True)
class EventType:
    name: str
    version: int
    audience: str
    binary: Literal["yjs-update", None] = None


_ALL, _STAFF = Audience.ALL, Audience.STAFF

REGISTRY: dict[str, EventType] = {
    t.name: t
    for t in (
        EventType(SESSION_STARTED, 1, _ALL),
        EventType(SESSION_ENDED, 1, _ALL),
        EventType(SESSION_REOPENED, 1, _ALL),
        EventType(MEMBER_JOINED, 1, _ALL),
        EventType(MEMBER_ROLE_CHANGED, 1, _ALL),
        EventType(MEMBER_REMOVED, 1, _ALL),
        EventType(DOC_UPDATE, 1, _ALL, "yjs-update"),
        EventType(NOTES_UPDATE, 1, _STAFF, "yjs-update"),
        EventType(STATE_UPDATE, 1, _ALL, "yjs-update"),
        EventType(AWARENESS, 1, _ALL),
        EventType(PRESENCE_JOINED, 1, _ALL),
        EventType(PRESENCE_LEFT, 1, _ALL),
        EventType(LANGUAGE_CHANGED, 1, _ALL),
        EventType(CHAT_MESSAGE, 1, _ALL),
        EventType(RUN_STARTED, 1, _ALL),
        EventType(RUN_FINISHED, 1, _ALL),
        EventType(RUN_FAILED, 1, _ALL),
        EventType(SUBMISSION_STARTED, 1, _ALL),
        EventType(SUBMISSION_FINISHED, 1, _ALL),
        EventType(SIGNAL_PASTE, 1, _STAFF),
        EventType(SIGNAL_FOCUS_LOST, 1, _STAFF),
        EventType(SIGNAL_FOCUS_REGAINED, 1, _STAFF),
    )
}

SIGNAL_TYPES = {
    "paste": SIGNAL_PASTE,
    "focus_lost": SIGNAL_FOCUS_LOST,
    "focus_regained": SIGNAL_FOCUS_REGAINED,
}
