"""The tables of scorecards and their rubric templates."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from codecollab.db import Base, UTCDateTime, utcnow


class ScorecardTemplate(Base):
    """A rubric: per problem (`problem_id`) or the organisation's default (`is_default`)."""

    __tablename__ = "scorecard_templates"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(120))
    # At most one template per problem: the one a room on that problem starts from.
    problem_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("problems.id", ondelete="CASCADE"), unique=True, default=None
    )
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    # [{"title": str, "description": str}], in order.
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Scorecard(Base):
    """One interviewer's assessment of one room."""

    __tablename__ = "scorecards"
    __table_args__ = (UniqueConstraint("room_id", "author_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    room_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    template_name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16))
    recommendation: Mapped[str | None] = mapped_column(String(16), default=None)
    overall_notes: Mapped[str] = mapped_column(Text, default="")
    overall_at_ms: Mapped[int | None] = mapped_column(BigInteger, default=None)
    # [{"title", "description", "rating", "notes", "at_ms"}], in order.
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
