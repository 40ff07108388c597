"""What the running server holds: settings, the database, the signing secret, shared services."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from codecollab.auth.ratelimit import LoginLimiter
from codecollab.config import Settings
from codecollab.db import create_engine, create_sessionmaker


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    jwt_secret: str
    login_limiter: LoginLimiter

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        engine = create_engine(settings.database_url)
        return cls(
            settings=settings,
            engine=engine,
            sessionmaker=create_sessionmaker(engine),
            jwt_secret=settings.resolved_jwt_secret(),
            login_limiter=LoginLimiter.from_settings(settings),
        )

    async def close(self) -> None:
        await self.login_limiter.close()
        await self.engine.dispose()
