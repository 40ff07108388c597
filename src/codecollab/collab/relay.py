"""Rooms across processes: accepted updates and awareness fan out through Redis pub/sub.

Each update is stored once, by the process that accepted it; the others only apply and forward
it to their clients. Pub/sub is fire-and-forget, so the event log is the source of truth: after a
Redis outage (and shortly after loading a document) a process reads what it missed from the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import deque

from redis.asyncio import Redis
from redis.exceptions import RedisError

from codecollab import metrics
from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.engine import Collaboration
from codecollab.collab.hooks import Extension
from codecollab.collab.live import Change, LiveDocument
from codecollab.collab.persistence import Persistence
from codecollab.collab.protocol import AwarenessEntry, ProtocolError, decode_awareness_update

logger = logging.getLogger(__name__)

PREFIX = "codecollab:collab:"
RIGHTS_CHANNEL = PREFIX + "rights"
UPDATE, AWARENESS, QUERY_AWARENESS = b"u", b"a", b"q"
# Updates published just before this process subscribed are committed within this delay.
LATE_CATCH_UP_S = 1.0
MAX_RECONNECT_DELAY_S = 5.0


def document_channel(key: DocumentKey) -> str:
    return f"{PREFIX}{key.room_id}:{key.kind.value}"


def _parse_channel(channel: str) -> DocumentKey | None:
    try:
        room, kind = channel.removeprefix(PREFIX).split(":")
        return DocumentKey(uuid.UUID(room), DocumentKind(kind))
    except ValueError:
        return None


class RedisRelay(Extension):
    def __init__(self, url: str, *, persistence: Persistence) -> None:
        self._redis = Redis.from_url(url, socket_connect_timeout=2, socket_keepalive=True)
        self._persistence = persistence
        self._origin = uuid.uuid4().bytes
        self._channels: set[str] = set()
        self._outbox: deque[tuple[str, bytes]] = deque()
        self._outbox_ready = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._pubsub_connected = False
        self._collaboration: Collaboration | None = None

    def bind(self, collaboration: Collaboration) -> None:
        self._collaboration = collaboration

    @property
    def connected(self) -> bool:
        return self._pubsub_connected

    async def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._listen(), name="redis relay listener"),
            asyncio.create_task(self._publish_loop(), name="redis relay publisher"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._redis.aclose()

    # --- hooks -----------------------------------------------------------------------------

    async def on_load(self, document: LiveDocument) -> None:
        channel = document_channel(document.key)
        self._channels.add(channel)
        await self._subscribe(channel)
        self._send(channel, QUERY_AWARENESS)
        loop = asyncio.get_running_loop()
        loop.call_later(LATE_CATCH_UP_S, self._spawn_catch_up, document.key)

    def on_change(self, document: LiveDocument, change: Change) -> None:
        self._send(document_channel(document.key), UPDATE + change.update)

    def on_awareness(
        self, document: LiveDocument, update: bytes, entries: list[AwarenessEntry]
    ) -> None:
        self._send(document_channel(document.key), AWARENESS + update)

    async def on_unload(self, document: LiveDocument) -> None:
        channel = document_channel(document.key)
        self._channels.discard(channel)
        with contextlib.suppress(RedisError, OSError, AttributeError):
            if self._pubsub is not None:
                await self._pubsub.unsubscribe(channel)

    async def on_rights_changed(self, room_id: uuid.UUID) -> None:
        self._send(RIGHTS_CHANNEL, room_id.bytes)

    # --- publishing ------------------------------------------------------------------------

    def _send(self, channel: str, body: bytes) -> None:
        self._outbox.append((channel, self._origin + body))
        self._outbox_ready.set()

    async def _publish_loop(self) -> None:
        while True:
            await self._outbox_ready.wait()
            self._outbox_ready.clear()
            batch = list(self._outbox)
            self._outbox.clear()
            started = time.monotonic()
            try:
                async with self._redis.pipeline(transaction=False) as pipe:
                    for channel, payload in batch:
                        pipe.publish(channel, payload)
                    await pipe.execute()
                metrics.RELAY_PUBLISH.observe(time.monotonic() - started)
            except (RedisError, OSError) as exc:
                # Dropped: local clients are served regardless; other processes catch up from the
                # event log when Redis is back.
                logger.warning("redis publish failed (%r); %d messages dropped", exc, len(batch))

    # --- receiving -------------------------------------------------------------------------

    _pubsub = None

    async def _subscribe(self, channel: str) -> None:
        if self._pubsub is None or not self._pubsub_connected:
            return  # the listener subscribes to every channel when it (re)connects
        try:
            await self._pubsub.subscribe(channel)
        except (RedisError, OSError) as exc:
            logger.warning("redis subscribe failed (%r)", exc)

    async def _listen(self) -> None:
        delay = 0.1
        reconnecting = False
        while True:
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(RIGHTS_CHANNEL, *self._channels)
                self._pubsub, self._pubsub_connected = pubsub, True
                if reconnecting:
                    logger.info("redis is back; catching up from the event log")
                    await self._catch_up_all()
                delay = 0.1
                async for message in pubsub.listen():
                    self._dispatch(message)
            except (RedisError, OSError) as exc:
                logger.warning("redis relay disconnected (%r); retrying in %.1fs", exc, delay)
            finally:
                self._pubsub_connected = False
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
            reconnecting = True
            await asyncio.sleep(delay)
            delay = min(MAX_RECONNECT_DELAY_S, delay * 2)

    def _dispatch(self, message: dict[str, object]) -> None:
        data = message.get("data")
        channel = message.get("channel")
        if not isinstance(data, bytes) or len(data) < 17 or data[:16] == self._origin:
            return
        channel_name = channel.decode() if isinstance(channel, bytes) else str(channel)
        kind, body = data[16:17], data[17:]
        try:
            if channel_name == RIGHTS_CHANNEL:
                self._rights_changed(uuid.UUID(bytes=body))
            else:
                self._deliver(channel_name, kind, body)
        except (ValueError, ProtocolError) as exc:
            logger.warning("ignoring a bad relay message on %s: %r", channel_name, exc)

    def _deliver(self, channel: str, kind: bytes, body: bytes) -> None:
        key = _parse_channel(channel)
        if key is None or self._collaboration is None:
            return
        document = self._collaboration.find(key)
        if document is None:
            return
        if kind == UPDATE:
            document.accept_remote(body)
        elif kind == AWARENESS:
            limits = self._collaboration.limits.awareness
            entries = decode_awareness_update(
                body, max_state_bytes=limits.state_bytes, max_depth=limits.depth
            )
            document.awareness_from_remote(entries)
        elif kind == QUERY_AWARENESS:
            update = document.local_awareness_update()
            if update is not None:
                self._send(channel, AWARENESS + update)

    def _rights_changed(self, room_id: uuid.UUID) -> None:
        if self._collaboration is not None:
            task = asyncio.create_task(self._collaboration.refresh_rights(room_id))
            self._tasks.append(task)
            task.add_done_callback(self._tasks.remove)

    # --- catching up -----------------------------------------------------------------------

    def _spawn_catch_up(self, key: DocumentKey) -> None:
        if self._collaboration is None or key not in self._collaboration.documents:
            return
        task = asyncio.create_task(self._catch_up(self._collaboration.documents[key]))
        self._tasks.append(task)
        task.add_done_callback(self._tasks.remove)

    async def _catch_up_all(self) -> None:
        if self._collaboration is None:
            return
        for document in list(self._collaboration.documents.values()):
            await self._catch_up(document)

    async def _catch_up(self, document: LiveDocument) -> None:
        try:
            await self._persistence.catch_up(document)
        except Exception:
            logger.exception("catching up %s from the event log failed", document.key)
