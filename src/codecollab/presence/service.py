"""Who is connected to a room, when each member joined and was last seen or active."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table, bindparam, case, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.presence.models import UserPresence
from codecollab.rooms.models import Membership
from codecollab.users.models import User

# A process refreshes `last_seen_at` of its connected users every HEARTBEAT; a count not refreshed
# for STALE_AFTER belongs to a process that died (kill -9) and is not believed.
HEARTBEAT = timedelta(seconds=30)
STALE_AFTER = 3 * HEARTBEAT


async def record_connect(
    session: AsyncSession, *, room_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> None:
    """Count one more connection of the user; the caller commits."""
    stale = UserPresence.last_seen_at < now - STALE_AFTER
    result = await session.execute(
        update(UserPresence)
        .where(UserPresence.room_id == room_id, UserPresence.user_id == user_id)
        .values(connections=case((stale, 1), else_=UserPresence.connections + 1), last_seen_at=now)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(result) > 0:
        return
    # A concurrent first connect may insert the same row: the caller retries in a new transaction
    # (an IntegrityError, on MariaDB, can end the whole transaction, savepoints included).
    session.add(
        UserPresence(
            room_id=room_id, user_id=user_id, connections=1, first_joined_at=now, last_seen_at=now
        )
    )
    await session.flush()


async def record_disconnect(
    session: AsyncSession, *, room_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> None:
    await session.execute(
        update(UserPresence)
        .where(UserPresence.room_id == room_id, UserPresence.user_id == user_id)
        .values(
            connections=case((UserPresence.connections > 0, UserPresence.connections - 1), else_=0),
            last_seen_at=now,
        )
        .execution_options(synchronize_session=False)
    )


async def record_seen(
    session: AsyncSession,
    *,
    active: Iterable[tuple[uuid.UUID, uuid.UUID]],
    idle: Iterable[tuple[uuid.UUID, uuid.UUID]],
    now: datetime,
) -> None:
    """Heartbeat for connected (room, user) pairs; `active` ones (they edited since the last
    beat) also move `last_active_at`. One prepared statement each, executed for every pair."""
    for statement, pairs in ((_SEEN_ACTIVE, active), (_SEEN, idle)):
        rows = [{"seen_room": room, "seen_user": user, "now": now} for room, user in sorted(pairs)]
        if rows:
            connection = await session.connection()
            await connection.execute(statement, rows)


_PRESENCE: Table = UserPresence.__table__  # type: ignore[assignment]
_PAIR = (_PRESENCE.c.room_id == bindparam("seen_room")) & (
    _PRESENCE.c.user_id == bindparam("seen_user")
)
_SEEN = update(_PRESENCE).where(_PAIR).values(last_seen_at=bindparam("now"))
_SEEN_ACTIVE = (
    update(_PRESENCE)
    .where(_PAIR)
    .values(last_seen_at=bindparam("now"), last_active_at=bindparam("now"))
)


@dataclass(frozen=True)
class MemberPresence:
    user_id: uuid.UUID
    display_name: str
    role: str
    color_index: int
    connected: bool
    connections: int
    first_joined_at: datetime | None
    last_seen_at: datetime | None
    last_active_at: datetime | None


async def room_presence(
    session: AsyncSession, *, room_id: uuid.UUID, now: datetime
) -> list[MemberPresence]:
    """Every member of the room with their presence (never joined: no timestamps)."""
    rows = await session.execute(
        select(Membership, User.display_name, UserPresence)
        .join(User, User.id == Membership.user_id)
        .outerjoin(
            UserPresence,
            (UserPresence.room_id == Membership.room_id)
            & (UserPresence.user_id == Membership.user_id),
        )
        .where(Membership.room_id == room_id)
        .order_by(Membership.joined_at)
    )
    return [_member_presence(m, name, p, now) for m, name, p in rows.all()]


def _member_presence(
    membership: Membership, name: str, presence: UserPresence | None, now: datetime
) -> MemberPresence:
    connections = 0
    if presence is not None and presence.last_seen_at >= now - STALE_AFTER:
        connections = presence.connections
    return MemberPresence(
        user_id=membership.user_id,
        display_name=name,
        role=membership.role,
        color_index=membership.color_index,
        connected=connections > 0,
        connections=connections,
        first_joined_at=presence.first_joined_at if presence else None,
        last_seen_at=presence.last_seen_at if presence else None,
        last_active_at=presence.last_active_at if presence else None,
    )


def _rowcount(result: object) -> int:
    count = getattr(result, "rowcount", 0)
    return int(count) if count is not None else 0
