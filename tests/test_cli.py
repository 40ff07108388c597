"""The command line: serve (health, readiness, graceful stop), migrate, createuser, promote,
errors."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
import websockets.exceptions
import websockets.sync.client
from sqlalchemy.engine import make_url

from tests.conftest import TEST_PASSWORD, admin_execute
from tests.server import running_server, server_env

PASSWORD_LINE = f"{TEST_PASSWORD}\n"
"""The password as typed on stdin."""


def _codecollab(
    args: list[str], env: dict[str, str], cwd: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codecollab", *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_serve_answers_health_and_readiness(tmp_path: Path) -> None:
    with running_server(tmp_path, server_env(tmp_path)) as server:
        assert httpx.get(f"{server.base_url}/healthz").json() == {"status": "ok"}
        assert httpx.get(f"{server.base_url}/readyz").json() == {"status": "ok"}


def test_serve_stops_gracefully_on_sigterm(tmp_path: Path) -> None:
    with running_server(tmp_path, server_env(tmp_path)) as server:
        # uvicorn re-raises the signal after its graceful shutdown, as a process should.
        assert server.stop(signal.SIGTERM) in (0, -signal.SIGTERM)
        assert "Application shutdown complete" in server.log()


def test_serve_logs_request_urls_without_their_access_tokens(tmp_path: Path) -> None:
    secret = "eyJhbGciOiJIUzI1NiJ9.not-for-the-log.signature"
    with running_server(tmp_path, server_env(tmp_path)) as server:
        httpx.get(f"{server.base_url}/api/rooms?token={secret}&page=1")
        ws_url = server.base_url.replace("http", "ws", 1)
        with (
            pytest.raises(websockets.exceptions.ConnectionClosed),
            websockets.sync.client.connect(
                f"{ws_url}/ws/rooms/{uuid.uuid4()}?token={secret}"
            ) as ws,
        ):
            ws.recv(timeout=10)
        server.stop()
        log = server.log()
    assert secret not in log
    assert "/api/rooms?token=[redacted]&page=1" in log
    assert "?token=[redacted]" in log.split("WebSocket", 1)[1]


def test_serve_reports_not_ready_when_the_database_is_gone(tmp_path: Path) -> None:
    server_url = os.environ.get("CODECOLLAB_TEST_POSTGRES_URL")
    if not server_url:
        pytest.skip("CODECOLLAB_TEST_POSTGRES_URL is not set: no database to take away")
    name = f"cc_ready_{uuid.uuid4().hex[:8]}"
    asyncio.run(admin_execute(server_url, f"CREATE DATABASE {name}"))
    database_url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        with running_server(tmp_path, server_env(tmp_path, database_url)) as server:
            assert httpx.get(f"{server.base_url}/readyz").status_code == 200
            asyncio.run(admin_execute(server_url, f"DROP DATABASE {name} WITH (FORCE)"))
            response = httpx.get(f"{server.base_url}/readyz", timeout=30)
            assert response.status_code == 503
            assert int(response.headers["Retry-After"]) >= 1
            assert httpx.get(f"{server.base_url}/healthz").status_code == 200
    finally:
        asyncio.run(admin_execute(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def test_production_refuses_to_start_without_a_strong_secret(tmp_path: Path) -> None:
    env = server_env(tmp_path, CODECOLLAB_ENV="production", JWT_SECRET="changethis")
    result = _codecollab(["serve"], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "JWT_SECRET" in result.stderr


def test_a_bad_setting_is_reported_in_one_line(tmp_path: Path) -> None:
    env = server_env(tmp_path, SANDBOX_BACKEND="vm")
    result = _codecollab(["migrate"], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "SANDBOX_BACKEND" in result.stderr or "sandbox_backend" in result.stderr


def test_migrate_creates_the_database(tmp_path: Path) -> None:
    result = _codecollab(["migrate"], server_env(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "server.db").exists()


def test_createuser_reads_the_password_from_stdin_and_the_user_can_log_in(tmp_path: Path) -> None:
    env = server_env(tmp_path)
    result = _codecollab(
        ["createuser", "--email", "Root@Example.com", "--admin"], env, tmp_path, PASSWORD_LINE
    )
    assert result.returncode == 0, result.stderr
    with running_server(tmp_path, env) as server:
        login = httpx.post(
            f"{server.base_url}/api/auth/login",
            json={"email": "root@example.com", "password": TEST_PASSWORD},
        )
    assert login.status_code == 200
    assert login.json()["user"]["role"] == "admin"


def test_createuser_refuses_a_duplicate_email(tmp_path: Path) -> None:
    env = server_env(tmp_path)
    _codecollab(["createuser", "--email", "a@example.com"], env, tmp_path, PASSWORD_LINE)
    result = _codecollab(["createuser", "--email", "A@example.com"], env, tmp_path, PASSWORD_LINE)
    assert result.returncode == 1
    assert "already exists" in result.stderr


def test_createuser_refuses_a_common_password(tmp_path: Path) -> None:
    result = _codecollab(
        ["createuser", "--email", "a@example.com"], server_env(tmp_path), tmp_path, "password123\n"
    )
    assert result.returncode == 2
    assert "too common" in result.stderr


def _role_after_login(base_url: str) -> str:
    login = httpx.post(
        f"{base_url}/api/auth/login", json={"email": "ann@example.com", "password": TEST_PASSWORD}
    )
    assert login.status_code == 200, login.text
    role: str = login.json()["user"]["role"]
    return role


def test_createuser_staff_and_promote_set_the_instance_role(tmp_path: Path) -> None:
    env = server_env(tmp_path)
    created = _codecollab(
        ["createuser", "--email", "ann@example.com", "--staff"], env, tmp_path, PASSWORD_LINE
    )
    assert created.returncode == 0, created.stderr
    with running_server(tmp_path, env) as server:
        assert _role_after_login(server.base_url) == "staff"
        promoted = _codecollab(
            ["promote", "--email", "ANN@example.com", "--role", "member"], env, tmp_path
        )
        assert promoted.returncode == 0, promoted.stderr
        assert _role_after_login(server.base_url) == "member"


def test_promote_names_an_unknown_account(tmp_path: Path) -> None:
    result = _codecollab(
        ["promote", "--email", "nobody@example.com", "--role", "admin"],
        server_env(tmp_path),
        tmp_path,
    )
    assert result.returncode == 1
    assert "no account" in result.stderr


def test_worker_says_it_needs_redis(tmp_path: Path) -> None:
    result = _codecollab(["worker"], server_env(tmp_path), tmp_path)
    assert result.returncode == 2
    assert "REDIS_URL" in result.stderr


def test_reset_link_prints_a_link_that_sets_a_new_password(tmp_path: Path) -> None:
    env = {**server_env(tmp_path), "CODECOLLAB_PUBLIC_URL": "https://cc.example.com"}
    _codecollab(["createuser", "--email", "ann@example.com"], env, tmp_path, PASSWORD_LINE)
    result = _codecollab(["reset-link", "--email", "Ann@Example.com"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    url = result.stdout.strip()
    assert url.startswith("https://cc.example.com/reset-password?token=")
    token = url.split("token=", 1)[1]
    new_password = "a brand new passphrase"
    with running_server(tmp_path, env) as server:
        reset = httpx.post(
            f"{server.base_url}/api/auth/password-reset/confirm",
            json={"token": token, "password": new_password},
        )
        login = httpx.post(
            f"{server.base_url}/api/auth/login",
            json={"email": "ann@example.com", "password": new_password},
        )
    assert reset.status_code == 204, reset.text
    assert login.status_code == 200


def test_reset_link_names_an_unknown_account(tmp_path: Path) -> None:
    result = _codecollab(
        ["reset-link", "--email", "nobody@example.com"], server_env(tmp_path), tmp_path
    )
    assert result.returncode == 1
    assert "no account with e-mail nobody@example.com" in result.stderr


def test_apikey_prints_a_key_that_the_judge0_api_accepts(tmp_path: Path) -> None:
    env = {**server_env(tmp_path), "SANDBOX_BACKEND": "bwrap"}
    _codecollab(["createuser", "--email", "ann@example.com"], env, tmp_path, PASSWORD_LINE)
    result = _codecollab(
        ["apikey", "--email", "Ann@Example.com", "--name", "grader"], env, tmp_path
    )
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert key.startswith("cck_")
    with running_server(tmp_path, env) as server:
        response = httpx.get(f"{server.base_url}/judge0/statuses", headers={"X-Auth-Token": key})
    assert response.status_code == 200


def test_apikey_names_an_unknown_account(tmp_path: Path) -> None:
    result = _codecollab(
        ["apikey", "--email", "nobody@example.com"], server_env(tmp_path), tmp_path
    )
    assert result.returncode == 1
    assert "no account with e-mail nobody@example.com" in result.stderr
