"""A TCP proxy that can be cut and restored: Redis "going away" for one test, not the machine.
It can also freeze its open connections: a network that died silently (nothing more gets through
and neither end hears of it) while new connections go through."""

from __future__ import annotations

import asyncio
import contextlib

from tests.collab.servers import free_port


class CuttableProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._frozen: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )

    async def cut(self) -> None:
        """Refuse new connections and drop the open ones."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers | self._frozen):
            writer.transport.abort()
        self._writers.clear()
        self._frozen.clear()

    def freeze(self) -> None:
        """The open connections carry nothing more, and a close at one end is not passed on."""
        self._frozen |= self._writers
        self._writers.clear()

    def end_frozen(self) -> None:
        """The frozen connections end: now both ends hear of it."""
        for writer in list(self._frozen):
            writer.transport.abort()
        self._frozen.clear()

    async def _handle(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        self._writers.update({client_writer, upstream_writer})
        await asyncio.gather(
            self._pipe(client_reader, upstream_writer), self._pipe(upstream_reader, client_writer)
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                if writer in self._frozen:
                    continue
                writer.write(data)
                await writer.drain()
        if writer not in self._frozen:
            writer.transport.abort()
            self._writers.discard(writer)
