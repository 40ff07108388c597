"""Replay checkpoints: the full replay state of a room after a given event of its log."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from codecollab.db import Base, BigIntPK, Binary


class TimelineCheckpoint(Base):
    """The state after every event up to `seq`; `ts_ms` is the latest timestamp among them."""

    __tablename__ = "timeline_checkpoints"
    __table_args__ = (
        UniqueConstraint("room_id", "seq"),
        Index("ix_timeline_checkpoints_room_ts", "room_id", "ts_ms"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    room_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger)
    ts_ms: Mapped[int] = mapped_column(BigInteger)
    # The code document's full state (a Yjs update) and the rest of the replay state (JSON).
    document: Mapped[bytes] = mapped_column(Binary)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
