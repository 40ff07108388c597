"""Attacks through awareness (presence) and slow readers, against a real `codecollab serve`.

Each test is one attack found from outside: the attacker is refused with its close code, nothing
it sent reaches anyone, and the room (or the server) keeps working for everyone else.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pycrdt import create_awareness_message
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from codecollab import strict_json
from codecollab.collab.protocol import (
    ProtocolError,
    decode_awareness_update,
    encode_raw_awareness_update,
)
from tests.collab.servers import HttpApi
from tests.collab.yclient import YClient
from tests.interop.conftest import node_modules, run_driver  # noqa: F401  (the npm fixture)
from tests.server import ServerProcess, running_server, server_env

MIB = 1024 * 1024
ATTACK_S = 5.0
MAX_RSS_GROWTH = 100 * 1000 * 1000

# --- a real server, rooms and clients ---------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server for the tests that only need a fresh room each."""
    data_dir = tmp_path_factory.mktemp("server")
    with running_server(data_dir, server_env(data_dir)) as process:
        yield process


@contextlib.contextmanager
def own_server(tmp_path: Path, database_url: str | None = None, **env: str) -> Iterator[Rooms]:
    """A server of the test's own (settings as environment variables, a fresh process)."""
    with running_server(tmp_path, server_env(tmp_path, database_url, **env)) as process:
        yield Rooms(process)


class Rooms:
    """Accounts, rooms and Yjs clients on one server; every client is closed at the end."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.ws_url = server.base_url.replace("http://", "ws://")
        self.api = HttpApi(server.base_url)
        self.clients: list[YClient] = []
        self.raw: list[ClientConnection] = []

    async def new_room(self) -> tuple[dict[str, Any], str]:
        owner = await self.api.signup()
        return owner, await self.api.create_room(owner)

    def url(self, room_id: str, account: dict[str, Any]) -> str:
        return f"{self.ws_url}/ws/rooms/{room_id}?token={account['access_token']}"

    async def client(self, room_id: str, account: dict[str, Any]) -> YClient:
        client = await YClient.connect(self.url(room_id, account))
        self.clients.append(client)
        await client.wait_synced()
        return client

    async def never_reading(self, room_id: str, account: dict[str, Any]) -> ClientConnection:
        """A connection that reads nothing: its socket buffers fill, then the server's queue."""
        websocket = await connect(
            self.url(room_id, account), max_size=None, max_queue=1, open_timeout=15
        )
        websocket.transport.pause_reading()
        self.raw.append(websocket)
        return websocket

    async def close(self) -> None:
        for client in self.clients:
            await client.close()
        for websocket in self.raw:
            websocket.transport.abort()


@pytest.fixture
async def rooms(server: ServerProcess) -> AsyncIterator[Rooms]:
    rooms = Rooms(server)
    yield rooms
    await rooms.close()


def state_frame(client_id: int, state: bytes, clock: int = 1) -> bytes:
    """An awareness message of one entry whose state is `state` as sent, valid JSON or not."""
    return create_awareness_message(encode_raw_awareness_update([(client_id, clock, state)]))


async def send_state(
    client: YClient, state: bytes, *, client_id: int | None = None, clock: int = 1
) -> None:
    await client.send(state_frame(client_id or client.doc.client_id, state, clock))


async def presence_still_works(rooms: Rooms, room_id: str, owner: dict[str, Any]) -> None:
    """A newcomer syncs, announces itself, and an earlier client sees its cursor."""
    earlier = await rooms.client(room_id, owner)
    newcomer = await rooms.client(room_id, owner)
    await newcomer.set_awareness({"cursor": 7})
    await earlier.wait_until(
        lambda: (earlier.awareness.get(newcomer.doc.client_id) or {}).get("cursor") == 7
    )
    earlier.insert(0, "still editing")
    await newcomer.wait_until(lambda: str(newcomer) == "still editing")


# --- malformed and hostile awareness states ---------------------------------------------------

NOT_STRICT_JSON = {
    "lone high surrogate": b'{"cursor":"\\ud800"}',
    "lone low surrogate": b'{"cursor":"x\\udc00y"}',
    "lone surrogate in a key": b'{"\\udbff":1}',
    "NaN": b'{"cursor":NaN}',
    "Infinity": b'{"cursor":{"anchor":Infinity}}',
    "-Infinity": b'{"cursor":[-Infinity]}',
    "a number that overflows to infinity": b'{"cursor":1e999}',
    "nested 50,000 deep": b'{"cursor":' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "nested 2,000 deep (within the size limit)": b'{"c":' + b"[" * 2_000 + b"]" * 2_000 + b"}",
    "nested 33 deep": b'{"c":' + b'{"c":' * 32 + b"1" + b"}" * 32 + b"}",
    "over 16 KiB": b'{"cursor":"' + b"x" * (16 * 1024) + b'"}',
    "not an object": b"[1,2,3]",
    "not JSON": b"{cursor:1}",
    "raw surrogate bytes (not UTF-8)": b'{"cursor":"\xed\xa0\x80"}',
}


