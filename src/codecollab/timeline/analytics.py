"""The session in numbers: facts per participant with their timestamps, never a score.

Characters inserted and deleted come from the document updates themselves: each update is
applied in order to a document whose text is observed, and the change it makes (the Yjs delta)
is counted for the update's author.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from pycrdt import Doc, Text, TextEvent
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.cooperative import yielding
from codecollab.errors import Forbidden
from codecollab.events import types as t
from codecollab.events.models import SessionEvent
from codecollab.rooms import permissions
from codecollab.rooms.service import get_member_room
from codecollab.timeline.service import session_bounds
from codecollab.users.models import User

IDLE_AFTER_MS = 5_000
"""A pause between two of a participant's edits longer than this is idle time, not typing."""


class Paste(BaseModel):
    at_ms: int
    size: int


class FocusLoss(BaseModel):
    at_ms: int
    away_ms: int | None
    """Until focus came back (or the session ended); null if neither happened."""


class ParticipantFigures(BaseModel):
    user_id: uuid.UUID
    display_name: str | None = None
    role: str | None = None
    chars_inserted: int = 0
    chars_deleted: int = 0
    edits: int = 0
    active_typing_ms: int = 0
    idle_ms: int = 0
    pastes: list[Paste] = []
    """Largest first."""
    focus_losses: list[FocusLoss] = []
    time_away_ms: int = 0
    runs: int = 0
    submissions: int = 0
    first_run_at_ms: int | None = None
    first_accepted_at_ms: int | None = None


class TestProgress(BaseModel):
    __test__ = False

    at_ms: int
    actor_id: uuid.UUID | None
    verdict: str
    passed: int
    total: int


class AnalyticsPublic(BaseModel):
    started_at_ms: int
    duration_ms: int
    participants: list[ParticipantFigures]
    test_progression: list[TestProgress]


@dataclass
class _Tally:
    figures: ParticipantFigures
    last_edit_ms: int | None = None
    lost_at: int | None = None
    losses: list[FocusLoss] = field(default_factory=list)


