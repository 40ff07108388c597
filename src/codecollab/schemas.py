"""The base of every request body: unknown fields and NUL characters are refused."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

# For string query parameters: PostgreSQL cannot compare or store NUL in text (a 500 otherwise).
NO_NUL_PATTERN = r"^[^\x00]*$"


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text; no legitimate field contains one.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value
