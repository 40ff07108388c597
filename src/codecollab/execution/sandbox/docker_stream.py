"""Docker's exec stream: start an exec attached, feed its stdin, read its multiplexed output.

The Docker Engine API (and podman's) answers an attached exec start by upgrading the HTTP
connection to a raw stream: what the process writes comes back in frames (an 8-byte header
naming stdout or stderr and the payload's length), and what is written to the socket is its
stdin. docker-py's ``exec_start(socket=True)`` drops the buffered reader the HTTP response was
parsed from, which may already hold the first frames, so ``start_exec`` keeps it. The reader
caps each stream as it goes, so a program printing without end costs no memory past the cap.
"""

from __future__ import annotations

import io
import socket
import struct
import time
from dataclasses import dataclass
from typing import Any

import docker
import requests

from codecollab.execution.sandbox.process import KillReason

STDIN_CHUNK = 64 * 1024
HEADER_BYTES = 8
STDERR = 2


@dataclass(slots=True)
class Attached:
    """An exec started attached: its stream (buffered) and the socket under it."""

    response: requests.Response
    """Kept referenced: once collected, it closes the socket."""
    stream: io.BufferedReader
    sock: socket.socket


def start_exec(client: docker.APIClient, exec_id: str) -> Attached:
    """Start an exec attached, as ``exec_start(socket=True)`` does, but keep the buffered
    reader the HTTP response was parsed from (it may already hold the first output frames) and
    the socket under it (for stdin)."""
    api: Any = client  # the private helpers exec_start itself uses (not in the stubs)
    response: requests.Response = api._post_json(
        api._url("/exec/{0}/start", exec_id),
        headers={"Connection": "Upgrade", "Upgrade": "tcp"},
        data={"Tty": False, "Detach": False},
        stream=True,
    )
    api._raise_for_status(response)
    urllib3_response: Any = response.raw
    buffered: io.BufferedReader = urllib3_response._fp.fp
    raw: socket.socket = buffered.raw._sock  # type: ignore[attr-defined]
    return Attached(response, buffered, raw)


class FrameReader:
    """Reads Docker's multiplexed exec stream (8-byte headers), keeping each stream capped."""

    def __init__(
        self, stream: io.BufferedReader, sock: socket.socket, stdout_cap: int, stderr_cap: int
    ) -> None:
        self._stream = stream
        self._sock = sock
        self._caps = {1: stdout_cap, STDERR: stderr_cap}
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.stdout_truncated = False
        self.stderr_truncated = False

    def read_all(self, deadline: float) -> KillReason | None:
        """Read to the end; stop early (and say why) past a cap or the deadline."""
        pending = bytearray()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return KillReason.WALL_TIME
            self._sock.settimeout(remaining)
            try:
                chunk = self._stream.read1(65536)
            except TimeoutError:
                return KillReason.WALL_TIME
            except OSError:
                return None
            if not chunk:
                return None
            pending += chunk
            while len(pending) >= HEADER_BYTES:
                kind, size = pending[0], struct.unpack(">I", pending[4:HEADER_BYTES])[0]
                if len(pending) < HEADER_BYTES + size:
                    break
                payload = bytes(pending[HEADER_BYTES : HEADER_BYTES + size])
                del pending[: HEADER_BYTES + size]
                if self._keep(kind, payload):
                    return KillReason.OUTPUT

    def _keep(self, kind: int, payload: bytes) -> bool:
        """Store a frame; True when its stream went past its cap."""
        buffer = self.stderr if kind == STDERR else self.stdout
        cap = self._caps.get(kind, self._caps[1])
        room = cap - len(buffer)
        if len(payload) <= room:
            buffer += payload
            return False
        buffer += payload[: max(0, room)]
        if kind == STDERR:
            self.stderr_truncated = True
        else:
            self.stdout_truncated = True
        return True


def feed(sock: socket.socket, data: bytes) -> None:
    """Write the exec's stdin, then half-close so the runner sees end of input."""
    try:
        view = memoryview(data)
        for start in range(0, len(view), STDIN_CHUNK):
            sock.sendall(view[start : start + STDIN_CHUNK])
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # the program stopped reading or was killed: its stdin no longer matters
