"""Request and response bodies of the timeline API."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from codecollab.execution.schemas import Stdin
from codecollab.schemas import RequestBody
from codecollab.timeline.types import MAX_CHAT_CHARS, MAX_PASTE_PREVIEW_CHARS
from codecollab.validation import CLEAN, MAX_MS

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


class SignalCreate(RequestBody):
    type: Literal["paste", "focus_lost", "focus_regained"]
    size: int | None = Field(default=None, ge=0, le=MAX_REPORTED_SIZE)
    """Characters pasted (paste only); figures above a sane bound are capped."""
    at: int | None = Field(default=None, ge=0, le=MAX_MS)
    """The client's clock (ms since the epoch); kept for reference, the server's time rules."""
    preview: Annotated[str, Field(max_length=MAX_PASTE_PREVIEW_CHARS), CLEAN] | None = None
    """The first characters of a paste (paste only), shown to the interviewers live."""


class ChatCreate(RequestBody):
    text: Annotated[str, Field(min_length=1, max_length=MAX_CHAT_CHARS), CLEAN]


class ReplayRunCreate(RequestBody):
    at_ms: int = Field(ge=0, le=MAX_MS)
    stdin: Stdin = ""


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
