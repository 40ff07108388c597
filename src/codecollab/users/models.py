from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from codecollab.db import Base, UTCDateTime, utcnow
from codecollab.users.roles import InstanceRole


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # Stored lower-cased: the unique index makes e-mail unique case-insensitively on every backend.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    # An InstanceRole: member, staff or admin (users/roles.py).
    role: Mapped[str] = mapped_column(
        String(16), default=InstanceRole.MEMBER.value, server_default=InstanceRole.MEMBER.value
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_admin(self) -> bool:
        return self.role == InstanceRole.ADMIN
