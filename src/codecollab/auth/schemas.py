from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, EmailStr, Field, StringConstraints

from codecollab.schemas import RequestBody
from codecollab.users.schemas import UserPublic
from codecollab.validation import CLEAN

Password = Annotated[str, Field(min_length=8, max_length=256), CLEAN]
DisplayName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), CLEAN
]


class SignupRequest(RequestBody):
    email: Annotated[EmailStr, Field(max_length=320), CLEAN]
    password: Password
    display_name: DisplayName


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
