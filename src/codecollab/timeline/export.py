"""Export a session as JSON Lines and import one back (docs/events.md, "Export format").

The first line is a header (format, room); every further line is one event, in log order.
Import makes a new room (new id) owned by the importing user; sequence numbers, timestamps,
payloads and update bytes are kept as they were, so replay and analytics give the same results.
Actor ids are kept when that user exists in this database, else left empty (the payloads keep
the user ids they name).
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab import strict_json
from codecollab.db import utcnow
from codecollab.events.models import SessionEvent
from codecollab.events.service import now_ms
from codecollab.events.types import REGISTRY
from codecollab.problems.models import Problem
from codecollab.rooms.models import Membership, Role, Room, RoomStatus
from codecollab.rooms.service import get_replayable_room
from codecollab.timeline.service import audiences_for
from codecollab.timeline.types import InvalidEvent, validate_event
from codecollab.users.models import User

FORMAT = "codecollab.session"
FORMAT_VERSION = 1
CHUNK = 2000
MAX_LINE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class ExportHeader:
    room_id: uuid.UUID
    audiences: tuple[str, ...]
    line: dict[str, Any]


async def export_header(session: AsyncSession, *, room_id: uuid.UUID, user: User) -> ExportHeader:
    member_room = await get_replayable_room(session, room_id=room_id, user=user)
    room = member_room.room
    audiences = audiences_for(member_room)
    line = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at_ms": now_ms(),
        "audiences": list(audiences),
        "room": {
            "id": str(room.id),
            "title": room.title,
            "language": room.language,
            "problem_id": None if room.problem_id is None else str(room.problem_id),
            "status": room.status,
        },
    }
    return ExportHeader(room.id, audiences, line)


def event_line(row: SessionEvent) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "type": row.type,
        "version": row.version,
        "ts_ms": row.ts_ms,
        "actor_id": None if row.actor_id is None else str(row.actor_id),
        "audience": row.audience,
        "payload": row.payload,
        "data": None if row.data is None else base64.b64encode(row.data).decode("ascii"),
    }


def dump_line(line: dict[str, Any]) -> bytes:
    """One line of strict JSON. What an earlier version stored may hold NaN or a lone surrogate
    (from a client's awareness state): written as null and U+FFFD, so every line parses."""
    return (strict_json.dumps(line) + "\n").encode()


async def export_lines(
    sessionmaker: async_sessionmaker[AsyncSession], header: ExportHeader
) -> AsyncIterator[bytes]:
    """The header, then every event the caller may see, read in chunks of CHUNK."""
    yield dump_line(header.line)
    after = 0
    while True:
        async with sessionmaker() as session:
            rows = list(
                await session.scalars(
                    select(SessionEvent)
                    .where(
                        SessionEvent.room_id == header.room_id,
                        SessionEvent.seq > after,
                        SessionEvent.audience.in_(header.audiences),
                    )
                    .order_by(SessionEvent.seq)
                    .limit(CHUNK)
                )
            )
        if rows:
            yield b"".join(dump_line(event_line(row)) for row in rows)
        if len(rows) < CHUNK:
            return
        after = rows[-1].seq


# --- import ---------------------------------------------------------------------------------


class InvalidExport(ValueError):
    """The file is not a session export this version reads; the message names the line."""


def _parse(number: int, text: str) -> dict[str, Any]:
    if len(text) > MAX_LINE_BYTES:
        raise InvalidExport(f"line {number}: longer than {MAX_LINE_BYTES} bytes")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidExport(f"line {number}: not JSON ({exc.msg})") from exc
    if not isinstance(value, dict):
        raise InvalidExport(f"line {number}: not a JSON object")
    return value


def _check_header(header: dict[str, Any]) -> dict[str, Any]:
    if header.get("format") != FORMAT or header.get("format_version") != FORMAT_VERSION:
        raise InvalidExport(f"line 1: not a {FORMAT} version {FORMAT_VERSION} export")
    room = header.get("room")
    if not isinstance(room, dict) or not isinstance(room.get("title"), str):
        raise InvalidExport("line 1: room.title is missing")
    if not isinstance(room.get("language"), str):
        raise InvalidExport("line 1: room.language is missing")
    return room


def _event(number: int, line: dict[str, Any], previous_seq: int) -> SessionEvent:
    seq, ts_ms, version = line.get("seq"), line.get("ts_ms"), line.get("version", 1)
    if not isinstance(seq, int) or seq <= previous_seq:
        raise InvalidExport(f"line {number}: seq must be an integer above {previous_seq}")
    if not isinstance(ts_ms, int) or not 0 <= ts_ms < 2**53:
        raise InvalidExport(f"line {number}: ts_ms must be a non-negative integer")
    payload = line.get("payload")
    if payload is not None and not isinstance(payload, dict):
        raise InvalidExport(f"line {number}: payload must be an object or null")
    data = _data(number, line.get("data"))
    type_name = str(line.get("type"))
    try:
        validate_event(type_name, version if isinstance(version, int) else -1, payload, data)
    except InvalidEvent as exc:
        raise InvalidExport(f"line {number}: {exc}") from exc
    return SessionEvent(
        seq=seq,
        type=type_name,
        version=version,
        ts_ms=ts_ms,
        actor_id=_uuid(line.get("actor_id")),
        # The registry decides who may read an event, never the file.
        audience=REGISTRY[type_name].audience,
        payload=payload,
        data=data,
    )


def _data(number: int, value: Any) -> bytes | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidExport(f"line {number}: data must be base64 text or null")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidExport(f"line {number}: data is not base64") from exc


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value is not None else None
    except ValueError:
        return None


def read_export(lines: Iterable[str]) -> tuple[dict[str, Any], list[SessionEvent]]:
    """Parse and check a whole export before anything is written."""
    room: dict[str, Any] | None = None
    events: list[SessionEvent] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        line = _parse(number, text)
        if room is None:
            room = _check_header(line)
            continue
        events.append(_event(number, line, events[-1].seq if events else 0))
    if room is None:
        raise InvalidExport("the file is empty")
    return room, events


async def import_session(session: AsyncSession, *, lines: Iterable[str], owner: User) -> Room:
    """Restore an exported session as a new room owned by `owner` (its only member)."""
    header, events = read_export(lines)
    problem_id = _uuid(header.get("problem_id"))
    if problem_id is not None and await session.get(Problem, problem_id) is None:
        problem_id = None
    ended = header.get("status") == RoomStatus.ENDED
    room = Room(
        title=str(header["title"])[:200],
        language=str(header["language"])[:32],
        problem_id=problem_id,
        owner_id=owner.id,
        status=RoomStatus.ENDED if ended else RoomStatus.ACTIVE,
        ended_at=utcnow() if ended else None,
        last_event_seq=events[-1].seq if events else 0,
    )
    session.add(room)
    await session.flush()
    session.add(Membership(room_id=room.id, user_id=owner.id, role=Role.OWNER, color_index=0))
    known = await _existing_users(session, {e.actor_id for e in events if e.actor_id})
    for event in events:
        event.room_id = room.id
        if event.actor_id not in known:
            event.actor_id = None
    session.add_all(events)
    await session.commit()
    return room


async def _existing_users(session: AsyncSession, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    listed = list(ids)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        found.update(await session.scalars(select(User.id).where(User.id.in_(chunk))))
    return found
