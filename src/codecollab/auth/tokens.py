"""Signed tokens: short-lived access JWTs and typed, single-purpose invite JWTs (PyJWT, HS256)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

import jwt

from codecollab.db import utcnow

ALGORITHM = "HS256"
ACCESS = "access"
INVITE = "invite"
REQUIRED_CLAIMS = ["exp", "iat", "sub", "jti", "typ"]


class InvalidToken(Exception):
    """The token is malformed, tampered with, expired, or of the wrong type."""


def _encode(*, secret: str, subject: str, token_type: str, ttl: timedelta, now: datetime) -> str:
    claims = {
        "sub": subject,
        "typ": token_type,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def _decode(token: str, *, secret: str, token_type: str, verify_exp: bool = True) -> str:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require": REQUIRED_CLAIMS, "verify_exp": verify_exp},
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("token expired") from exc
    except jwt.PyJWTError as exc:
        raise InvalidToken("invalid token") from exc
    if claims.get("typ") != token_type:
        raise InvalidToken(f"not an {token_type} token")
    subject = claims["sub"]
    if not isinstance(subject, str):
        raise InvalidToken("invalid token")
    return subject


def _subject_uuid(subject: str) -> uuid.UUID:
    try:
        return uuid.UUID(subject)
    except ValueError as exc:
        raise InvalidToken("invalid token") from exc


def create_access_token(user_id: uuid.UUID, *, secret: str, ttl_s: int) -> str:
    return _encode(
        secret=secret,
        subject=str(user_id),
        token_type=ACCESS,
        ttl=timedelta(seconds=ttl_s),
        now=utcnow(),
    )


def decode_access_token(token: str, *, secret: str) -> uuid.UUID:
    """The user id an access token was issued to; raises InvalidToken otherwise."""
    return _subject_uuid(_decode(token, secret=secret, token_type=ACCESS))


def create_invite_token(invite_id: uuid.UUID, *, secret: str, expires_at: datetime) -> str:
    now = utcnow()
    return _encode(
        secret=secret, subject=str(invite_id), token_type=INVITE, ttl=expires_at - now, now=now
    )


def decode_invite_token(token: str, *, secret: str, verify_exp: bool = True) -> uuid.UUID:
    """The invite id an invite token names; raises InvalidToken otherwise.

    `verify_exp=False` still checks the signature and type: the invite preview tells an
    expired invite (a real one, past its time) from a forged token."""
    return _subject_uuid(_decode(token, secret=secret, token_type=INVITE, verify_exp=verify_exp))


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
