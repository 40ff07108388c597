"""The one settings object: everything configurable is read here, nowhere else."""

from __future__ import annotations

import ipaddress
import secrets
import tempfile
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import parse
from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from codecollab.private_files import private_dir, private_file

MIN_SECRET_LENGTH = 32
WELL_KNOWN_SECRETS = frozenset(
    {
        "changethis",
        "changeme",
        "change-me",
        "secret",
        "jwt_secret",
        "jwt-secret",
        "supersecret",
        "your-secret-key",
        "your_secret_key",
        "development",
        "password",
        "test",
    }
)


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class ConfigError(Exception):
    """The configuration cannot be used; the message is one line for the operator."""


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    env: Environment = Field(
        default=Environment.DEVELOPMENT, validation_alias=_alias("CODECOLLAB_ENV", "env")
    )
    data_dir: Path = Field(
        default=Path("data"), validation_alias=_alias("CODECOLLAB_DATA_DIR", "data_dir")
    )
    database_url: str = Field(default="", validation_alias=_alias("DATABASE_URL", "database_url"))
    jwt_secret: str = Field(default="", validation_alias=_alias("JWT_SECRET", "jwt_secret"))
    redis_url: str | None = Field(default=None, validation_alias=_alias("REDIS_URL", "redis_url"))
    sandbox_backend: Literal["auto", "bwrap", "docker"] = Field(
        default="auto", validation_alias=_alias("SANDBOX_BACKEND", "sandbox_backend")
    )
    docker_cpu_limit: float = Field(
        default=1.0, gt=0, validation_alias=_alias("DOCKER_CPU_LIMIT", "docker_cpu_limit")
    )
    docker_memory_limit: str = Field(
        default="512m",
        pattern=r"^\d+[kmgKMG]?[bB]?$",
        validation_alias=_alias("DOCKER_MEMORY_LIMIT", "docker_memory_limit"),
    )
    docker_host: str = Field(
        default="unix:///var/run/docker.sock",
        validation_alias=_alias("DOCKER_HOST", "docker_host"),
        description="Docker Engine API address (unix:// or tcp://), as the docker CLI reads it",
    )
    docker_image: str = Field(
        default="localhost/codecollab-sandbox:latest",
        min_length=1,
        validation_alias=_alias("CODECOLLAB_DOCKER_IMAGE", "docker_image"),
    )
    docker_pool_size: int = Field(
        default=2,
        ge=0,
        le=64,
        validation_alias=_alias("CODECOLLAB_DOCKER_POOL_SIZE", "docker_pool_size"),
        description="Started, idle sandbox containers kept ready per limit set (0: none)",
    )
    public_url: str = Field(
        default="", validation_alias=_alias("CODECOLLAB_PUBLIC_URL", "public_url")
    )
    access_token_ttl_s: int = Field(
        default=900,
        gt=0,
        validation_alias=_alias("CODECOLLAB_ACCESS_TOKEN_TTL_S", "access_token_ttl_s"),
    )
    refresh_token_ttl_s: int = Field(
        default=30 * 24 * 3600,
        gt=0,
        validation_alias=_alias("CODECOLLAB_REFRESH_TOKEN_TTL_S", "refresh_token_ttl_s"),
    )
    invite_default_ttl_s: int = Field(default=7 * 24 * 3600, gt=0)
    # Guests get one access token, no refresh token: long enough for an interview.
    guest_token_ttl_s: int = Field(
        default=12 * 3600,
        gt=0,
        le=7 * 24 * 3600,
        validation_alias=_alias("CODECOLLAB_GUEST_TOKEN_TTL_S", "guest_token_ttl_s"),
    )
    invite_preview_rate_limit: str = Field(
        default="60/minute",
        validation_alias=_alias(
            "CODECOLLAB_INVITE_PREVIEW_RATE_LIMIT", "invite_preview_rate_limit"
        ),
        description="invite previews per client address, in the `limits` library's notation",
    )
    max_body_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        validation_alias=_alias("CODECOLLAB_MAX_BODY_BYTES", "max_body_bytes"),
    )
    # Accounts (docs/security.md): login backoff per (account, address) and per address, never
    # per account alone; sign-ups per address.
    login_failures_per_account_address: int = Field(
        default=5,
        gt=0,
        validation_alias=_alias(
            "CODECOLLAB_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS", "login_failures_per_account_address"
        ),
        description="failed logins for one account from one address before the backoff",
    )
    login_failures_per_address: int = Field(
        default=20,
        gt=0,
        validation_alias=_alias(
            "CODECOLLAB_LOGIN_FAILURES_PER_ADDRESS", "login_failures_per_address"
        ),
        description="failed logins from one address, any accounts, before the backoff",
    )
    login_backoff_base_s: int = Field(
        default=30,
        gt=0,
        validation_alias=_alias("CODECOLLAB_LOGIN_BACKOFF_BASE_S", "login_backoff_base_s"),
    )
    login_backoff_max_s: int = Field(
        default=15 * 60,
        gt=0,
        validation_alias=_alias("CODECOLLAB_LOGIN_BACKOFF_MAX_S", "login_backoff_max_s"),
    )
    login_failure_window_s: int = Field(
        default=24 * 3600,
        gt=0,
        validation_alias=_alias("CODECOLLAB_LOGIN_FAILURE_WINDOW_S", "login_failure_window_s"),
        description="failures are forgotten this long after the first of them",
    )
    signup_rate_limit: str = Field(
        default="10/hour",
        validation_alias=_alias("CODECOLLAB_SIGNUP_RATE_LIMIT", "signup_rate_limit"),
        description="sign-ups per client address, in the `limits` library's notation",
    )
    # Password reset (docs/security.md): links an admin issues, or e-mailed on request when
    # SMTP is configured.
    password_reset_ttl_s: int = Field(
        default=3600,
        ge=60,
        le=7 * 24 * 3600,
        validation_alias=_alias("CODECOLLAB_PASSWORD_RESET_TTL_S", "password_reset_ttl_s"),
        description="how long a password reset link works",
    )
    password_reset_rate_limit: str = Field(
        default="5/hour",
        validation_alias=_alias(
            "CODECOLLAB_PASSWORD_RESET_RATE_LIMIT", "password_reset_rate_limit"
        ),
        description="reset requests per client address, and e-mails per account",
    )
    smtp_host: str = Field(default="", validation_alias=_alias("SMTP_HOST", "smtp_host"))
    smtp_port: int = Field(
        default=587, ge=1, le=65535, validation_alias=_alias("SMTP_PORT", "smtp_port")
    )
    smtp_user: str = Field(default="", validation_alias=_alias("SMTP_USER", "smtp_user"))
    smtp_password: str = Field(
        default="", validation_alias=_alias("SMTP_PASSWORD", "smtp_password")
    )
    smtp_from: str = Field(default="", validation_alias=_alias("SMTP_FROM", "smtp_from"))
    smtp_tls: Literal["starttls", "ssl", "none"] = Field(
        default="starttls",
        validation_alias=_alias("SMTP_TLS", "smtp_tls"),
        description="starttls (required, the default), ssl (implicit TLS, port 465) or none",
    )
    argon2_time_cost: int = Field(
        default=3, ge=1, validation_alias=_alias("CODECOLLAB_ARGON2_TIME_COST", "argon2_time_cost")
    )
    argon2_memory_cost_kib: int = Field(
        default=65536,
        ge=8,
        validation_alias=_alias("CODECOLLAB_ARGON2_MEMORY_KIB", "argon2_memory_cost_kib"),
    )
    problems_dir: Path = Field(
        default=Path(__file__).resolve().parents[2] / "problems",
        validation_alias=_alias("CODECOLLAB_PROBLEMS_DIR", "problems_dir"),
    )
    frontend_dir: Path | None = Field(
        default=None, validation_alias=_alias("CODECOLLAB_FRONTEND_DIR", "frontend_dir")
    )
    # Live collaboration (see docs/collaboration.md).
    collab_max_frame_bytes: int = Field(
        default=2 * 1024 * 1024,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_MAX_FRAME_BYTES", "collab_max_frame_bytes"),
    )
    collab_max_document_bytes: int = Field(
        default=16 * 1024 * 1024,
        gt=0,
        validation_alias=_alias(
            "CODECOLLAB_COLLAB_MAX_DOCUMENT_BYTES", "collab_max_document_bytes"
        ),
    )
    collab_messages_per_s: float = Field(
        default=200.0,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_MESSAGES_PER_S", "collab_messages_per_s"),
    )
    collab_message_burst: int = Field(
        default=1000,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_MESSAGE_BURST", "collab_message_burst"),
    )
    collab_flush_interval_ms: int = Field(
        # An accepted update is committed within 100 ms: the interval plus one transaction,
        # which takes tens of milliseconds when a thousand clients disconnect at once.
        default=30,
        ge=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_FLUSH_INTERVAL_MS", "collab_flush_interval_ms"),
    )
    collab_event_log_writer: Literal["process", "thread"] = Field(
        # A process of its own commits within the promise even while the server's main thread
        # is busy with a thousand connecting clients; a thread of the server's waits for the
        # interpreter lock at every step (docs/collaboration.md).
        default="process",
        validation_alias=_alias("CODECOLLAB_COLLAB_EVENT_LOG_WRITER", "collab_event_log_writer"),
    )
    collab_flush_max_events: int = Field(
        default=500,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_FLUSH_MAX_EVENTS", "collab_flush_max_events"),
    )
    collab_snapshot_every: int = Field(
        default=1000,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_SNAPSHOT_EVERY", "collab_snapshot_every"),
    )
    collab_awareness_batch_ms: int = Field(
        # Presence changes of one room arriving within this window go out as one message.
        default=10,
        ge=0,
        le=1000,
        validation_alias=_alias(
            "CODECOLLAB_COLLAB_AWARENESS_BATCH_MS", "collab_awareness_batch_ms"
        ),
    )
    collab_awareness_renewal_batch_ms: int = Field(
        # A renewal (unchanged state; clients renew every 15 s and drop a state after 30 s
        # without one) may wait this long for the room's other presence messages.
        default=1000,
        ge=0,
        le=5000,
        validation_alias=_alias(
            "CODECOLLAB_COLLAB_AWARENESS_RENEWAL_BATCH_MS", "collab_awareness_renewal_batch_ms"
        ),
    )
    collab_unload_grace_s: float = Field(
        default=30.0,
        ge=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_UNLOAD_GRACE_S", "collab_unload_grace_s"),
    )
    # Over these budgets a connection is slowed down (the server stops reading from it), never
    # closed: bytes per second of everything one connection sends, and bytes per second of the
    # updates a room accepts from all its connections (what bounds the event log's growth).
    collab_bytes_per_s: int = Field(
        default=256 * 1024,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_BYTES_PER_S", "collab_bytes_per_s"),
    )
    collab_byte_burst: int = Field(
        default=4 * 1024 * 1024,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_BYTE_BURST", "collab_byte_burst"),
    )
    collab_room_bytes_per_s: int = Field(
        default=64 * 1024,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_ROOM_BYTES_PER_S", "collab_room_bytes_per_s"),
    )
    collab_room_byte_burst: int = Field(
        default=4 * 1024 * 1024,
        gt=0,
        validation_alias=_alias("CODECOLLAB_COLLAB_ROOM_BYTE_BURST", "collab_room_byte_burst"),
    )
    collab_max_outbound_bytes: int = Field(
        # A connection whose unsent backlog passes this is closed with 1013 (it reconnects).
        default=4 * 1024 * 1024,
        ge=64 * 1024,
        validation_alias=_alias(
            "CODECOLLAB_COLLAB_MAX_OUTBOUND_BYTES", "collab_max_outbound_bytes"
        ),
    )
    collab_max_awareness_state_bytes: int = Field(
        default=16 * 1024,
        ge=256,
        validation_alias=_alias(
            "CODECOLLAB_COLLAB_MAX_AWARENESS_STATE_BYTES", "collab_max_awareness_state_bytes"
        ),
    )
    collab_max_awareness_depth: int = Field(
        default=32,
        ge=2,
        le=256,
        validation_alias=_alias(
            "CODECOLLAB_COLLAB_MAX_AWARENESS_DEPTH", "collab_max_awareness_depth"
        ),
    )
    collab_max_awareness_client_ids: int = Field(
        # Awareness client ids one connection may speak for (a Yjs client uses one).
        default=4,
        ge=1,
        validation_alias=_alias(
            "CODECOLLAB_COLLAB_MAX_AWARENESS_CLIENT_IDS", "collab_max_awareness_client_ids"
        ),
    )
    collab_max_awareness_states: int = Field(
        # Awareness states one room holds, all processes' clients together.
        default=1000,
        ge=1,
        validation_alias=_alias(
            "CODECOLLAB_COLLAB_MAX_AWARENESS_STATES", "collab_max_awareness_states"
        ),
    )
    # Session timeline: a replay checkpoint every N events; awareness sampled per client.
    timeline_checkpoint_every: int = Field(
        default=500,
        gt=0,
        validation_alias=_alias(
            "CODECOLLAB_TIMELINE_CHECKPOINT_EVERY", "timeline_checkpoint_every"
        ),
    )
    timeline_awareness_interval_ms: int = Field(
        default=100,
        ge=0,
        validation_alias=_alias(
            "CODECOLLAB_TIMELINE_AWARENESS_INTERVAL_MS", "timeline_awareness_interval_ms"
        ),
    )
    # Code execution (every sandbox backend). A request may ask for less, never more.
    sandbox_dir: Path = Field(
        default=Path(tempfile.gettempdir()) / "codecollab-sandbox",
        validation_alias=_alias("CODECOLLAB_SANDBOX_DIR", "sandbox_dir"),
    )
    execution_time_limit_ms: int = Field(
        default=2_000,
        gt=0,
        validation_alias=_alias("CODECOLLAB_EXECUTION_TIME_LIMIT_MS", "execution_time_limit_ms"),
    )
    execution_max_time_limit_ms: int = Field(default=10_000, gt=0)
    sandbox_stack_mb: int = Field(
        default=64,
        ge=1,
        validation_alias=_alias("CODECOLLAB_SANDBOX_STACK_MB", "sandbox_stack_mb"),
        description="a run's stack (RLIMIT_STACK) unless it asks for another; at most its memory",
    )
    execution_output_limit_bytes: int = Field(default=64 * 1024, gt=0)
    execution_workers: int = Field(
        default=0,
        ge=0,
        validation_alias=_alias("CODECOLLAB_EXECUTION_WORKERS", "execution_workers"),
        description="concurrent runs per process (0: the CPU count)",
    )
    execution_queue_size: int = Field(
        default=32,
        ge=0,
        validation_alias=_alias("CODECOLLAB_EXECUTION_QUEUE_SIZE", "execution_queue_size"),
    )
    execution_queue_name: str = Field(
        default="codecollab-executions",
        validation_alias=_alias("CODECOLLAB_EXECUTION_QUEUE_NAME", "execution_queue_name"),
    )
    execution_rate_limit: str = Field(
        default="30/minute",
        validation_alias=_alias("CODECOLLAB_EXECUTION_RATE_LIMIT", "execution_rate_limit"),
        description="runs per user, in the `limits` library's notation",
    )

    # API keys and the Judge0-compatible API (docs/api.md, docs/security.md).
    api_keys_per_account: int = Field(
        default=20,
        ge=1,
        le=1000,
        validation_alias=_alias("CODECOLLAB_API_KEYS_PER_ACCOUNT", "api_keys_per_account"),
    )
    judge0_callback_allow: str = Field(
        default="",
        max_length=4096,
        validation_alias=_alias("CODECOLLAB_JUDGE0_CALLBACK_ALLOW", "judge0_callback_allow"),
        description="comma-separated host names, addresses or CIDRs that callback_url may "
        "reach although loopback, private or link-local",
    )
    judge0_retention_s: int = Field(
        default=24 * 3600,
        ge=60,
        validation_alias=_alias("CODECOLLAB_JUDGE0_RETENTION_S", "judge0_retention_s"),
        description="how long Judge0 submissions are kept after they were created",
    )
    judge0_max_pending: int = Field(
        default=100,
        ge=1,
        le=100_000,
        validation_alias=_alias("CODECOLLAB_JUDGE0_MAX_PENDING", "judge0_max_pending"),
        description="Judge0 submissions waiting or running per server process (Judge0's "
        "max_queue_size); beyond it a submission is refused with 503",
    )

    @field_validator("signup_rate_limit", "invite_preview_rate_limit", "password_reset_rate_limit")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError as exc:
            raise ValueError(f"not a rate limit like '10/hour': {value!r}") from exc
        return value

    @field_validator("judge0_callback_allow")
    @classmethod
    def _callback_allow(cls, value: str) -> str:
        for entry in split_allow_list(value):
            if "/" in entry:
                try:
                    ipaddress.ip_network(entry, strict=False)
                except ValueError as exc:
                    raise ValueError(f"not a network like 10.0.0.0/8: {entry!r}") from exc
        return value

    @model_validator(mode="after")
    def _fill_defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.data_dir / 'codecollab.db').resolve()}"
        return self

    @property
    def reset_by_email(self) -> bool:
        """Reset links are e-mailed on request only with SMTP and a public URL: a link built
        from a request's Host header could point anywhere the requester likes."""
        return bool(self.smtp_host and self.smtp_from and self.public_url)

    @property
    def memory_limit_bytes(self) -> int:
        return parse_size(self.docker_memory_limit)

    def resolved_jwt_secret(self) -> str:
        """The signing secret: required in production, generated once and kept in development."""
        if self.env is Environment.PRODUCTION:
            check_production_secret(self.jwt_secret)
            return self.jwt_secret
        if self.jwt_secret:
            return self.jwt_secret
        return _dev_secret(self.data_dir)


