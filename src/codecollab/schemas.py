"""The base of every request body: unknown fields are refused; text is checked everywhere."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from codecollab.validation import check_text


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        # A safety net: every string field's type carries the same check (validation.CLEAN).
        return check_text(value)
