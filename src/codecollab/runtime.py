"""What the running server holds: settings, the database, the signing secret, shared services."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from codecollab.auth.password_policy import common_passwords
from codecollab.auth.passwords import PasswordService
from codecollab.auth.ratelimit import (
    InvitePreviewLimiter,
    LoginLimiter,
    PasswordResetLimiter,
    SignupLimiter,
)
from codecollab.config import Settings
from codecollab.db import create_engine, create_sessionmaker
from codecollab.events.writer import connect_event_log
from codecollab.private_files import private_dir

RightsListener = Callable[[uuid.UUID], Awaitable[None]]


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    jwt_secret: str
    login_limiter: LoginLimiter
    signup_limiter: SignupLimiter
    invite_preview_limiter: InvitePreviewLimiter
    reset_limiter: PasswordResetLimiter
    passwords: PasswordService
    # Awaited with a room id after its rights change (role change, session end, removal, deletion),
    # so live connections can re-check what their users may do.
    rights_listeners: list[RightsListener] = field(default_factory=list)

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        if settings.data_dir.exists():  # an installation from before it was made private
            private_dir(settings.data_dir)
        common_passwords()  # ~50 ms: at start, not in the first sign-up's request
        engine = create_engine(settings.database_url)
        return cls(
            settings=settings,
            engine=engine,
            sessionmaker=create_sessionmaker(engine),
            jwt_secret=settings.resolved_jwt_secret(),
            login_limiter=LoginLimiter.from_settings(settings),
            signup_limiter=SignupLimiter.from_settings(settings),
            invite_preview_limiter=InvitePreviewLimiter.from_settings(settings),
            reset_limiter=PasswordResetLimiter.from_settings(settings),
            passwords=PasswordService.from_settings(settings),
        )

    async def rights_changed(self, room_id: uuid.UUID) -> None:
        for listener in self.rights_listeners:
            await listener(room_id)

    def connect_event_log(self) -> AsyncEngine:
        """The engine of the live event log's group commit (made and used on its own thread)."""
        return connect_event_log(self.settings.database_url)

    async def close(self) -> None:
        await self.engine.dispose()
