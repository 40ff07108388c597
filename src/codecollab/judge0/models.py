"""The table of Judge0 submissions: what was asked, by whom, and how it ended."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from codecollab.db import Base, UTCDateTime, utcnow


class Judge0Submission(Base):
    """One submission: its token is Judge0's (a UUID4); kept for the retention period."""

    __tablename__ = "judge0_submissions"

    token: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    api_key_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("api_keys.id", ondelete="SET NULL"), default=None
    )
    # The submission's fields as run: texts decoded, limits in Judge0's units and effective.
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    status_id: Mapped[int] = mapped_column(Integer)
    # stdout, stderr, compile_output, message, exit_code, exit_signal, time, wall_time, memory.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
