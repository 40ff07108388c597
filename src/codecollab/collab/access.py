"""Who may open which document: token, membership, role and the room's status decide."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.auth.tokens import InvalidToken, decode_access_token
from codecollab.collab.closecodes import CloseCode
from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.engine import AccessDenied, Authorizer
from codecollab.collab.identity import Identity
from codecollab.collab.peer import Access
from codecollab.rooms.models import Membership, Room
from codecollab.rooms.permissions import can_read_private_notes, can_write
from codecollab.users.models import User


def authenticate(token: str | None, *, secret: str) -> uuid.UUID:
    """The user a token was issued to; AccessDenied(4401) otherwise."""
    if not token:
        raise AccessDenied(CloseCode.UNAUTHENTICATED, "missing token")
    try:
        return decode_access_token(token, secret=secret)
    except InvalidToken as exc:
        raise AccessDenied(CloseCode.UNAUTHENTICATED, str(exc)) from exc


def document_key(room_id: str, kind: DocumentKind) -> DocumentKey:
    try:
        return DocumentKey(uuid.UUID(room_id), kind)
    except ValueError as exc:
        raise AccessDenied(CloseCode.NOT_FOUND, "no such room") from exc


async def load_access(session: AsyncSession, key: DocumentKey, user_id: uuid.UUID) -> Access:
    """What `user_id` may do with the document now; AccessDenied with the close code otherwise."""
    user = await session.get(User, user_id)
    if user is None:
        raise AccessDenied(CloseCode.UNAUTHENTICATED, "unknown user")
    row = (
        await session.execute(
            select(Membership.role, Membership.color_index, Room.status)
            .join(Room, Room.id == Membership.room_id)
            .where(Membership.room_id == key.room_id, Membership.user_id == user_id)
        )
    ).one_or_none()
    if row is None:
        # A non-member learns nothing, not even whether the room exists.
        raise AccessDenied(CloseCode.NOT_FOUND, "no such room")
    role, color_index, status = row
    identity = Identity(user_id=user.id, name=user.display_name, color_index=color_index)
    if key.kind is DocumentKind.NOTES:
        if not can_read_private_notes(role):
            raise AccessDenied(CloseCode.FORBIDDEN, "private notes are for the interviewers")
        return Access(identity=identity, role=role, can_write=True)
    if key.kind.server_only:
        # Every member reads it; nobody's update is ever applied, stored or relayed.
        return Access(identity=identity, role=role, can_write=False)
    return Access(identity=identity, role=role, can_write=can_write(role, status))


def database_authorizer(sessionmaker: async_sessionmaker[AsyncSession]) -> Authorizer:
    async def authorize(key: DocumentKey, user_id: uuid.UUID) -> Access:
        async with sessionmaker() as session:
            return await load_access(session, key, user_id)

    return authorize
