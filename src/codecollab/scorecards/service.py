"""Scorecards: each of a room's interviewers writes their own; the room's owner and interviewers
read them all; candidates, observers and guests never learn that any exist (NotFound).
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.db import utcnow
from codecollab.errors import NotFound
from codecollab.rooms import permissions
from codecollab.rooms.service import ROOM_NOT_FOUND, MemberRoom, get_membership
from codecollab.scorecards.models import Scorecard
from codecollab.scorecards.schemas import ScorecardPublic, ScorecardUpdate, ScoredItem
from codecollab.scorecards.templates import rubric_for
from codecollab.users.models import User


async def get_staff_room(session: AsyncSession, *, room_id: uuid.UUID, user: User) -> MemberRoom:
    """The room if the user is its owner or one of its interviewers. Anyone else, members of
    other roles included, gets the same NotFound as for a room that does not exist: scorecards
    are private to the room's staff, and their existence is too."""
    member_room = await get_membership(session, room_id=room_id, user_id=user.id)
    if member_room is None or not permissions.may_read_scorecards(member_room.role):
        raise NotFound(ROOM_NOT_FOUND)
    return member_room


def scorecard_public(card: Scorecard, *, author_name: str) -> ScorecardPublic:
    return ScorecardPublic(
        id=card.id,
        room_id=card.room_id,
        author_id=card.author_id,
        author_name=author_name,
        template_name=card.template_name,
        status="submitted" if card.status == "submitted" else "draft",
        items=[ScoredItem.model_validate(item) for item in card.items],
        recommendation=card.recommendation,
        overall_notes=card.overall_notes,
        overall_at_ms=card.overall_at_ms,
        updated_at=card.updated_at,
        submitted_at=card.submitted_at,
    )


async def _own(session: AsyncSession, room_id: uuid.UUID, author_id: uuid.UUID) -> Scorecard | None:
    return await session.scalar(
        select(Scorecard).where(Scorecard.room_id == room_id, Scorecard.author_id == author_id)
    )


async def my_scorecard(session: AsyncSession, *, room_id: uuid.UUID, user: User) -> ScorecardPublic:
    """The caller's scorecard of the room; before the first save, a new one on the room's
    rubric (nothing is stored by reading)."""
    member_room = await get_staff_room(session, room_id=room_id, user=user)
    card = await _own(session, room_id, user.id)
    if card is not None:
        return scorecard_public(card, author_name=user.display_name)
    template_name, rubric = await rubric_for(session, problem_id=member_room.room.problem_id)
    return ScorecardPublic(
        id=None,
        room_id=room_id,
        author_id=user.id,
        author_name=user.display_name,
        template_name=template_name,
        status="new",
        items=[ScoredItem(title=item.title, description=item.description) for item in rubric],
        recommendation=None,
        overall_notes="",
        overall_at_ms=None,
        updated_at=None,
        submitted_at=None,
    )


async def save_my_scorecard(
    session: AsyncSession, *, room_id: uuid.UUID, user: User, data: ScorecardUpdate
) -> ScorecardPublic:
    """Create or replace the caller's own scorecard: nobody writes another's."""
    try:
        return await _save(session, room_id=room_id, user=user, data=data)
    except IntegrityError:  # the same interviewer's first save, twice at once: the other won
        await session.rollback()
        return await _save(session, room_id=room_id, user=user, data=data)


async def _save(
    session: AsyncSession, *, room_id: uuid.UUID, user: User, data: ScorecardUpdate
) -> ScorecardPublic:
    member_room = await get_staff_room(session, room_id=room_id, user=user)
    card = await _own(session, room_id, user.id)
    if card is None:
        template_name, _rubric = await rubric_for(session, problem_id=member_room.room.problem_id)
        card = Scorecard(room_id=room_id, author_id=user.id, template_name=template_name)
        session.add(card)
    now = utcnow()
    card.items = [item.model_dump() for item in data.items]
    card.recommendation = data.recommendation
    card.overall_notes = data.overall_notes
    card.overall_at_ms = data.overall_at_ms
    if data.status == "submitted" and card.status != "submitted":
        card.submitted_at = now
    card.status = data.status
    card.updated_at = now
    await session.commit()
    await session.refresh(card)
    return scorecard_public(card, author_name=user.display_name)


async def room_scorecards(session: AsyncSession, *, room_id: uuid.UUID) -> list[ScorecardPublic]:
    """Every saved scorecard of the room, oldest first (callers check the right first)."""
    rows = await session.execute(
        select(Scorecard, User)
        .join(User, User.id == Scorecard.author_id)
        .where(Scorecard.room_id == room_id)
        .order_by(Scorecard.created_at, Scorecard.id)
    )
    return [scorecard_public(card, author_name=author.display_name) for card, author in rows]


async def list_scorecards(
    session: AsyncSession, *, room_id: uuid.UUID, user: User
) -> list[ScorecardPublic]:
    await get_staff_room(session, room_id=room_id, user=user)
    return await room_scorecards(session, room_id=room_id)