@pytest.mark.parametrize("state", NOT_STRICT_JSON.values(), ids=NOT_STRICT_JSON.keys())
async def test_an_awareness_state_that_is_not_strict_json_closes_with_4400_and_is_not_relayed(
    rooms: Rooms, state: bytes
) -> None:
    owner, room_id = await rooms.new_room()
    watcher = await rooms.client(room_id, owner)
    attacker = await rooms.client(room_id, owner)
    await send_state(attacker, state)
    assert await attacker.wait_closed() == 4400
    await presence_still_works(rooms, room_id, owner)
    assert attacker.doc.client_id not in watcher.awareness


async def test_a_state_nested_to_the_depth_limit_is_accepted(rooms: Rooms) -> None:
    owner, room_id = await rooms.new_room()
    watcher = await rooms.client(room_id, owner)
    sender = await rooms.client(room_id, owner)
    state = b'{"c":' + b'{"c":' * 31 + b"1" + b"}" * 31 + b"}"  # 32 levels
    await send_state(sender, state)
    await watcher.wait_until(lambda: sender.doc.client_id in watcher.awareness)


async def test_a_paired_surrogate_escape_is_accepted(rooms: Rooms) -> None:
    owner, room_id = await rooms.new_room()
    watcher = await rooms.client(room_id, owner)
    sender = await rooms.client(room_id, owner)
    await send_state(sender, b'{"cursor":"\\ud83d\\ude00"}')
    await watcher.wait_until(lambda: sender.doc.client_id in watcher.awareness)
    assert watcher.awareness[sender.doc.client_id]["cursor"] == "\U0001f600"


async def test_nan_in_awareness_closes_with_4400_and_npm_clients_still_sync(
    rooms: Rooms,
    node_modules: Path,  # noqa: F811  (the fixture imported above)
) -> None:
    owner, room_id = await rooms.new_room()
    attacker = await rooms.client(room_id, owner)
    await send_state(attacker, b'{"cursor":{"anchor":NaN}}')
    assert await attacker.wait_closed() == 4400
    result = await run_driver(
        node_modules,
        url=f"{rooms.ws_url}/ws/rooms",
        room=room_id,
        clients=[owner["access_token"]] * 2,
        tokens=3,
        awareness=True,
    )
    assert len(result["text"].splitlines()) == 6
    assert all(len(users) == 2 for users in result["awareness"])


# --- client ids and the size of the awareness table -------------------------------------------


async def test_a_state_for_another_connections_client_id_closes_with_4403(rooms: Rooms) -> None:
    owner, room_id = await rooms.new_room()
    victim = await rooms.client(room_id, owner)
    watcher = await rooms.client(room_id, owner)
    await victim.set_awareness({"cursor": 1})
    await watcher.wait_until(lambda: victim.doc.client_id in watcher.awareness)
    attacker = await rooms.client(room_id, owner)
    await send_state(attacker, b'{"cursor":99}', client_id=victim.doc.client_id, clock=9)
    assert await attacker.wait_closed() == 4403
    await victim.set_awareness({"cursor": 2}, clock=2)
    await watcher.wait_until(lambda: watcher.awareness[victim.doc.client_id]["cursor"] == 2)


async def test_removing_another_connections_state_is_ignored(rooms: Rooms) -> None:
    owner, room_id = await rooms.new_room()
    victim = await rooms.client(room_id, owner)
    await victim.set_awareness({"cursor": 1})
    attacker = await rooms.client(room_id, owner)
    await attacker.wait_until(lambda: victim.doc.client_id in attacker.awareness)
    await send_state(attacker, b"null", client_id=victim.doc.client_id, clock=9)
    await attacker.set_awareness({"cursor": 5})  # handled after the removal: a marker
    watcher = await rooms.client(room_id, owner)
    await watcher.wait_until(lambda: attacker.doc.client_id in watcher.awareness)
    assert watcher.awareness[victim.doc.client_id] == attacker.awareness[victim.doc.client_id]


