"""The `sandbox` fixture: every test using it runs on each backend in backends.SANDBOX_BACKENDS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from codecollab.execution.sandbox.base import Sandbox
from tests.execution.backends import SANDBOX_BACKENDS, sandbox_fixture


@pytest.fixture(scope="session", params=sorted(SANDBOX_BACKENDS))
def sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    yield from sandbox_fixture(request)
