"""The WebSocket endpoints: authenticate, then hand the connection to the sync engine."""

from __future__ import annotations

import contextlib

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect

from codecollab.collab.access import authenticate, document_key, load_access
from codecollab.collab.channel import ChannelClosed
from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.engine import AccessDenied
from codecollab.collab.peer import Access
from codecollab.collab.protocol import ProtocolError
from codecollab.runtime import Runtime
from codecollab.web.services import services_of

router = APIRouter()


class WebSocketChannel:
    """The `Channel` over a Starlette WebSocket."""

    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket

    async def recv(self) -> bytes:
        try:
            message = await self._websocket.receive()
        except (RuntimeError, WebSocketDisconnect) as exc:
            raise ChannelClosed from exc
        if message["type"] == "websocket.disconnect":
            raise ChannelClosed
        data = message.get("bytes")
        if data is None:
            raise ProtocolError("text frames are not part of the protocol")
        return bytes(data)

    async def send(self, message: bytes) -> None:
        try:
            await self._websocket.send_bytes(message)
        except (RuntimeError, OSError, WebSocketDisconnect) as exc:
            raise ChannelClosed from exc

    async def close(self, code: int, reason: str = "") -> None:
        with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
            await self._websocket.close(code, reason)


@router.websocket("/ws/rooms/{room_id}")
async def code_document(websocket: WebSocket, room_id: str) -> None:
    await _serve(websocket, room_id, DocumentKind.CODE)


@router.websocket("/ws/rooms/{room_id}/notes")
async def notes_document(websocket: WebSocket, room_id: str) -> None:
    await _serve(websocket, room_id, DocumentKind.NOTES)


@router.websocket("/ws/rooms/{room_id}/state")
async def state_document(websocket: WebSocket, room_id: str) -> None:
    await _serve(websocket, room_id, DocumentKind.STATE)


async def _serve(websocket: WebSocket, room_id: str, kind: DocumentKind) -> None:
    services = services_of(websocket.app)
    runtime, collaboration = services.runtime, services.live.collaboration
    # Accepted first so a refusal can carry its 44xx close code; nothing is sent before it.
    await websocket.accept()
    channel = WebSocketChannel(websocket)
    try:
        key = document_key(room_id, kind)
        access = await _authorize(runtime, key, websocket.query_params.get("token"))
    except AccessDenied as denied:
        await channel.close(denied.code, denied.reason)
        return
    await collaboration.serve(channel, key, access)


async def _authorize(runtime: Runtime, key: DocumentKey, token: str | None) -> Access:
    """Who is connecting and what they may do (the database session ends here, not with the
    connection)."""
    user_id = authenticate(token, secret=runtime.jwt_secret)
    async with runtime.sessionmaker() as session:
        return await load_access(session, key, user_id)
