"""callback_url: the finished submission PUT to it (base64, Judge0's default fields), retried;
loopback refused unless allow-listed (the live server allows the host name `localhost` only);
redirects never followed."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.judge0.conftest import CALLBACK_HOST, Judge0

PYTHON = 71


@dataclass
class Receiver:
    """A real local HTTP server recording every request; answers from `answers`, then 200."""

    port: int
    requests: list[tuple[str, str, dict[str, Any] | None]] = field(default_factory=list)
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def url(self, host: str, path: str = "/callback") -> str:
        return f"http://{host}:{self.port}{path}"

    def wait_for(self, count: int, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while len(self.requests) < count and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(port=0)

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            state.requests.append((self.command, self.path, json.loads(raw) if raw else None))
            code, headers = state.answers.pop(0) if state.answers else (200, {})
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_PUT = _record
        do_GET = _record

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def test_the_finished_submission_is_put_to_the_callback_url(
    judge0: Judge0, receiver: Receiver
) -> None:
    token = judge0.submit(
        source_code="print('called back')",
        language_id=PYTHON,
        callback_url=receiver.url(CALLBACK_HOST),
    ).json()["token"]
    receiver.wait_for(1)
    method, path, body = receiver.requests[0]
    assert (method, path) == ("PUT", "/callback")
    assert body is not None
    assert body["token"] == token
    assert body["status"] == {"id": 3, "description": "Accepted"}
    assert base64.b64decode(body["stdout"]) == b"called back\n"
    assert set(body) == {
        "stdout",
        "time",
        "memory",
        "stderr",
        "token",
        "compile_output",
        "message",
        "status",
    }


def test_a_failing_callback_is_retried(judge0: Judge0, receiver: Receiver) -> None:
    receiver.answers = [(500, {}), (503, {})]
    judge0.submit(
        source_code="print(1)", language_id=PYTHON, callback_url=receiver.url(CALLBACK_HOST)
    )
    receiver.wait_for(3)
    assert [method for method, _path, _body in receiver.requests] == ["PUT", "PUT", "PUT"]


def test_a_loopback_address_not_allow_listed_is_never_called(
    judge0: Judge0, receiver: Receiver
) -> None:
    token = judge0.submit(
        source_code="print(1)", language_id=PYTHON, callback_url=receiver.url("127.0.0.1")
    ).json()["token"]
    judge0.finished(token)
    time.sleep(1.5)  # longer than a first retry pause: nothing comes
    assert receiver.requests == []


def test_a_redirect_is_not_followed(judge0: Judge0, receiver: Receiver) -> None:
    elsewhere = receiver.url(CALLBACK_HOST, "/elsewhere")
    receiver.answers = [(307, {"Location": elsewhere})] * 3
    judge0.submit(
        source_code="print(1)", language_id=PYTHON, callback_url=receiver.url(CALLBACK_HOST)
    )
    receiver.wait_for(3)
    time.sleep(0.5)
    assert {path for _method, path, _body in receiver.requests} == {"/callback"}


@pytest.mark.parametrize("url", ["ftp://example.com/x", "not a url", "http:///nohost"])
def test_a_callback_url_that_is_not_http_is_422(judge0: Judge0, url: str) -> None:
    response = judge0.submit(source_code="print(1)", language_id=PYTHON, callback_url=url)
    assert response.status_code == 422
    assert response.json() == {"callback_url": ["is not a valid http(s) URL"]}
