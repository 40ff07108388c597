"""The payload schema of every registered event type, and the check of an event against both.

The registry itself (names, versions, audiences) is `events/types.py`; docs/events.md documents
the same types for people. A payload change that breaks readers is a new version, never an edit.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from codecollab.events import types as t
from codecollab.execution.sandbox.base import ExecutionResult

MAX_CHAT_CHARS = 2000
MAX_PASTE_CHARS = 10_000_000
MAX_PASTE_PREVIEW_CHARS = 200
"""A paste's preview: at most its first 200 characters."""
"""A paste larger than this is reported as this size (the client's figure is not trusted)."""


class Payload(BaseModel):
    model_config = ConfigDict(extra="allow")


class SessionStarted(Payload):
    title: str
    language: str
    problem_id: str | None = None


class SessionEnded(Payload):
    pass


class SessionReopened(Payload):
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
    preview: str | None = Field(default=None, max_length=MAX_PASTE_PREVIEW_CHARS)


class FocusSignal(Payload):
    pass


PAYLOADS: dict[str, type[Payload] | None] = {
    t.SESSION_STARTED: SessionStarted,
    t.SESSION_ENDED: SessionEnded,
    t.SESSION_REOPENED: SessionReopened,
    t.MEMBER_JOINED: MemberJoined,
    t.MEMBER_ROLE_CHANGED: MemberRoleChanged,
    t.MEMBER_REMOVED: MemberRemoved,
    t.DOC_UPDATE: None,
    t.NOTES_UPDATE: None,
    t.STATE_UPDATE: None,
    t.AWARENESS: AwarenessChanged,
    t.PRESENCE_JOINED: PresenceJoined,
    t.PRESENCE_LEFT: PresenceLeft,
    t.LANGUAGE_CHANGED: LanguageChanged,
    t.CHAT_MESSAGE: ChatMessage,
    t.RUN_STARTED: RunStarted,
    t.RUN_FINISHED: RunFinished,
    t.RUN_FAILED: RunFailed,
    t.SUBMISSION_STARTED: SubmissionStarted,
    t.SUBMISSION_FINISHED: SubmissionFinished,
    t.SIGNAL_PASTE: PasteSignal,
    t.SIGNAL_FOCUS_LOST: FocusSignal,
    t.SIGNAL_FOCUS_REGAINED: FocusSignal,
}


def payload_schema(type_name: str) -> type[Payload] | None:
    """The schema of a registered type's payload (None: the type has no payload)."""
    return PAYLOADS[type_name]


class InvalidEvent(ValueError):
    """An event that does not match its registered type (unknown type, version, payload)."""


def validate_event(
    type_name: str, version: int, payload: dict[str, Any] | None, data: bytes | None
) -> None:
    """Check an event against the registry (used by import: a file is untrusted input)."""
    event_type = t.REGISTRY.get(type_name)
    if event_type is None:
        raise InvalidEvent(f"unknown event type {type_name!r}")
    if version != event_type.version:
        raise InvalidEvent(f"{type_name} version {version} is not supported")
    if event_type.binary is not None and not data:
        raise InvalidEvent(f"{type_name} needs its update bytes")
    schema = PAYLOADS[type_name]
    if schema is not None:
        try:
            schema.model_validate(payload or {})
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise InvalidEvent(f"{type_name} payload: {where}: {first['msg']}") from exc
