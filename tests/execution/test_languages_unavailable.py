"""A sandbox engine that fails while languages are listed gives an empty list, not a 500."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from codecollab.execution.languages import Language
from codecollab.execution.sandbox.base import Sandbox, SandboxError
from codecollab.execution.service import ExecutionService
from tests.conftest import make_settings


class FailingEngine:
    """A sandbox whose engine refuses to start containers (as podman does once its service's
    working directory is deleted)."""

    name = "failing-engine"

    def __init__(self) -> None:
        self.asked = 0

    async def version(self, language: Language) -> str | None:
        self.asked += 1
        raise SandboxError(f"the engine could not start {language.id}'s container")


async def test_a_failing_engine_lists_no_languages_and_is_asked_again_next_time(
    tmp_path: Path,
) -> None:
    engine = FailingEngine()
    settings = make_settings(f"sqlite:///{tmp_path / 'languages.db'}", tmp_path)
    service = ExecutionService.start(settings, sandbox=cast(Sandbox, engine), reason="")
    assert await service.languages() == []
    first = engine.asked
    assert await service.languages() == []
    assert engine.asked > first > 0
