"""Property: random concurrent edits with random disconnects converge, and the log equals them."""

from __future__ import annotations

import asyncio
import random
import uuid
from typing import Any

from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycrdt import Decoder, Doc, Text

from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.engine import Collaboration
from tests.collab.conftest import LiveServer, replay, stored_events
from tests.collab.yclient import YClient
from tests.conftest import Api

CLIENTS = 3

# One step: which client acts, and what it does (insert text / delete / drop and reconnect).
steps = st.lists(
    st.tuples(
        st.integers(0, CLIENTS - 1),
        st.one_of(
            st.tuples(
                st.just("insert"),
                st.integers(0, 1000),
                st.text("abc xyz\n", min_size=1, max_size=4),
            ),
            st.tuples(st.just("delete"), st.integers(0, 1000), st.integers(1, 3)),
            st.tuples(st.just("reconnect"), st.just(0), st.just(0)),
        ),
    ),
    min_size=1,
    max_size=25,
)


def _state(doc: Doc) -> dict[int, int]:
    """A state vector as {client id: clock} (the encoding's entry order is not fixed)."""
    decoder = Decoder(doc.get_state())
    return {
        decoder.read_var_uint(): decoder.read_var_uint() for _ in range(decoder.read_var_uint())
    }


def _server_doc(app: FastAPI, room_id: str) -> Doc:
    collaboration: Collaboration = app.state.services.live.collaboration
    return collaboration.documents[DocumentKey(uuid.UUID(room_id), DocumentKind.CODE)].doc


def _apply(client: YClient, op: str, where: int, what: Any) -> None:
    length = len(client.text)
    if op == "insert":
        client.insert(where % (length + 1), what)
    elif op == "delete" and length:
        start = where % length
        client.delete(start, min(what, length - start))


async def _run(live: LiveServer, app: FastAPI, room_id: str, token: str, plan: list) -> None:
    url = live.room_url(room_id, token)
    clients = [await YClient.connect(url) for _ in range(CLIENTS)]
    try:
        for client in clients:
            await client.wait_synced()
        for index, (op, where, what) in plan:
            if op == "reconnect":
                # Keep the local document (with any edits the server may not have seen yet).
                doc: Doc = clients[index].doc
                await clients[index].close()
                clients[index] = await YClient.connect(url, doc)
            else:
                _apply(clients[index], op, where, what)
            await asyncio.sleep(random.choice([0, 0, 0.001]))
        server = _server_doc(app, room_id)
        # Settled: every client and the server hold the same items (state vectors) and text.
        async with asyncio.timeout(20):
            while not all(
                _state(c.doc) == _state(server) and str(c) == str(server.get("code", type=Text))
                for c in clients
            ):
                await asyncio.sleep(0.01)
        expected = str(clients[0])
    finally:
        for client in clients:
            await client.close()
    assert replay(await stored_events(app, room_id)) == expected


async def test_random_concurrent_edits_converge_and_are_stored(
    live: LiveServer, collab_app: FastAPI, api: Api
) -> None:
    owner = await api.signup("owner")
    loop = asyncio.get_running_loop()

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(plan=steps)
    def check(plan: list) -> None:
        future = asyncio.run_coroutine_threadsafe(_one(plan), loop)
        future.result(timeout=60)

    async def _one(plan: list) -> None:
        room = await api.create_room(owner)
        await _run(live, collab_app, room["id"], owner["access_token"], plan)

    await asyncio.to_thread(check)
