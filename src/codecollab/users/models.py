from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from codecollab.db import Base, UTCDateTime, utcnow
from codecollab.users.roles import InstanceRole


class UserKind(StrEnum):
    ACCOUNT = "account"
    # A person who joined one room by invite with a name only: no e-mail, no password, no
    # login; their access token works for `guest_room_id` alone (web/deps.py).
    GUEST = "guest"


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # Stored lower-cased: the unique index makes e-mail unique case-insensitively on every backend.
    # None for guests (several NULLs never collide in a unique index, on any backend).
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # An InstanceRole: member, staff or admin (users/roles.py).
    role: Mapped[str] = mapped_column(
        String(16), default=InstanceRole.MEMBER.value, server_default=InstanceRole.MEMBER.value
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(
        String(16), default=UserKind.ACCOUNT.value, server_default=UserKind.ACCOUNT.value
    )
    # The one room a guest may use. No foreign key (rooms already point at users): deleting a
    # room deletes its guests (rooms.service.delete_room).
    guest_room_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None, index=True)

    @property
    def is_admin(self) -> bool:
        return self.role == InstanceRole.ADMIN

    @property
    def is_guest(self) -> bool:
        return self.kind == UserKind.GUEST
