"""The registry of event types: name, version, audience and the payload's schema.

docs/events.md documents the same types for people; `test_every_registered_type_is_documented`
keeps the two together. A payload change that breaks readers is a new version, never an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from codecollab.events.models import Audience
from codecollab.execution.sandbox.base import ExecutionResult

MAX_CHAT_CHARS = 2000
MAX_PASTE_CHARS = 10_000_000
"""A paste larger than this is reported as this size (the client's figure is not trusted)."""


class Payload(BaseModel):
    model_config = ConfigDict(extra="allow")


class SessionStarted(Payload):
    title: str
    language: str
    problem_id: str | None = None


class SessionEnded(Payload):
    pass


class MemberJoined(Payload):
    user_id: str
    display_name: str
    role: str


class MemberRoleChanged(Payload):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    user_id: str
    from_role: str = Field(alias="from")
    to_role: str = Field(alias="to")


class MemberRemoved(Payload):
    user_id: str


class AwarenessChanged(Payload):
    """One client's presence state (cursor, selection, name); `state` None: the client left."""

    client_id: int
    clock: int
    user_id: str | None
    state: dict[str, Any] | None


class PresenceJoined(Payload):
    connection_id: str
    user_id: str
    role: str


class PresenceLeft(Payload):
    connection_id: str
    user_id: str


class LanguageChanged(Payload):
    from_language: str | None = Field(default=None, alias="from")
    to_language: str = Field(alias="to")

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class ChatMessage(Payload):
    text: str = Field(min_length=1, max_length=MAX_CHAT_CHARS)


class RunStarted(Payload):
    run_id: str
    language: str
    stdin: str = ""
    code_length: int | None = None


RunResult = ExecutionResult
"""The contract's execution result: the execution domain type itself (its ``Status`` values)."""


class RunFinished(Payload):
    run_id: str
    result: RunResult


class RunFailed(Payload):
    """The run could not happen (no sandbox, rate limit, busy): no result."""

    run_id: str
    reason: str


class SubmissionStarted(Payload):
    submission_id: str
    problem_id: str
    language: str


class SubmissionFinished(Payload):
    """The submission result as a candidate sees it (hidden tests' data omitted)."""

    id: str
    verdict: str
    passed: int
    total: int


class PasteSignal(Payload):
    size: int = Field(ge=0, le=MAX_PASTE_CHARS)


class FocusSignal(Payload):
    pass


@dataclass(frozen=True)
class EventType:
    name: str
    version: int
    audience: str
    payload: type[Payload] | None
    binary: Literal["yjs-update", None] = None


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
MEMBER_JOINED = "member.joined"
MEMBER_ROLE_CHANGED = "member.role_changed"
MEMBER_REMOVED = "member.removed"

_ALL, _STAFF = Audience.ALL, Audience.STAFF

REGISTRY: dict[str, EventType] = {
    t.name: t
    for t in (
        EventType(SESSION_STARTED, 1, _ALL, SessionStarted),
        EventType(SESSION_ENDED, 1, _ALL, SessionEnded),
        EventType(MEMBER_JOINED, 1, _ALL, MemberJoined),
        EventType(MEMBER_ROLE_CHANGED, 1, _ALL, MemberRoleChanged),
        EventType(MEMBER_REMOVED, 1, _ALL, MemberRemoved),
        EventType(DOC_UPDATE, 1, _ALL, None, "yjs-update"),
        EventType(NOTES_UPDATE, 1, _STAFF, None, "yjs-update"),
        EventType(STATE_UPDATE, 1, _ALL, None, "yjs-update"),
        EventType(AWARENESS, 1, _ALL, AwarenessChanged),
        EventType(PRESENCE_JOINED, 1, _ALL, PresenceJoined),
        EventType(PRESENCE_LEFT, 1, _ALL, PresenceLeft),
        EventType(LANGUAGE_CHANGED, 1, _ALL, LanguageChanged),
        EventType(CHAT_MESSAGE, 1, _ALL, ChatMessage),
        EventType(RUN_STARTED, 1, _ALL, RunStarted),
        EventType(RUN_FINISHED, 1, _ALL, RunFinished),
        EventType(RUN_FAILED, 1, _ALL, RunFailed),
        EventType(SUBMISSION_STARTED, 1, _ALL, SubmissionStarted),
        EventType(SUBMISSION_FINISHED, 1, _ALL, SubmissionFinished),
        EventType(SIGNAL_PASTE, 1, _STAFF, PasteSignal),
        EventType(SIGNAL_FOCUS_LOST, 1, _STAFF, FocusSignal),
        EventType(SIGNAL_FOCUS_REGAINED, 1, _STAFF, FocusSignal),
    )
}

SIGNAL_TYPES = {
    "paste": SIGNAL_PASTE,
    "focus_lost": SIGNAL_FOCUS_LOST,
    "focus_regained": SIGNAL_FOCUS_REGAINED,
}


class InvalidEvent(ValueError):
    """An event that does not match its registered type (unknown type, version, payload)."""


def validate_event(
    type_name: str, version: int, payload: dict[str, Any] | None, data: bytes | None
) -> None:
    """Check an event against the registry (used by import: a file is untrusted input)."""
    event_type = REGISTRY.get(type_name)
    if event_type is None:
        raise InvalidEvent(f"unknown event type {type_name!r}")
    if version != event_type.version:
        raise InvalidEvent(f"{type_name} version {version} is not supported")
    if event_type.binary is not None and not data:
        raise InvalidEvent(f"{type_name} needs its update bytes")
    if event_type.payload is not None:
        try:
            event_type.payload.model_validate(payload or {})
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise InvalidEvent(f"{type_name} payload: {where}: {first['msg']}") from exc
