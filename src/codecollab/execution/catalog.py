"""What languages this server can run: found by asking the sandbox (or the workers), then kept.

A language is listed when its toolchain answers its version command in the sandbox. Version
commands are slow (a JVM, tsc), so the list is found on first use and kept by the execution
service that owns the catalog, for the service's lifetime when the sandbox is this process's
own (toolchains do not change under it) or for ``ttl_s`` when the workers of the Redis queue
answer (they come and go). A failed search is not kept: the next request asks again. The
catalog holds one list, at most one entry per language file.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from codecollab.execution.languages import Language, load_languages
from codecollab.execution.queue import ExecutorUnavailable
from codecollab.execution.sandbox.base import Sandbox, SandboxError

logger = logging.getLogger(__name__)

VERSION_CONCURRENCY = 2


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    id: str
    name: str
    version: str
    monaco: str


async def available_languages(sandbox: Sandbox) -> list[LanguageInfo]:
    """Languages whose toolchain answers its version command in this sandbox, in id order."""
    gate = asyncio.Semaphore(VERSION_CONCURRENCY)

    async def probe(language: Language) -> LanguageInfo | None:
        async with gate:
            version = await sandbox.version(language)
        if version is None:
            return None
        return LanguageInfo(language.id, language.name, version, language.monaco)

    found = await asyncio.gather(*(probe(language) for language in load_languages().values()))
    return [info for info in found if info is not None]


class LanguageCatalog:
    """The languages found by ``find``, kept for ``ttl_s`` seconds (None: for good)."""

    def __init__(
        self, find: Callable[[], Awaitable[list[LanguageInfo]]] | None, *, ttl_s: float | None
    ) -> None:
        """``find`` None: nothing can run here, the catalog is empty."""
        self._find = find
        self._ttl_s = ttl_s
        self._found: list[LanguageInfo] | None = None
        self._found_at = 0.0
        self._finding = asyncio.Lock()

    def known(self) -> list[LanguageInfo] | None:
        """The languages found so far, if they were found and are still fresh."""
        if self._found is None:
            return None
        if self._ttl_s is not None and time.monotonic() - self._found_at >= self._ttl_s:
            return None
        return self._found

    async def languages(self) -> list[LanguageInfo]:
        """What this server can run now (found on first use, then kept)."""
        if self._find is None:
            return []
        async with self._finding:
            known = self.known()
            if known is not None:
                return known
            try:
                found = await self._find()
            except (ExecutorUnavailable, SandboxError, OSError) as exc:
                # Not kept: the next request asks the engine again.
                logger.warning("could not list languages: %s", exc)
                return []
            self._found, self._found_at = found, time.monotonic()
            return found
