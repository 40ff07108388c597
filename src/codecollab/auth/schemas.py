from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, EmailStr, Field, StringConstraints, model_validator

from codecollab.auth.password_policy import MAX_LENGTH, WeakPassword, check_password
from codecollab.schemas import RequestBody
from codecollab.users.schemas import UserPublic
from codecollab.validation import CLEAN


def _strong(password: str) -> str:
    try:
        check_password(password)
    except WeakPassword as exc:
        raise ValueError(str(exc)) from exc
    return password


Password = Annotated[str, Field(max_length=MAX_LENGTH), CLEAN, AfterValidator(_strong)]
DisplayName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), CLEAN
]


class SignupRequest(RequestBody):
    email: Annotated[EmailStr, Field(max_length=320), CLEAN]
    password: Password
    display_name: DisplayName

    @model_validator(mode="after")
    def _password_is_not_the_email(self) -> SignupRequest:
        try:
            check_password(self.password, email=self.email)
        except WeakPassword as exc:
            raise ValueError(f"password: {exc}") from exc
        return self


class LoginRequest(RequestBody):
    email: Annotated[str, Field(min_length=1, max_length=320), CLEAN]
    password: Annotated[str, Field(min_length=1, max_length=256), CLEAN]


class RefreshRequest(RequestBody):
    refresh_token: Annotated[str, Field(min_length=1, max_length=200), CLEAN]


class AuthResponse(BaseModel):
    user: UserPublic
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (the OAuth token type, not a secret)
    expires_in: int


class PasswordResetRequest(RequestBody):
    email: Annotated[str, Field(min_length=1, max_length=320), CLEAN]


class PasswordResetConfirm(RequestBody):
    token: Annotated[str, Field(min_length=1, max_length=200), CLEAN]
    password: Password


class PasswordResetOptions(BaseModel):
    by_email: bool
    """Whether this server e-mails reset links on request (else: ask an administrator)."""


class PasswordResetAccepted(BaseModel):
    detail: str = "if an account has this e-mail address, a reset link is on its way to it"


class ResetLinkPublic(BaseModel):
    url: str
    expires_at: datetime


ApiKeyName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), CLEAN
]


class ApiKeyCreate(RequestBody):
    name: ApiKeyName


class ApiKeyPublic(BaseModel):
    """A key as its listing shows it: never the secret, only its first characters."""

    id: uuid.UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


class ApiKeyCreated(BaseModel):
    """The answer to creating a key: the only time the key itself is shown."""

    id: uuid.UUID
    name: str
    prefix: str
    created_at: datetime
    key: str