async def test_an_echo_of_another_connections_state_is_dropped_not_refused(rooms: Rooms) -> None:
    """y-websocket clients send back every awareness change they apply, others' included."""
    owner, room_id = await rooms.new_room()
    victim = await rooms.client(room_id, owner)
    watcher = await rooms.client(room_id, owner)
    echoer = await rooms.client(room_id, owner)
    await victim.set_awareness({"cursor": 1}, clock=3)
    await echoer.wait_until(lambda: victim.doc.client_id in echoer.awareness)
    await send_state(echoer, b'{"cursor":666}', client_id=victim.doc.client_id, clock=3)
    await echoer.set_awareness({"cursor": 5})
    await watcher.wait_until(lambda: echoer.doc.client_id in watcher.awareness)
    assert watcher.awareness[victim.doc.client_id]["cursor"] == 1
    assert echoer.close_code is None


async def test_more_client_ids_than_a_connection_may_use_close_with_4413(rooms: Rooms) -> None:
    owner, room_id = await rooms.new_room()
    watcher = await rooms.client(room_id, owner)
    attacker = await rooms.client(room_id, owner)
    for client_id in range(1000, 1004):
        await send_state(attacker, b'{"cursor":1}', client_id=client_id)
    await watcher.wait_until(lambda: 1003 in watcher.awareness)
    await send_state(attacker, b'{"cursor":1}', client_id=1004)
    assert await attacker.wait_closed() == 4413
    assert 1004 not in watcher.awareness


async def test_a_full_awareness_table_refuses_a_new_client_id_with_4413(tmp_path: Path) -> None:
    with own_server(tmp_path, CODECOLLAB_COLLAB_MAX_AWARENESS_STATES="3") as rooms:
        try:
            owner, room_id = await rooms.new_room()
            present = [await rooms.client(room_id, owner) for _ in range(3)]
            for client in present:
                await client.set_awareness({"cursor": 1})
            latecomer = await rooms.client(room_id, owner)
            await latecomer.wait_until(lambda: len(latecomer.awareness) == 3)
            await latecomer.set_awareness({"cursor": 1})
            assert await latecomer.wait_closed() == 4413
            await present[0].set_awareness({"cursor": 2}, clock=2)
            await present[1].wait_until(
                lambda: present[1].awareness[present[0].doc.client_id]["cursor"] == 2
            )
        finally:
            await rooms.close()


