from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Double,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from codecollab.db import Base, UTCDateTime, utcnow

# TEXT is 64 KiB on MySQL; statements and test data need more.
LongText = Text().with_variant(mysql.LONGTEXT(), "mysql")


class Problem(Base):
    """A problem of the bank; its tests are `ProblemTest` rows, in order."""

    __tablename__ = "problems"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    statement: Mapped[str] = mapped_column(LongText)
    difficulty: Mapped[str] = mapped_column(String(16), index=True)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    time_limit_ms: Mapped[int] = mapped_column(Integer)
    memory_limit_mb: Mapped[int] = mapped_column(Integer)
    comparison: Mapped[str] = mapped_column(String(16))
    float_tolerance: Mapped[float] = mapped_column(Double)
    # Language id -> starter code.
    starter_code: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # SHA-256 of the problem's canonical file: seeding skips problems whose hash is unchanged.
    content_hash: Mapped[str] = mapped_column(String(64))
    # The reference solution an author saved with the problem (it passed every test then);
    # None for problems from the bank's files or an import. Staff and admins only.
    reference_language: Mapped[str | None] = mapped_column(String(32), default=None)
    reference_solution: Mapped[str | None] = mapped_column(LongText, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tests: Mapped[list[ProblemTest]] = relationship(
        order_by="ProblemTest.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class ProblemTest(Base):
    """One test: hidden ones' input and output never reach a candidate."""

    __tablename__ = "problem_tests"
    __table_args__ = (UniqueConstraint("problem_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    problem_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("problems.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(100), default=None)
    visible: Mapped[bool] = mapped_column(Boolean, default=False)
    input: Mapped[str] = mapped_column(LongText)
    output: Mapped[str] = mapped_column(LongText)
    # Per-test overrides of the problem's comparison; None means the problem's.
    comparison: Mapped[str | None] = mapped_column(String(16), default=None)
    float_tolerance: Mapped[float | None] = mapped_column(Double, default=None)
