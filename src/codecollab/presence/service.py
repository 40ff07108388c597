"""Who is connected to a room, when each member joined and was last seen or active."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Integer, Table, bindparam, case, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.presence.models import UserPresence
from codecollab.rooms.models import Membership
from codecollab.users.models import User

# A process refreshes `last_seen_at` of its connected users every HEARTBEAT; a count not refreshed
# for STALE_AFTER belongs to a process that died (kill -9) and is not believed.
HEARTBEAT = timedelta(seconds=30)
STALE_AFTER = 3 * HEARTBEAT


Member = tuple[uuid.UUID, uuid.UUID]  # (room_id, user_id)


@dataclass(frozen=True)
class ConnectionChange:
    """A member's connects and disconnects on one process since its last write: the net change
    of their connection count, and how many connections this process holds now (the count
    written when the stored one is stale, i.e. belongs to a process that died)."""

    delta: int
    held: int


async def record_connection_changes(
    session: AsyncSession, *, changes: Mapping[Member, ConnectionChange], now: datetime
) -> None:
    """Apply a batch of connects and disconnects in three statements, whatever its size; the
    caller commits. A member's first connection inserts their row: a concurrent first connection
    on another process makes this raise IntegrityError, and the caller retries the batch."""
    if not changes:
        return
    existing = await _existing_members(session, changes.keys())
    connection = await session.connection()
    updates = [
        {
            "change_room": room_id,
            "change_user": user_id,
            "delta": change.delta,
            "held": change.held,
            "stale_before": now - STALE_AFTER,
            "now": now,
        }
        for (room_id, user_id), change in sorted(changes.items())
        if (room_id, user_id) in existing
    ]
    if updates:
        await connection.execute(_CHANGE, updates)
    inserts = [
        {
            "room_id": room_id,
            "user_id": user_id,
            "connections": max(change.held, 0),
            "first_joined_at": now,
            "last_seen_at": now,
        }
        for (room_id, user_id), change in sorted(changes.items())
        if (room_id, user_id) not in existing
    ]
    if inserts:
        await connection.execute(insert(_PRESENCE), inserts)


async def _existing_members(session: AsyncSession, members: Iterable[Member]) -> set[Member]:
    wanted = set(members)
    rows = await session.execute(
        select(UserPresence.room_id, UserPresence.user_id).where(
            UserPresence.room_id.in_({room_id for room_id, _ in wanted}),
            UserPresence.user_id.in_({user_id for _, user_id in wanted}),
        )
    )
    return {(room_id, user_id) for room_id, user_id in rows.all()} & wanted


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
_CHANGE = (
    update(_PRESENCE)
    .where(
        (_PRESENCE.c.room_id == bindparam("change_room"))
        & (_PRESENCE.c.user_id == bindparam("change_user"))
    )
    .values(
        connections=case(
            (
                _PRESENCE.c.last_seen_at < bindparam("stale_before"),
                bindparam("held", type_=Integer),
            ),
            (
                _PRESENCE.c.connections + bindparam("delta", type_=Integer) > 0,
                _PRESENCE.c.connections + bindparam("delta", type_=Integer),
            ),
            else_=0,
        ),
        last_seen_at=bindparam("now"),
    )
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
