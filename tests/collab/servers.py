"""Real `codecollab serve` processes for the tests that kill, restart or multiply servers."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import TEST_PASSWORD, TEST_SECRET, TEST_SIGNUP_RATE_LIMIT

READY_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServerProcess:
    """`python -m codecollab serve` on a fixed port, so it can be killed and started again."""

    def __init__(
        self, *, database_url: str, data_dir: Path, redis_url: str | None = None, **env: str
    ) -> None:
        self.port = free_port()
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "JWT_SECRET": TEST_SECRET,
            "CODECOLLAB_DATA_DIR": str(data_dir),
            "CODECOLLAB_ARGON2_TIME_COST": "1",
            "CODECOLLAB_ARGON2_MEMORY_KIB": "1024",
            "CODECOLLAB_SIGNUP_RATE_LIMIT": TEST_SIGNUP_RATE_LIMIT,
            **env,
        }
        self.env.pop("REDIS_URL", None)
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.log = data_dir / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    async def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "codecollab", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        await self._wait_ready()

    async def _wait_ready(self) -> None:
        async with httpx.AsyncClient() as http, asyncio.timeout(READY_TIMEOUT_S):
            while True:
                assert self.process is not None
                if self.process.poll() is not None:
                    raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
                try:
                    if (await http.get(self.http_url + "/healthz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.05)

    def kill(self) -> None:
        """kill -9: no flush, no goodbye."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def terminate(self) -> None:
        """SIGTERM: the clean shutdown path."""
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


class HttpApi:
    """Sign up and create rooms on a server process."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    async def signup(self, name: str = "") -> dict[str, Any]:
        name = name or f"user{uuid.uuid4().hex[:10]}"
        async with httpx.AsyncClient(base_url=self.base_url, timeout=60) as http:
            response = await http.post(
                "/api/auth/signup",
                json={
                    "email": f"{name}@example.com",
                    "password": TEST_PASSWORD,
                    "display_name": name.title(),
                },
            )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    async def create_room(self, owner: dict[str, Any]) -> str:
        async with httpx.AsyncClient(base_url=self.base_url, timeout=60) as http:
            response = await http.post(
                "/api/rooms",
                json={"title": "Interview", "starter": "empty"},
                headers={"Authorization": f"Bearer {owner['access_token']}"},
            )
        assert response.status_code == 201, response.text
        room_id: str = response.json()["id"]
        return room_id

    async def post_chat(self, account: dict[str, Any], room_id: str, text: str) -> None:
        async with httpx.AsyncClient(base_url=self.base_url, timeout=60) as http:
            response = await http.post(
                f"/api/rooms/{room_id}/chat",
                json={"text": text},
                headers={"Authorization": f"Bearer {account['access_token']}"},
            )
        assert response.status_code == 201, response.text


async def stored_text(database_url: str, room_id: str, event_type: str = "doc.update") -> str:
    """The code text the room's event log holds, read straight from the database."""
    from pycrdt import Doc, Text
    from sqlalchemy import select

    from codecollab.db import create_engine, create_sessionmaker
    from codecollab.events.models import SessionEvent

    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            rows = await session.execute(
                select(SessionEvent.data)
                .where(SessionEvent.room_id == uuid.UUID(room_id), SessionEvent.type == event_type)
                .order_by(SessionEvent.seq)
            )
            doc: Doc = Doc()
            text = doc.get("code", type=Text)
            for (data,) in rows.all():
                doc.apply_update(data)
            return str(text)
    finally:
        await engine.dispose()


async def event_count(database_url: str, room_id: str) -> int:
    from sqlalchemy import func, select

    from codecollab.db import create_engine
    from codecollab.events.models import SessionEvent

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            count = await connection.scalar(
                select(func.count())
                .select_from(SessionEvent)
                .where(SessionEvent.room_id == uuid.UUID(room_id))
            )
            return int(count or 0)
    finally:
        await engine.dispose()
