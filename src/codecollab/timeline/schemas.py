"""Request and response bodies of the timeline API."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from codecollab.execution.schemas import MAX_STDIN_CHARS
from codecollab.timeline.types import MAX_CHAT_CHARS

MAX_EVENTS_PAGE = 1000
MAX_REPORTED_SIZE = 1_000_000_000


class EventPublic(BaseModel):
    seq: int
    type: str
    version: int
    ts_ms: int
    """Milliseconds since the Unix epoch (server clock)."""
    at_ms: int
    """Milliseconds since the session began (the room's first event)."""
    actor_id: uuid.UUID | None
    audience: str
    payload: dict[str, Any] | None
    data: str | None
    """Binary data (a Yjs update) in base64, or null."""


class SignalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["paste", "focus_lost", "focus_regained"]
    size: int | None = Field(default=None, ge=0, le=MAX_REPORTED_SIZE)
    """Characters pasted (paste only); figures above a sane bound are capped."""
    at: int | None = Field(default=None, ge=0, le=2**53)
    """The client's clock (ms since the epoch); kept for reference, the server's time rules."""


class ChatCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_CHAT_CHARS)


class ReplayRunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at_ms: int = Field(ge=0, le=2**53)
    stdin: str = Field(default="", max_length=MAX_STDIN_CHARS)


class Position(BaseModel):
    index: int
    line: int
    column: int


class Cursor(BaseModel):
    client_id: int
    anchor: Position
    head: Position


class PresentUser(BaseModel):
    user_id: str
    name: str | None = None
    color: str | None = None
    role: str | None = None
    connections: int
    cursors: list[Cursor]


class ReplayPublic(BaseModel):
    at_ms: int
    seq: int
    """The last event folded into this state."""
    code: str
    language: str | None
    present: list[PresentUser]
    last_run: dict[str, Any] | None
    last_verdict: dict[str, Any] | None


class Marker(BaseModel):
    at_ms: int
    seq: int
    type: str
    actor_id: uuid.UUID | None
    payload: dict[str, Any] | None


class TimelinePublic(BaseModel):
    started_at_ms: int
    """The session's start, ms since the epoch (its first event)."""
    ended_at_ms: int | None
    """When the session was ended (ms since the epoch), or null while it runs."""
    duration_ms: int
    """From the start to the end, or to the last event while the session runs."""
    bucket_ms: int
    activity: list[int]
    """Events per bucket of `bucket_ms` from the start (edits dominate): the scrubber's density."""
    markers: list[Marker]
