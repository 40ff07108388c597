from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from codecollab.db import Base, BigIntPK, Binary, UTCDateTime, utcnow


class Audience:
    """Who may read an event: every member, or only the owner and interviewers."""

    ALL = "all"
    STAFF = "staff"


class SessionEvent(Base):
    """One append-only entry of a room's event log, numbered by a per-room sequence."""

    __tablename__ = "session_events"
    __table_args__ = (UniqueConstraint("room_id", "seq"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    # The foreign keys name their type: the event log's writer process binds them without
    # loading the tables they point to.
    room_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("rooms.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(SmallInteger, default=1)
    ts_ms: Mapped[int] = mapped_column(BigInteger)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    audience: Mapped[str] = mapped_column(String(8), default=Audience.ALL)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    data: Mapped[bytes | None] = mapped_column(Binary, default=None)


class DocumentSnapshot(Base):
    """The compacted state of one of a room's documents, covering its log up to `seq`."""

    __tablename__ = "document_snapshots"
    __table_args__ = (UniqueConstraint("room_id", "doc_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    room_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"))
    doc_name: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[bytes] = mapped_column(Binary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
