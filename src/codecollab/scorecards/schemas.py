"""Request and response bodies of scorecards, rubric templates and the interview summary.

Every field is bounded: a rubric has at most MAX_ITEMS items, every text a maximum length, every
replay moment at most MAX_MS."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from codecollab.schemas import RequestBody
from codecollab.validation import CLEAN, MAX_MS

MAX_ITEMS = 30
MAX_NAME_CHARS = 120
MAX_TITLE_CHARS = 120
MAX_DESCRIPTION_CHARS = 1_000
MAX_ITEM_NOTES_CHARS = 4_000
MAX_OVERALL_NOTES_CHARS = 10_000

Rating = Literal["strong_no", "no", "yes", "strong_yes"]
"""The 4-point scale of every rubric item and of the overall recommendation."""
Status = Literal["draft", "submitted"]

Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS), CLEAN]
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE_CHARS), CLEAN]
Description = Annotated[str, Field(max_length=MAX_DESCRIPTION_CHARS), CLEAN]
ItemNotes = Annotated[str, Field(max_length=MAX_ITEM_NOTES_CHARS), CLEAN]
OverallNotes = Annotated[str, Field(max_length=MAX_OVERALL_NOTES_CHARS), CLEAN]
AtMs = Annotated[int, Field(ge=0, le=MAX_MS)]
"""A replay moment: milliseconds after the session began."""


class RubricItem(RequestBody):
    title: Title
    description: Description = ""


class TemplateCreate(RequestBody):
    name: Name
    problem_id: uuid.UUID | None = None
    """The problem whose rooms start from this template (at most one template per problem)."""
    is_default: bool = False
    """The organisation's default, for rooms whose problem has no template of its own."""
    items: Annotated[list[RubricItem], Field(min_length=1, max_length=MAX_ITEMS)]


class TemplatePublic(BaseModel):
    id: uuid.UUID
    name: str
    problem_id: uuid.UUID | None
    is_default: bool
    items: list[RubricItem]
    updated_at: datetime


class ScoredItem(RequestBody):
    title: Title
    description: Description = ""
    rating: Rating | None = None
    notes: ItemNotes = ""
    at_ms: AtMs | None = None
    """The replay moment this remark is about, if any."""


class ScorecardUpdate(RequestBody):
    items: Annotated[list[ScoredItem], Field(min_length=1, max_length=MAX_ITEMS)]
    recommendation: Rating | None = None
    overall_notes: OverallNotes = ""
    overall_at_ms: AtMs | None = None
    status: Status = "draft"

    @model_validator(mode="after")
    def _submitted_has_recommendation(self) -> ScorecardUpdate:
        if self.status == "submitted" and self.recommendation is None:
            raise ValueError("a submitted scorecard needs an overall recommendation")
        return self


class ScorecardPublic(BaseModel):
    id: int | None
    """Null for a scorecard not saved yet (what `GET …/scorecards/me` shows before a save)."""
    room_id: uuid.UUID
    author_id: uuid.UUID
    author_name: str
    template_name: str
    status: Literal["new", "draft", "submitted"]
    items: list[ScoredItem]
    recommendation: Rating | None
    overall_notes: str
    overall_at_ms: int | None
    updated_at: datetime | None
    submitted_at: datetime | None
