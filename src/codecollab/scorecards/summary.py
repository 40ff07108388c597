"""The interview summary: the final code, tests, runs, integrity signals, participants and
every scorecard of a room, in one read for its staff."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.problems.models import Problem
from codecollab.scorecards.schemas import ScorecardPublic
from codecollab.scorecards.service import get_staff_room, room_scorecards
from codecollab.timeline import analytics
from codecollab.timeline.checkpoints import CheckpointWriter
from codecollab.timeline.service import replay_state
from codecollab.users.models import User
from codecollab.validation import MAX_MS

OUTPUT_EXCERPT_CHARS = 2_000
"""How much of the last run's stdout and stderr the summary shows."""


class SummaryRoom(BaseModel):
    id: uuid.UUID
    title: str
    status: str
    problem_id: uuid.UUID | None
    problem_title: str | None
    created_at: datetime
    ended_at: datetime | None


class LatestSubmission(BaseModel):
    verdict: str | None
    passed: int
    total: int


class LastRun(BaseModel):
    status: str | None
    exit_code: int | None
    time_ms: int | None
    stdout: str
    stderr: str


class Participant(BaseModel):
    user_id: uuid.UUID
    display_name: str | None
    role: str | None
    chars_inserted: int
    pastes: int
    largest_paste: int
    focus_losses: int
    time_away_ms: int
    runs: int
    submissions: int


class SummaryPublic(BaseModel):
    room: SummaryRoom
    duration_ms: int
    language: str | None
    code: str
    """The code as it was at the session's last event."""
    submissions: int
    latest_submission: LatestSubmission | None
    runs: int
    last_run: LastRun | None
    participants: list[Participant]
    scorecards: list[ScorecardPublic]


async def interview_summary(
    session: AsyncSession,
    checkpoints: CheckpointWriter,
    *,
    room_id: uuid.UUID,
    user: User,
) -> SummaryPublic:
    member_room = await get_staff_room(session, room_id=room_id, user=user)
    room = member_room.room
    problem = await session.get(Problem, room.problem_id) if room.problem_id else None
    summary_room = SummaryRoom(
        id=room.id,
        title=room.title,
        status=room.status,
        problem_id=room.problem_id,
        problem_title=problem.title if problem else None,
        created_at=room.created_at,
        ended_at=room.ended_at,
    )
    scorecards = await room_scorecards(session, room_id=room_id)
    figures = await analytics.room_analytics(session, room_id=room_id, user=user)
    state, _at = await replay_state(session, checkpoints, room_id=room_id, user=user, at_ms=MAX_MS)
    participants = [_participant(p) for p in figures.participants]
    return SummaryPublic(
        room=summary_room,
        duration_ms=figures.duration_ms,
        language=state.language,
        code=state.code,
        submissions=sum(p.submissions for p in participants),
        latest_submission=_latest_submission(state.last_verdict),
        runs=sum(p.runs for p in participants),
        last_run=_last_run(state.last_run),
        participants=participants,
        scorecards=scorecards,
    )


def _participant(figures: analytics.ParticipantFigures) -> Participant:
    return Participant(
        user_id=figures.user_id,
        display_name=figures.display_name,
        role=figures.role,
        chars_inserted=figures.chars_inserted,
        pastes=len(figures.pastes),
        largest_paste=max((paste.size for paste in figures.pastes), default=0),
        focus_losses=len(figures.focus_losses),
        time_away_ms=figures.time_away_ms,
        runs=figures.runs,
        submissions=figures.submissions,
    )


def _latest_submission(verdict: dict[str, Any] | None) -> LatestSubmission | None:
    if verdict is None:
        return None
    return LatestSubmission(
        verdict=_text_or_none(verdict.get("verdict")),
        passed=_int_or_zero(verdict.get("passed")),
        total=_int_or_zero(verdict.get("total")),
    )


def _last_run(run: dict[str, Any] | None) -> LastRun | None:
    if run is None:
        return None
    return LastRun(
        status=_text_or_none(run.get("status")),
        exit_code=run.get("exit_code") if isinstance(run.get("exit_code"), int) else None,
        time_ms=run.get("time_ms") if isinstance(run.get("time_ms"), int) else None,
        stdout=str(run.get("stdout") or "")[:OUTPUT_EXCERPT_CHARS],
        stderr=str(run.get("stderr") or "")[:OUTPUT_EXCERPT_CHARS],
    )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int_or_zero(value: Any) -> int:
    return value if isinstance(value, int) else 0
