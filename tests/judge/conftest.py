"""The real bubblewrap sandbox for judge tests (the judge is the same on every backend)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from codecollab.execution.sandbox.base import Sandbox
from tests.execution.backends import sandbox_fixture


@pytest.fixture(scope="session", params=["bwrap"])
def judge_sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    yield from sandbox_fixture(request)