class _Analysis:
    def __init__(self, started_ms: int, end_ms: int) -> None:
        self.started = started_ms
        self.end = end_ms
        self.tallies: dict[uuid.UUID, _Tally] = {}
        self.progression: list[TestProgress] = []
        self.doc: Doc[Any] = Doc()
        self.text = self.doc.get("code", type=Text)
        self._inserted = 0
        self._deleted = 0
        self.text.observe(self._observe)

    def _observe(self, event: TextEvent) -> None:
        delta: list[dict[str, Any]] = getattr(event, "delta", [])
        for op in delta:
            insert = op.get("insert")
            if isinstance(insert, str):
                self._inserted += len(insert)
            deleted = op.get("delete")
            if isinstance(deleted, int):
                self._deleted += deleted

    def tally(self, user_id: uuid.UUID) -> _Tally:
        tally = self.tallies.get(user_id)
        if tally is None:
            tally = self.tallies[user_id] = _Tally(ParticipantFigures(user_id=user_id))
        return tally

    def at(self, ts_ms: int) -> int:
        return ts_ms - self.started

    def add(self, row: tuple[Any, ...]) -> None:
        type_, ts_ms, actor_id, payload, data = row
        if type_ == t.DOC_UPDATE:
            self._edit(ts_ms, actor_id, data)
            return
        if type_ == t.MEMBER_JOINED and payload:
            self._member(payload)
        if actor_id is None:
            return
        handler = _ACTOR_HANDLERS.get(type_)
        if handler is not None:
            handler(self, self.tally(actor_id), ts_ms, payload or {})

    def _member(self, payload: dict[str, Any]) -> None:
        try:
            user_id = uuid.UUID(str(payload.get("user_id")))
        except ValueError:
            return
        figures = self.tally(user_id).figures
        figures.display_name = payload.get("display_name")
        figures.role = payload.get("role")

    def _edit(self, ts_ms: int, actor_id: uuid.UUID | None, data: bytes | None) -> None:
        self._inserted = self._deleted = 0
        if data:
            self.doc.apply_update(data)
        if actor_id is None:
            return
        tally = self.tally(actor_id)
        figures = tally.figures
        figures.chars_inserted += self._inserted
        figures.chars_deleted += self._deleted
        figures.edits += 1
        if tally.last_edit_ms is not None and ts_ms - tally.last_edit_ms <= IDLE_AFTER_MS:
            figures.active_typing_ms += ts_ms - tally.last_edit_ms
        tally.last_edit_ms = ts_ms

    def _role(self, tally: _Tally, ts_ms: int, payload: dict[str, Any]) -> None:
        try:
            target = uuid.UUID(str(payload.get("user_id")))
        except ValueError:
            return
        self.tally(target).figures.role = payload.get("to")

    def _paste(self, tally: _Tally, ts_ms: int, payload: dict[str, Any]) -> None:
        size = payload.get("size")
        tally.figures.pastes.append(
            Paste(at_ms=self.at(ts_ms), size=size if isinstance(size, int) else 0)
        )

    def _focus_lost(self, tally: _Tally, ts_ms: int, payload: dict[str, Any]) -> None:
        if tally.lost_at is None:
            tally.lost_at = ts_ms

    def _focus_regained(self, tally: _Tally, ts_ms: int, payload: dict[str, Any]) -> None:
        if tally.lost_at is not None:
            tally.losses.append(
                FocusLoss(at_ms=self.at(tally.lost_at), away_ms=ts_ms - tally.lost_at)
            )
            tally.lost_at = None

    def _run(self, tally: _Tally, ts_ms: int, payload: dict[str, Any]) -> None:
        tally.figures.runs += 1
        if tally.figures.first_run_at_ms is None:
            tally.figures.first_run_at_ms = self.at(ts_ms)

    def _submitted(self, tally: _Tally, ts_ms: int, payload: dict[str, Any]) -> None:
        tally.figures.submissions += 1

    def _judged(self, tally: _Tally, ts_ms: int, payload: dict[str, Any]) -> None:
        verdict = str(payload.get("verdict"))
        self.progression.append(
            TestProgress(
                at_ms=self.at(ts_ms),
                actor_id=tally.figures.user_id,
                verdict=verdict,
                passed=int(payload.get("passed") or 0),
                total=int(payload.get("total") or 0),
            )
        )
        if verdict == "accepted" and tally.figures.first_accepted_at_ms is None:
            tally.figures.first_accepted_at_ms = self.at(ts_ms)

    def result(self) -> AnalyticsPublic:
        duration = max(0, self.end - self.started)
        participants = []
        for tally in self.tallies.values():
            figures = tally.figures
            losses = tally.losses
            if tally.lost_at is not None:
                losses.append(FocusLoss(at_ms=self.at(tally.lost_at), away_ms=None))
            figures.focus_losses = losses
            figures.time_away_ms = sum(loss.away_ms or 0 for loss in losses)
            figures.pastes.sort(key=lambda paste: (-paste.size, paste.at_ms))
            figures.idle_ms = max(0, duration - figures.active_typing_ms)
            participants.append(figures)
        return AnalyticsPublic(
            started_at_ms=self.started,
            duration_ms=duration,
            participants=participants,
            test_progression=self.progression,
        )


_ACTOR_HANDLERS = {
    t.MEMBER_ROLE_CHANGED: _Analysis._role,
    t.SIGNAL_PASTE: _Analysis._paste,
    t.SIGNAL_FOCUS_LOST: _Analysis._focus_lost,
    t.SIGNAL_FOCUS_REGAINED: _Analysis._focus_regained,
    t.RUN_STARTED: _Analysis._run,
    t.SUBMISSION_STARTED: _Analysis._submitted,
    t.SUBMISSION_FINISHED: _Analysis._judged,
}
_READ_TYPES = (t.DOC_UPDATE, t.MEMBER_JOINED, *_ACTOR_HANDLERS)
_CHUNK = 10_000


async def room_analytics(
    session: AsyncSession, *, room_id: uuid.UUID, user: User
) -> AnalyticsPublic:
    member_room = await get_member_room(session, room_id=room_id, user=user)
    if not permissions.is_staff(member_room.role):
        raise Forbidden("only the owner and interviewers can read the analytics")
    bounds = await session_bounds(session, room_id)
    end = bounds.ended_ms if bounds.ended_ms is not None else bounds.last_ms
    analysis = _Analysis(bounds.started_ms, end)
    after = 0
    while True:
        rows = (
            await session.execute(
                select(
                    SessionEvent.seq,
                    SessionEvent.type,
                    SessionEvent.ts_ms,
                    SessionEvent.actor_id,
                    SessionEvent.payload,
                    SessionEvent.data,
                )
                .where(
                    SessionEvent.room_id == room_id,
                    SessionEvent.seq > after,
                    SessionEvent.type.in_(_READ_TYPES),
                )
                .order_by(SessionEvent.seq)
                .limit(_CHUNK)
            )
        ).all()
        async for row in yielding(rows):
            analysis.add(tuple(row)[1:])
        if len(rows) < _CHUNK:
            return analysis.result()
        after = rows[-1][0]
