"""A client's new connection takes over its client id from its old one once the old one no
longer answers, even while frames the old one sent before it went are still being read."""

from __future__ import annotations

import pytest

from tests.collab.conftest import ClientFactory, Room
from tests.collab.yclient import YClient

BACKLOG_FRAMES = 100  # five seconds of input at 20 messages a second


async def announce_until_seen(new: YClient, watcher: YClient, client_id: int) -> None:
    """Announce a state for `client_id` from `new` as y-protocols does after a reconnect (it
    re-sends with a newer clock when the server answers with a removal) until `watcher` has it."""
    for attempt in range(10):
        await new.set_awareness({"cursor": 999}, clock=1_000 * (attempt + 1), client_id=client_id)
        try:
            await watcher.wait_until(
                lambda: (watcher.awareness.get(client_id) or {}).get("cursor") == 999, timeout=1
            )
        except TimeoutError:
            assert new.close_code is None, new.close_reason
        else:
            return
    raise AssertionError("the new connection's state never reached the others")


@pytest.mark.collab_settings(collab_messages_per_s=20, collab_message_burst=5)
async def test_a_reconnect_is_not_refused_while_the_old_connections_backlog_is_still_read(
    room: Room, connect: ClientFactory
) -> None:
    old = await connect(room.id, room.owner)
    watcher = await connect(room.id, room.owner)
    await old.wait_synced()
    await old.set_awareness({"cursor": 1}, clock=1)
    await watcher.wait_until(lambda: old.doc.client_id in watcher.awareness)
    for clock in range(2, 2 + BACKLOG_FRAMES):
        await old.set_awareness({"cursor": clock}, clock=clock)
    old.websocket.transport.abort()  # gone, its frames still queued on the server

    new = await connect(room.id, room.owner)
    await announce_until_seen(new, watcher, old.doc.client_id)

    assert new.close_code is None