def check_production_secret(secret: str) -> None:
    if not secret:
        raise ConfigError(
            "JWT_SECRET is not set; production needs a random secret of 32+ characters"
        )
    if secret.strip().lower() in WELL_KNOWN_SECRETS:
        raise ConfigError(
            "JWT_SECRET is a well-known placeholder; set a random secret of 32+ characters"
        )
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"JWT_SECRET is {len(secret)} characters; production needs at least {MIN_SECRET_LENGTH}"
        )


def _dev_secret(data_dir: Path) -> str:
    path = data_dir / "jwt_secret"
    private_dir(data_dir)
    if path.exists():
        private_file(path)
        return path.read_text().strip()
    secret = secrets.token_urlsafe(48)
    private_file(path)
    path.write_text(secret)
    return secret


def split_allow_list(value: str) -> list[str]:
    """The entries of a comma-separated allow-list, trimmed and lower-cased."""
    return [entry.strip().lower() for entry in value.split(",") if entry.strip()]


_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """Parse Docker-style sizes: `512m`, `1g`, `65536k`, `1048576`."""
    value = text.strip().lower().removesuffix("b")
    unit = value[-1] if value and value[-1] in "kmg" else ""
    number = value[: len(value) - len(unit)]
    return int(number) * _SIZE_UNITS[unit]


@lru_cache
def get_settings() -> Settings:
    return Settings()
