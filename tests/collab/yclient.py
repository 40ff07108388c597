"""A minimal Python y-websocket client (pycrdt + websockets) for driving the server in tests."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from typing import Any

from pycrdt import (
    Doc,
    Subscription,
    Text,
    TransactionEvent,
    create_awareness_message,
    create_update_message,
)
from pycrdt._sync import create_sync_step1_message, create_sync_step2_message
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from codecollab.collab.protocol import (
    AwarenessEntry,
    AwarenessMessage,
    SyncStep1,
    SyncStep2,
    SyncUpdate,
    decode_awareness_update,
    encode_awareness_update,
    parse_frame,
)

WAIT_S = 15.0


class YClient:
    def __init__(self, websocket: ClientConnection, doc: Doc[Any] | None = None) -> None:
        self.websocket = websocket
        self.doc: Doc[Any] = doc or Doc()
        self.text = self.doc.get("code", type=Text)
        self.awareness: dict[int, dict[str, Any] | None] = {}
        self.synced = asyncio.Event()
        self.close_code: int | None = None
        self.close_reason = ""
        self.received = 0
        self._changed = asyncio.Event()
        self._remote = False
        self._subscription: Subscription | None = self.doc.observe(self._on_local_change)
        self._task = asyncio.create_task(self._run())

    @classmethod
    async def connect(
        cls, url: str, doc: Doc[Any] | None = None, *, handshake: bool = True
    ) -> YClient:
        websocket = await connect(url, max_size=None, open_timeout=WAIT_S)
        client = cls(websocket, doc)
        if handshake:
            await client.send(create_sync_step1_message(client.doc.get_state()))
        return client

    async def send(self, frame: bytes) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.websocket.send(frame)

    def _on_local_change(self, event: TransactionEvent) -> None:
        if not self._remote and event.update != b"\x00\x00":
            asyncio.get_running_loop().create_task(self.send(create_update_message(event.update)))

    async def _run(self) -> None:
        try:
            async for frame in self.websocket:
                assert isinstance(frame, bytes)
                self.received += 1
                self._handle(frame)
                self._changed.set()
        except ConnectionClosed:
            pass
        finally:
            rcvd = self.websocket.protocol.close_rcvd
            self.close_code = rcvd.code if rcvd is not None else 1006
            self.close_reason = rcvd.reason if rcvd is not None else ""
            self._changed.set()

    def _handle(self, frame: bytes) -> None:
        message = parse_frame(frame)
        if isinstance(message, SyncStep1):
            update = self.doc.get_update(message.state_vector)
            asyncio.get_running_loop().create_task(self.send(create_sync_step2_message(update)))
        elif isinstance(message, SyncStep2 | SyncUpdate):
            self._remote = True
            try:
                self.doc.apply_update(message.update)
            finally:
                self._remote = False
            if isinstance(message, SyncStep2):
                self.synced.set()
        elif isinstance(message, AwarenessMessage):
            for entry in decode_awareness_update(message.update):
                self.awareness[entry.client_id] = entry.state

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = WAIT_S) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                if predicate():
                    return
                await self._changed.wait()

    async def wait_synced(self) -> None:
        async with asyncio.timeout(WAIT_S):
            await self.synced.wait()

    async def wait_closed(self) -> int:
        async with asyncio.timeout(WAIT_S):
            await asyncio.shield(self._task)
        assert self.close_code is not None
        return self.close_code

    def insert(self, index: int, value: str) -> None:
        self.text.insert(index, value)

    def delete(self, index: int, length: int) -> None:
        del self.text[index : index + length]

    async def set_awareness(
        self, state: dict[str, Any] | None, clock: int = 1, client_id: int | None = None
    ) -> None:
        entry = AwarenessEntry(client_id or self.doc.client_id, clock, state)
        await self.send(create_awareness_message(encode_awareness_update([entry])))

    async def close(self) -> None:
        if self._subscription is not None:
            self.doc.unobserve(self._subscription)
            self._subscription = None
        await self.websocket.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._task, WAIT_S)

    def __str__(self) -> str:
        return str(self.text)


def forge(client: YClient, change: Callable[[Doc[Any]], None]) -> bytes:
    """An update made on a copy of what the client holds, as a crafted client could send it
    (the client's own document stays as it was)."""
    forger: Doc[Any] = Doc()
    forger.apply_update(client.doc.get_update())
    before = forger.get_state()
    change(forger)
    return forger.get_update(before)


def awareness_users(client: YClient) -> list[dict[str, Any]]:
    return [state["user"] for state in client.awareness.values() if state and "user" in state]


def dumps(state: dict[str, Any]) -> str:
    return json.dumps(state, separators=(",", ":"))
