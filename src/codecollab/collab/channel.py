"""The transport the sync engine talks to: a tiny protocol, so the ASGI adapter stays thin."""

from __future__ import annotations

from typing import Protocol


class ChannelClosed(Exception):
    """The other side went away (or the channel was closed by us)."""


class Channel(Protocol):
    async def recv(self) -> bytes:
        """The next binary frame; raises ChannelClosed when the peer is gone and
        ProtocolError for frames that are not binary."""
        ...

    async def send(self, message: bytes) -> None: ...

    async def close(self, code: int, reason: str = "") -> None: ...
