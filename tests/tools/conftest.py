"""Fixtures for the interviewer tools' tests: the live server and Python Yjs clients of the
collaboration tests, on each of the three databases."""

from __future__ import annotations

import asyncio

import pytest
from fastapi import FastAPI

from tests.collab.conftest import (  # noqa: F401  (fixtures, re-exported)
    api,
    collab_app,
    connect,
    live,
    room,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "collab_settings(**values): Settings overrides for the collab_app fixture"
    )


async def wait_writable(app: FastAPI, room_id: str, user_id: str) -> None:
    """Until every open connection of the user may write (the re-check follows the HTTP call)."""
    collaboration = app.state.services.live.collaboration

    def applied() -> bool:
        return all(
            peer.access.can_write
            for key, document in collaboration.documents.items()
            if str(key.room_id) == room_id
            for peer in document.peers
            if str(peer.user_id) == user_id
        )

    async with asyncio.timeout(15):
        while not applied():
            await asyncio.sleep(0.01)
