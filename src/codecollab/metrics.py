"""The server's Prometheus metrics, defined in one place (docs/api.md, "Metrics").

Each is a module-level object of `prometheus_client`'s default registry; the code that does the
work increments or observes it (a counter increment is a lock and an add: nothing on the hot
path waits for anything else). What is cheaper to read than to track (the execution pool) is
read when scraped. `render()` is the text served at `GET /metrics`.
"""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

# The classic text format (what `generate_latest` writes), read by every Prometheus version.
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4

# Latencies of milliseconds to seconds.
_LATENCY_BUCKETS_S = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
# Runs take from milliseconds (cached toolchains) to the time limit plus compilation.
_RUN_BUCKETS_S = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

CONNECTIONS = Gauge(
    "codecollab_websocket_connections",
    "Open collaboration WebSocket connections (authenticated, being served).",
)
DOCUMENTS_LOADED = Gauge(
    "codecollab_documents_loaded",
    "Documents (a room's files) loaded in memory by this process.",
)
UPDATES_IN = Counter(
    "codecollab_updates_received",
    "Document updates accepted from clients (sync answers and edits; applied, stored, relayed).",
)
FRAMES_OUT = Counter(
    "codecollab_frames_sent",
    "WebSocket frames sent to collaboration clients (sync, updates, awareness).",
)
COMMIT_DELAY = Histogram(
    "codecollab_event_log_commit_delay_seconds",
    "Per event-log transaction: from its oldest accepted update to the end of its commit.",
    buckets=_LATENCY_BUCKETS_S,
)
RELAY_PUBLISH = Histogram(
    "codecollab_relay_publish_seconds",
    "Per batch published to Redis (REDIS_URL set): the pipeline's round trip.",
    buckets=_LATENCY_BUCKETS_S,
)
EXECUTIONS = Counter(
    "codecollab_executions",
    "Runs by language and outcome: the result's status, or `busy`/`unavailable` when refused.",
    ["language", "status"],
)
EXECUTION_DURATION = Histogram(
    "codecollab_execution_duration_seconds",
    "Wall time of a run as the server saw it: waiting for a slot, compiling, running.",
    ["language"],
    buckets=_RUN_BUCKETS_S,
)
EXECUTION_POOL_RUNNING = Gauge(
    "codecollab_execution_pool_running",
    "Runs using a slot of this process's sandbox pool now.",
)
EXECUTION_POOL_WAITING = Gauge(
    "codecollab_execution_pool_waiting",
    "Runs waiting for a slot of this process's sandbox pool (the queue depth).",
)
EXECUTION_POOL_SIZE = Gauge(
    "codecollab_execution_pool_size",
    "Slots of this process's sandbox pool (runs at once); 0 without a pool.",
)
LOGIN_FAILURES = Counter(
    "codecollab_login_failures",
    "Refused logins: `invalid_credentials` or `rate_limited`.",
    ["reason"],
)


def watch_pool(*, running: Callable[[], float], waiting: Callable[[], float], size: float) -> None:
    """Read the execution pool's occupancy when scraped (the last pool started wins)."""
    EXECUTION_POOL_RUNNING.set_function(running)
    EXECUTION_POOL_WAITING.set_function(waiting)
    EXECUTION_POOL_SIZE.set(size)


def unwatch_pool() -> None:
    watch_pool(running=lambda: 0.0, waiting=lambda: 0.0, size=0)


def render() -> bytes:
    """Every metric of this process, in the Prometheus text format."""
    return generate_latest(REGISTRY)
