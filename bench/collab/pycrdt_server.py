"""pycrdt-websocket 0.16 served by uvicorn, as the Python reference for bench/collab."""

from __future__ import annotations

import asyncio
import sys

import uvicorn
from pycrdt.websocket import ASGIServer, WebsocketServer


async def main(port: int) -> None:
    async with WebsocketServer(auto_clean_rooms=True) as websocket_server:
        app = ASGIServer(websocket_server)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", ws_per_message_deflate=False
        )
        await uvicorn.Server(config).serve()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
