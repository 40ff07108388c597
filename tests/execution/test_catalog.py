"""The languages found belong to the execution service that found them, for its lifetime."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from codecollab.execution import catalog
from codecollab.execution.catalog import LanguageCatalog, LanguageInfo
from codecollab.execution.languages import Language
from codecollab.execution.sandbox.base import Sandbox
from codecollab.execution.service import ExecutionService
from tests.conftest import make_settings


class CountingSandbox:
    """Every toolchain answers version 1.0; counts the version commands run."""

    name = "counting"

    def __init__(self) -> None:
        self.asked = 0

    async def version(self, language: Language) -> str | None:
        self.asked += 1
        return "1.0"


async def test_each_service_finds_its_languages_once(tmp_path: Path) -> None:
    engine = CountingSandbox()
    settings = make_settings(f"sqlite:///{tmp_path / 'languages.db'}", tmp_path)
    first = ExecutionService.start(settings, sandbox=cast(Sandbox, engine), reason="")
    found = await first.languages()
    assert found
    assert engine.asked == len(found)
    assert await first.languages() == found
    assert engine.asked == len(found)  # kept by the service
    second = ExecutionService.start(settings, sandbox=cast(Sandbox, engine), reason="")
    assert await second.languages() == found
    assert engine.asked == 2 * len(found)  # nothing kept for the process


async def test_a_catalog_with_a_ttl_finds_again_once_it_expires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [100.0]
    monkeypatch.setattr(catalog.time, "monotonic", lambda: now[0])
    calls = 0

    async def find() -> list[LanguageInfo]:
        nonlocal calls
        calls += 1
        return [LanguageInfo("python", "Python 3", "3.11", "python")]

    languages = LanguageCatalog(find, ttl_s=60.0)
    assert languages.known() is None
    await languages.languages()
    assert languages.known() is not None
    now[0] += 59.0
    await languages.languages()
    assert calls == 1
    now[0] += 1.0
    assert languages.known() is None
    await languages.languages()
    assert calls == 2


async def test_without_a_sandbox_the_catalog_is_empty() -> None:
    assert await LanguageCatalog(None, ttl_s=None).languages() == []