@pytest.mark.redis
async def test_a_client_id_owned_on_another_process_closes_with_4403(
    tmp_path: Path, database_url: str
) -> None:
    redis_url = os.environ.get("CODECOLLAB_TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("CODECOLLAB_TEST_REDIS_URL is not set: no Redis to relay through")
    with (
        own_server(tmp_path / "a", database_url, REDIS_URL=redis_url) as first,
        own_server(tmp_path / "b", database_url, REDIS_URL=redis_url) as second,
    ):
        try:
            owner, room_id = await first.new_room()
            victim = await first.client(room_id, owner)
            attacker = await second.client(room_id, owner)
            await victim.set_awareness({"cursor": 1})
            await attacker.wait_until(lambda: victim.doc.client_id in attacker.awareness)
            await send_state(attacker, b'{"cursor":99}', client_id=victim.doc.client_id, clock=9)
            assert await attacker.wait_closed() == 4403
            watcher = await second.client(room_id, owner)
            await watcher.wait_until(lambda: victim.doc.client_id in watcher.awareness)
            assert watcher.awareness[victim.doc.client_id]["cursor"] == 1
        finally:
            await first.close()
            await second.close()


# --- memory: slow readers and large messages ----------------------------------------------------


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (the event-log writer runs in a child process)."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in children:
            pids += _tree(int(child))
    return pids


def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")


@contextlib.contextmanager
def peak_rss_growth(server: ServerProcess) -> Any:
    """Measures how far the server's resident memory (its processes together) peaks above what
    it was at the start: the kernel's high-water mark, reset first (/proc/PID/clear_refs)."""
    assert server.process is not None
    pids = _tree(server.process.pid)
    before = 0
    for pid in pids:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        before += _status_kib(pid, "VmRSS") * 1024
    growth: dict[str, int] = {}
    yield growth
    growth["bytes"] = sum(_status_kib(pid, "VmHWM") * 1024 for pid in pids) - before


async def other_room_keeps_working(rooms: Rooms, writer: YClient, watcher: YClient) -> None:
    writer.insert(0, "unaffected")
    await watcher.wait_until(lambda: "unaffected" in str(watcher))


async def _keep_sending(rooms: Rooms, room_id: str, owner: dict[str, Any], state: bytes) -> None:
    """From connections that never read: `state` on four client ids every 50 ms (80 messages a
    second), each time with a newer clock; a new connection whenever the server closes one."""
    while True:
        attacker = await rooms.never_reading(room_id, owner)
        first_id = random.randrange(1, 2**31)
        with contextlib.suppress(ConnectionClosed):
            for clock in itertools.count(1):
                for client_id in range(first_id, first_id + 4):
                    await attacker.send(state_frame(client_id, state, clock))
                await asyncio.sleep(0.05)


@pytest.fixture
async def fresh(tmp_path: Path) -> AsyncIterator[Rooms]:
    """A server of the test's own, with the default settings (memory is measured on it)."""
    with own_server(tmp_path) as rooms:
        try:
            yield rooms
        finally:
            await rooms.close()


async def _attacked_room_and_bystanders(
    rooms: Rooms,
) -> tuple[dict[str, Any], str, YClient, YClient]:
    """A room with a connection that never reads, and two clients of another room."""
    owner, room_id = await rooms.new_room()
    other_owner, other_room = await rooms.new_room()
    other_writer = await rooms.client(other_room, other_owner)
    other_watcher = await rooms.client(other_room, other_owner)
    await rooms.never_reading(room_id, owner)
    return owner, room_id, other_writer, other_watcher


async def test_large_awareness_states_and_a_reader_that_never_reads_stay_within_100_mb(
    fresh: Rooms,
) -> None:
    rooms = fresh
    owner, room_id, other_writer, other_watcher = await _attacked_room_and_bystanders(rooms)
    with peak_rss_growth(rooms.server) as growth:
        largest_allowed = b'{"f":"' + b"x" * (16 * 1024 - 16) + b'"}'
        one_mib = b'{"cursor":"' + b"x" * MIB + b'"}'
        attacks = [
            asyncio.create_task(_keep_sending(rooms, room_id, owner, state))
            for state in (largest_allowed, largest_allowed, one_mib, one_mib)
        ]
        await asyncio.sleep(ATTACK_S)
        for attack in attacks:
            attack.cancel()
        await asyncio.gather(*attacks, return_exceptions=True)
        await other_room_keeps_working(rooms, other_writer, other_watcher)
    assert growth["bytes"] < MAX_RSS_GROWTH


async def test_1_mib_updates_and_a_reader_that_never_reads_stay_within_100_mb(
    fresh: Rooms,
) -> None:
    rooms = fresh
    owner, room_id, other_writer, other_watcher = await _attacked_room_and_bystanders(rooms)
    writer = await rooms.client(room_id, owner)
    chunk = "y" * MIB
    with peak_rss_growth(rooms.server) as growth:
        loop = asyncio.get_running_loop()
        end = loop.time() + ATTACK_S
        while loop.time() < end and not writer.websocket.close_code:
            writer.insert(0, chunk)  # each insert and delete goes out as its own update
            writer.delete(0, len(chunk))
            await asyncio.sleep(0.05)
        await other_room_keeps_working(rooms, other_writer, other_watcher)
    assert growth["bytes"] < MAX_RSS_GROWTH


async def test_a_reader_whose_backlog_passes_the_limit_is_closed_with_1013(
    tmp_path: Path,
) -> None:
    with own_server(tmp_path, CODECOLLAB_COLLAB_MAX_OUTBOUND_BYTES=str(256 * 1024)) as rooms:
        try:
            owner, room_id = await rooms.new_room()
            slow = await rooms.never_reading(room_id, owner)
            writer = await rooms.client(room_id, owner)
            for _ in range(40):  # 40 MiB: more than the socket buffers and the backlog hold
                writer.insert(0, "z" * MIB)
                writer.delete(0, MIB)
                await asyncio.sleep(0.02)
            slow.transport.resume_reading()
            async with asyncio.timeout(30):
                with contextlib.suppress(Exception):
                    async for _frame in slow:
                        pass
            assert slow.close_code == 1013
            await presence_still_works(rooms, room_id, owner)
        finally:
            await rooms.close()


# --- the decoder, and what earlier versions stored --------------------------------------------


@given(st.binary(max_size=512))
def test_the_awareness_decoder_returns_entries_or_a_protocol_error_for_any_bytes(
    data: bytes,
) -> None:
    with contextlib.suppress(ProtocolError):
        for entry in decode_awareness_update(data):
            assert entry.state is None or isinstance(entry.state, dict)


def _json_containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(st.text(), children)


JSON_TEXT = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(),
    _json_containers,
    max_leaves=20,
)


@given(st.integers(0, 2**32), st.integers(0, 2**32), JSON_TEXT)
def test_decoded_states_are_strict_json_or_refused(client_id: int, clock: int, value: Any) -> None:
    text = json.dumps({"v": value}).encode("utf-8", "surrogatepass")
    update = encode_raw_awareness_update([(client_id, clock, text)])
    try:
        (entry,) = decode_awareness_update(update)
    except ProtocolError as error:
        refused_with = error.code
    else:
        refused_with = None
        assert entry.state is not None
        strict_json.loads(json.dumps(entry.state, allow_nan=False), max_depth=64)
    assert refused_with in (None, 4400)
