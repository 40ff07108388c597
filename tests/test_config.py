"""The settings object: variable names, URL schemes, secrets in development and production."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from codecollab.config import ConfigError, Settings, parse_size, split_allow_list
from codecollab.db import async_url


def _settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> Settings:
    monkeypatch.chdir(tmp_path)
    for name in (
        "DATABASE_URL",
        "JWT_SECRET",
        "CODECOLLAB_ENV",
        "REDIS_URL",
        "CODECOLLAB_DATA_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings()


def test_seed_variable_names_are_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = _settings(
        monkeypatch,
        tmp_path,
        DATABASE_URL="postgresql://u@h/db",
        JWT_SECRET="s" * 40,
        DOCKER_CPU_LIMIT="0.5",
        DOCKER_MEMORY_LIMIT="256m",
    )
    assert settings.database_url == "postgresql://u@h/db"
    assert settings.docker_cpu_limit == 0.5
    assert settings.memory_limit_bytes == 256 * 1024 * 1024


def test_dot_env_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("REDIS_URL=redis://127.0.0.1:6379/3\n")
    settings = _settings(monkeypatch, tmp_path)
    assert settings.redis_url == "redis://127.0.0.1:6379/3"


def test_default_database_is_sqlite_in_the_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = _settings(monkeypatch, tmp_path, CODECOLLAB_DATA_DIR=str(tmp_path / "d"))
    assert settings.database_url == f"sqlite:///{tmp_path / 'd' / 'codecollab.db'}"


def test_development_secret_is_generated_once_and_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = _settings(monkeypatch, tmp_path, CODECOLLAB_DATA_DIR=str(tmp_path / "d"))
    first = settings.resolved_jwt_secret()
    assert len(first) >= 32
    assert settings.resolved_jwt_secret() == first
    assert (tmp_path / "d" / "jwt_secret").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("secret", "reason"),
    [("", "not set"), ("changethis", "well-known"), ("short-but-random", "at least 32")],
)
def test_production_refuses_a_weak_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, secret: str, reason: str
) -> None:
    settings = _settings(monkeypatch, tmp_path, CODECOLLAB_ENV="production", JWT_SECRET=secret)
    with pytest.raises(ConfigError, match=reason):
        settings.resolved_jwt_secret()


def test_production_accepts_a_strong_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    strong = "k3J9-x8Qw_vB2nL7pR4tY6uI0oP5aS1dF"
    settings = _settings(monkeypatch, tmp_path, CODECOLLAB_ENV="production", JWT_SECRET=strong)
    assert settings.resolved_jwt_secret() == strong


@pytest.mark.parametrize(
    ("written", "driver"),
    [
        ("sqlite:///data/x.db", "sqlite+aiosqlite"),
        ("postgresql://u@h/db", "postgresql+asyncpg"),
        ("postgres://u@h/db", "postgresql+asyncpg"),
        ("postgresql+psycopg2://u@h/db", "postgresql+asyncpg"),
        ("mysql://root@h/db", "mysql+asyncmy"),
        ("mariadb://root@h/db", "mysql+asyncmy"),
    ],
)
def test_plain_database_schemes_get_an_async_driver(written: str, driver: str) -> None:
    assert async_url(written).drivername == driver


def test_mysql_urls_default_to_utf8mb4() -> None:
    assert async_url("mysql://root@h/db").query["charset"] == "utf8mb4"


def test_an_unknown_database_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported database scheme"):
        async_url("oracle://u@h/db")


@pytest.mark.parametrize(
    ("text", "size"),
    [("512m", 512 * 2**20), ("1g", 2**30), ("64k", 65536), ("1000", 1000), ("2GB", 2 * 2**30)],
)
def test_docker_style_sizes_parse(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_collaboration_budgets_are_read_from_their_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = _settings(
        monkeypatch,
        tmp_path,
        CODECOLLAB_COLLAB_BYTES_PER_S="1000",
        CODECOLLAB_COLLAB_BYTE_BURST="2000",
        CODECOLLAB_COLLAB_ROOM_BYTES_PER_S="3000",
        CODECOLLAB_COLLAB_ROOM_BYTE_BURST="4000",
    )
    assert (
        settings.collab_bytes_per_s,
        settings.collab_byte_burst,
        settings.collab_room_bytes_per_s,
        settings.collab_room_byte_burst,
    ) == (1000, 2000, 3000, 4000)


def test_a_zero_room_budget_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="greater than 0"):
        _settings(monkeypatch, tmp_path, CODECOLLAB_COLLAB_ROOM_BYTES_PER_S="0")


def test_the_callback_allow_list_is_read_and_its_networks_checked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CODECOLLAB_JUDGE0_CALLBACK_ALLOW", " Hooks.Internal , 10.0.0.0/8 ")
    settings = Settings(_env_file=None, data_dir=tmp_path)
    assert split_allow_list(settings.judge0_callback_allow) == ["hooks.internal", "10.0.0.0/8"]
    monkeypatch.setenv("CODECOLLAB_JUDGE0_CALLBACK_ALLOW", "10.0.0.0/99")
    with pytest.raises(ValidationError, match="not a network"):
        Settings(_env_file=None, data_dir=tmp_path)
