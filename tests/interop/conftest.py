"""Real npm `yjs` + `y-websocket` clients (tests/interop/driver.mjs) against our server."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.collab.conftest import (  # noqa: F401  (the collab fixtures, for the interop tests)
    api,
    collab_app,
    connect,
    live,
    pytest_configure,
    room,
)

INTEROP_DIR = Path(__file__).parent
DRIVER = INTEROP_DIR / "driver.mjs"
# Types a real editing trace through a y-websocket v3 provider (tests/security/test_fast_client.py).
TRACE_DRIVER = INTEROP_DIR / "trace_driver.mjs"


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """`npm ci` once if the packages are missing (CI: scripts/ci/interop.sh does it up front)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm are not installed: run scripts/ci/interop.sh")
    modules = INTEROP_DIR / "node_modules"
    if not all((modules / package).exists() for package in ("y-websocket", "y-websocket-v3")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=INTEROP_DIR, check=True)
    return modules


@dataclass
class Driver:
    """One run of driver.mjs: its JSON lines as they come."""

    process: asyncio.subprocess.Process
    events: list[dict[str, Any]] = field(default_factory=list)

    async def next_event(self, name: str, timeout: float = 60) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while True:
                for event in self.events:
                    if event.get("event") == name:
                        return event
                assert self.process.stdout is not None
                line = await self.process.stdout.readline()
                if not line:
                    stderr = await self.process.stderr.read() if self.process.stderr else b""
                    raise AssertionError(
                        f"driver ended without {name!r}: {self.events} {stderr.decode()[-2000:]}"
                    )
                event = json.loads(line)
                if event.get("event") == "timeout":
                    raise AssertionError(f"driver timed out: {event}")
                self.events.append(event)

    async def say(self, line: str) -> None:
        """A line on the driver's stdin (the trace driver waits for one at each checkpoint)."""
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()

    async def finish(self) -> None:
        try:
            async with asyncio.timeout(30):
                await self.process.wait()
        finally:
            if self.process.returncode is None:
                self.process.kill()
                await self.process.wait()


async def start_driver(node_modules: Path, *, script: Path = DRIVER, **config: Any) -> Driver:
    process = await asyncio.create_subprocess_exec(
        "node",
        str(script),
        json.dumps(config),
        cwd=INTEROP_DIR,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    return Driver(process)


async def run_driver(node_modules: Path, event: str = "done", **config: Any) -> dict[str, Any]:
    driver = await start_driver(node_modules, **config)
    try:
        return await driver.next_event(event)
    finally:
        await driver.finish()
