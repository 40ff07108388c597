"""Attacks the product already withstood, kept as regressions against a real `codecollab serve`.

Token tampering, refresh-token reuse, reading another room (IDOR), an observer's writes and
sandboxed programs reaching for the server: each is tried the way an outsider would, over HTTP
and the WebSocket of a running server, on every database backend.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from pycrdt import Doc, Text, create_update_message

from tests.collab.yclient import YClient
from tests.conftest import TEST_SECRET, Api
from tests.server import ServerProcess, running_server, server_env

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    data_dir = tmp_path_factory.mktemp("security-server")
    with running_server(data_dir, server_env(data_dir, database_url)) as process:
        yield process


@pytest.fixture
async def api(server: ServerProcess) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as http:
        yield Api(http)


def ws_url(server: ServerProcess, room_id: str, token: str, suffix: str = "") -> str:
    base = server.base_url.replace("http://", "ws://")
    return f"{base}/ws/rooms/{room_id}{suffix}?token={token}"


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


def forged_tokens(victim_token: str, attacker_token: str) -> dict[str, str]:
    """Ways to turn what an attacker holds into the victim's identity."""
    victim = _claims(victim_token)
    attacker_header, _attacker_payload, attacker_signature = attacker_token.split(".")
    expired = {**victim, "iat": int(time.time()) - 7200, "exp": int(time.time()) - 3600}
    return {
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(victim)}.",
        "another secret": jwt.encode(victim, "not-the-server-secret-" + "y" * 40, "HS256"),
        "attacker signature on victim claims": (
            f"{attacker_header}.{_b64(victim)}.{attacker_signature}"
        ),
        "expired": jwt.encode(expired, TEST_SECRET, "HS256"),
        "refresh typ": jwt.encode({**victim, "typ": "refresh"}, TEST_SECRET, "HS256"),
        "no subject": jwt.encode(
            {key: value for key, value in victim.items() if key != "sub"}, TEST_SECRET, "HS256"
        ),
    }


async def test_tampered_access_tokens_are_refused_over_http(api: Api) -> None:
    victim = await api.signup("victim")
    attacker = await api.signup("attacker")
    for name, token in forged_tokens(victim["access_token"], attacker["access_token"]).items():
        response = await api.http.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, name


async def test_tampered_access_tokens_are_refused_over_the_websocket(
    api: Api, server: ServerProcess
) -> None:
    victim = await api.signup("wsvictim")
    attacker = await api.signup("wsattacker")
    room = await api.create_room(victim)
    for name, token in forged_tokens(victim["access_token"], attacker["access_token"]).items():
        client = await YClient.connect(ws_url(server, room["id"], token))
        assert await client.wait_closed() == 4401, name


async def test_reusing_a_spent_refresh_token_revokes_the_family(api: Api) -> None:
    account = await api.signup("rotator")
    first = account["refresh_token"]
    rotated = await api.http.post("/api/auth/refresh", json={"refresh_token": first})
    assert rotated.status_code == 200
    replayed = await api.http.post("/api/auth/refresh", json={"refresh_token": first})
    assert replayed.status_code == 401
    successor = rotated.json()["refresh_token"]
    after_theft = await api.http.post("/api/auth/refresh", json={"refresh_token": successor})
    assert after_theft.status_code == 401


ROOM_READS = (
    "",
    "/events",
    "/export",
    "/replay?at_ms=0",
    "/analytics",
    "/analytics/tests",
    "/presence",
    "/invites",
    "/timeline",
)


async def test_a_stranger_learns_nothing_about_another_room(api: Api) -> None:
    owner = await api.signup("roomowner")
    stranger = await api.signup("stranger")
    room = await api.create_room(owner)
    for suffix in ROOM_READS:
        response = await api.http.get(
            f"/api/rooms/{room['id']}{suffix}", headers=api.auth(stranger)
        )
        assert response.status_code == 404, suffix
    writes: list[tuple[str, dict[str, Any]]] = [
        ("/runs", {"stdin": ""}),
        ("/submissions", {}),
        ("/invites", {"role": "interviewer"}),
        ("/end", {}),
        ("/reopen", {}),
        ("/replay/run", {"at_ms": 0}),
    ]
    for suffix, body in writes:
        response = await api.http.post(
            f"/api/rooms/{room['id']}{suffix}", json=body, headers=api.auth(stranger)
        )
        assert response.status_code == 404, suffix


async def test_a_stranger_cannot_open_another_rooms_documents(
    api: Api, server: ServerProcess
) -> None:
    owner = await api.signup("docowner")
    stranger = await api.signup("docstranger")
    room = await api.create_room(owner)
    for suffix in ("", "/notes"):
        client = await YClient.connect(ws_url(server, room["id"], stranger["access_token"], suffix))
        assert await client.wait_closed() == 4404, suffix
        assert str(client.text) == ""


async def test_an_observers_updates_reach_nobody_and_are_not_kept(
    api: Api, server: ServerProcess
) -> None:
    owner = await api.signup("obsowner")
    room = await api.create_room(owner)
    observer = await api.member_of(owner, room["id"], "observer")
    writer = await YClient.connect(ws_url(server, room["id"], owner["access_token"]))
    watcher = await YClient.connect(ws_url(server, room["id"], observer["access_token"]))
    await writer.wait_synced()
    await watcher.wait_synced()
    # An update made outside the connection's own document, sent raw like a crafted client.
    crafted: Doc[Any] = Doc()
    crafted.get("code", type=Text).insert(0, "OBSERVER WAS HERE ")
    await watcher.send(create_update_message(crafted.get_update()))
    writer.insert(0, "owner's line")
    await watcher.wait_until(lambda: "owner's line" in str(watcher.text))
    await writer.wait_until(lambda: "owner's line" in str(writer.text))
    assert "OBSERVER" not in str(writer.text)
    late = await YClient.connect(ws_url(server, room["id"], owner["access_token"]))
    await late.wait_until(lambda: "owner's line" in str(late.text))
    assert "OBSERVER" not in str(late.text)
    for client in (writer, watcher, late):
        await client.close()


ESCAPES = {
    "connect to the server's port": """
import socket, sys
try:
    socket.create_connection(("127.0.0.1", PORT), timeout=2)
    print("reached the server")
except OSError:
    print("contained")
""",
    "read the server's data directory": """
import os
try:
    print(os.listdir(DATA_DIR))
except OSError:
    print("contained")
""",
    "signal the server process": """
import os
try:
    os.kill(SERVER_PID, 9)
    print("killed the server")
except OSError:
    print("contained")
""",
    "read the host's password hashes": """
try:
    print(open("/etc/shadow").read()[:20])
except OSError:
    print("contained")
""",
}


@pytest.mark.parametrize("attack", sorted(ESCAPES))
async def test_a_sandboxed_program_cannot_reach_the_server(
    attack: str, api: Api, server: ServerProcess, tmp_path: Path
) -> None:
    account = await api.signup(f"escape{uuid.uuid4().hex[:8]}")
    port = server.base_url.rsplit(":", 1)[1]
    source = (
        ESCAPES[attack]
        .replace("PORT", port)
        .replace("DATA_DIR", repr(str(server.log_path.parent)))
        .replace("SERVER_PID", str(server.process.pid))
    )
    response = await api.http.post(
        "/api/executions",
        json={"language": "python", "source": source},
        headers=api.auth(account),
    )
    assert response.status_code == 200, response.text
    assert response.json()["stdout"].strip() == "contained"
    assert server.process.poll() is None
    assert (await api.http.get("/healthz")).status_code == 200
