from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field


class ProblemSummary(BaseModel):
    id: uuid.UUID
    slug: str
    title: str
    difficulty: str
    tags: list[str]
    time_limit_ms: int
    memory_limit_mb: int
    starter_languages: list[str] = Field(default_factory=list)
    """The languages the problem has starter code for, in id order (an SQL problem: `sql`);
    a room set to the problem best starts in one of them."""


class SampleTest(BaseModel):
    """A visible test: its data is part of the statement."""

    position: int
    name: str | None
    input: str
    output: str


class ProblemPublic(ProblemSummary):
    """A problem as anyone may see it: samples with their data, hidden tests only counted."""

    statement: str
    comparison: str
    float_tolerance: float
    starter_code: dict[str, str]
    samples: list[SampleTest]
    test_count: int
    hidden_test_count: int
    created_at: datetime
    updated_at: datetime


class ProblemTestFull(BaseModel):
    """Any test with its data: only for admins and a room's owner and interviewers."""

    position: int
    name: str | None
    visible: bool
    input: str
    output: str
    comparison: str
    float_tolerance: float


class ProblemImported(BaseModel):
    outcome: str
    problem: ProblemPublic
