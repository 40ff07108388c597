"""Real y-websocket providers (v2 and v3) reconnecting after editing offline are never refused:
their sync step 2 brings items that depend on each other and on another client's items."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI

from tests.collab.conftest import ClientFactory, LiveServer, Room, replay, stored_events, typed
from tests.conftest import Api
from tests.interop.conftest import INTEROP_DIR, run_driver

OFFLINE_DRIVER = INTEROP_DIR / "offline_driver.mjs"


@pytest.mark.parametrize("type_on_reconnect", [False, True], ids=["", "typing as it reconnects"])
@pytest.mark.parametrize("version", ["v2", "v3"])
async def test_a_provider_reconnecting_after_offline_edits_is_accepted(
    version: str,
    type_on_reconnect: bool,
    node_modules: Path,
    live: LiveServer,
    room: Room,
    connect: ClientFactory,
    api: Api,
    collab_app: FastAPI,
) -> None:
    # Another member's client writes the text the provider's offline edits are made against.
    candidate = await api.member_of(room.owner, room.id, "candidate")
    watcher = await typed(connect, room.id, candidate, "print(1)")
    done = await run_driver(
        node_modules,
        script=OFFLINE_DRIVER,
        url=f"{live.base_url}/ws/rooms",
        room=room.id,
        token=room.owner["access_token"],
        version=version,
        typeOnReconnect=type_on_reconnect,
    )
    expected = "print(1)\ntyped offline!" + ("?" if type_on_reconnect else "")
    assert done["text"] == expected
    assert done["closes"] == []
    await watcher.wait_until(lambda: str(watcher.text) == expected)
    assert replay(await stored_events(collab_app, room.id)) == expected
