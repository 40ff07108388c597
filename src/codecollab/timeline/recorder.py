"""Records what the document log alone does not hold: presence, cursors, language changes.

An `Extension` of the sync engine. Events go through the persistence extension's group-commit
writer, so they are ordered with the document updates around them.

Awareness is sampled per client: a state is written at once if the client's previous one was
written at least `interval` ago, else it is held and written when the interval is up (the latest
held state wins). So a client costs at most one event per interval, the last state before a
pause is always written, and replay is at most one interval behind what clients saw. A state
that repeats the client's last one (Yjs clients resend theirs every 15 s to stay alive) is not
recorded again: it adds nothing to replay, and a room full of clients renewing at once would
otherwise put a burst of identical events through the writer.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from codecollab import strict_json
from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.hooks import Extension
from codecollab.collab.live import Change, LiveDocument
from codecollab.collab.peer import Peer
from codecollab.collab.persistence import Persistence
from codecollab.collab.protocol import AwarenessEntry
from codecollab.config import Settings
from codecollab.cooperative import staggered_start
from codecollab.events import types as t
from codecollab.events.service import NewEvent
from codecollab.timeline.checkpoints import CheckpointWriter

if TYPE_CHECKING:
    from codecollab.collab.engine import Collaboration

logger = logging.getLogger(__name__)

# Only these fields of an awareness state are kept, and only if small: the log is not a dump.
KEPT_AWARENESS_FIELDS = ("user", "selection", "cursor")
MAX_AWARENESS_JSON = 4096


@dataclass
class _Held:
    """The state a client sent that is waiting for its interval to pass."""

    room_id: uuid.UUID
    entry: AwarenessEntry
    user_id: str | None
    kept: dict[str, Any] | None


class TimelineRecorder(Extension):
    def __init__(
        self,
        *,
        awareness_interval_ms: int,
        checkpoint_every: int,
        build_checkpoints: Callable[[uuid.UUID], Any] | None = None,
    ) -> None:
        self._interval_s = awareness_interval_ms / 1000
        self._checkpoint_every = checkpoint_every
        self._build_checkpoints = build_checkpoints
        self._persistence: Persistence | None = None
        self._last_written: dict[int, float] = {}
        # The kept part of each client's latest recorded (written or held) state.
        self._last_kept: dict[int, dict[str, Any] | None] = {}
        self._held: dict[int, _Held] = {}
        self._timers: dict[int, asyncio.TimerHandle] = {}
        self._client_users: dict[int, str] = {}
        self._languages: dict[DocumentKey, str | None] = {}
        self._changes: Counter[uuid.UUID] = Counter()
        self._background: set[asyncio.Task[None]] = set()

    def bind(self, collaboration: Collaboration) -> None:
        self._persistence = next(
            (e for e in collaboration.extensions if isinstance(e, Persistence)), None
        )

    # --- hooks -----------------------------------------------------------------------------

    async def on_load(self, document: LiveDocument) -> None:
        if document.key.kind is DocumentKind.CODE:
            self._languages.setdefault(document.key, document.language)

    def on_change(self, document: LiveDocument, change: Change) -> None:
        if document.key.kind is not DocumentKind.CODE:
            return
        self._check_language(document, change.actor_id)
        room_id = document.key.room_id
        if room_id not in self._changes:
            self._changes[room_id] = staggered_start(self._checkpoint_every)
        self._changes[room_id] += 1
        if self._changes[room_id] >= self._checkpoint_every:
            self._changes[room_id] = staggered_start(self._checkpoint_every)
            self._spawn_checkpoints(room_id)

    def on_awareness(
        self, document: LiveDocument, update: bytes, entries: list[AwarenessEntry]
    ) -> None:
        if document.key.kind is not DocumentKind.CODE:
            return
        for entry in entries:
            self._awareness(document.key.room_id, entry)

    async def on_connect(self, document: LiveDocument, peer: Peer) -> None:
        if document.key.kind is DocumentKind.CODE:
            payload = {
                "connection_id": str(peer.id),
                "user_id": str(peer.user_id),
                "role": peer.access.role,
            }
            self._append(document.key.room_id, t.PRESENCE_JOINED, payload, peer.user_id)

    async def on_disconnect(self, document: LiveDocument, peer: Peer) -> None:
        if document.key.kind is not DocumentKind.CODE:
            return
        for client_id in peer.client_ids:
            self._flush_held(client_id)
        payload = {"connection_id": str(peer.id), "user_id": str(peer.user_id)}
        self._append(document.key.room_id, t.PRESENCE_LEFT, payload, peer.user_id)

    async def on_unload(self, document: LiveDocument) -> None:
        if document.key.kind is not DocumentKind.CODE:
            return
        self._languages.pop(document.key, None)
        self._changes.pop(document.key.room_id, None)
        for client_id, held in list(self._held.items()):
            if held.room_id == document.key.room_id:
                self._flush_held(client_id)
        self._spawn_checkpoints(document.key.room_id)

    async def stop(self) -> None:
        for client_id in list(self._held):
            self._flush_held(client_id)
        if self._background:
            await asyncio.wait(self._background, timeout=10)

    # --- awareness sampling ----------------------------------------------------------------

    def _awareness(self, room_id: uuid.UUID, entry: AwarenessEntry) -> None:
        client_id = entry.client_id
        user_id = _user_of(entry.state) or self._client_users.get(client_id)
        if user_id is not None:
            self._client_users[client_id] = user_id
        kept = _kept_state(entry.state)
        held = _Held(room_id, entry, user_id, kept)
        if entry.state is None:
            self._flush_held(client_id)  # the last state before the client left
            self._write_awareness(held)
            self._client_users.pop(client_id, None)
            self._last_written.pop(client_id, None)
            self._last_kept.pop(client_id, None)
            return
        if self._last_kept.get(client_id) == kept:
            return  # a renewal (clients resend their state every 15 s): nothing new to replay
        self._last_kept[client_id] = kept
        wait = self._last_written.get(client_id, 0.0) + self._interval_s - time.monotonic()
        if wait <= 0 and client_id not in self._timers:
            self._write_awareness(held)
            return
        self._held[client_id] = held
        if client_id not in self._timers:
            loop = asyncio.get_running_loop()
            self._timers[client_id] = loop.call_later(wait, self._flush_held, client_id)

    def _flush_held(self, client_id: int) -> None:
        self._cancel(client_id)
        held = self._held.pop(client_id, None)
        if held is not None:
            self._write_awareness(held)

    def _cancel(self, client_id: int) -> None:
        timer = self._timers.pop(client_id, None)
        if timer is not None:
            timer.cancel()

    def _write_awareness(self, held: _Held) -> None:
        entry = held.entry
        self._last_written[entry.client_id] = time.monotonic()
        payload = {
            "client_id": entry.client_id,
            "clock": entry.clock,
            "user_id": held.user_id,
            "state": held.kept,
        }
        actor = uuid.UUID(held.user_id) if held.user_id else None
        # Stamped when written, not when received: the log's timestamps stay in order.
        self._append(held.room_id, t.AWARENESS, payload, actor)

    # --- language, writing -----------------------------------------------------------------

    def _check_language(self, document: LiveDocument, actor_id: uuid.UUID | None) -> None:
        key = document.key
        language = document.language
        if key not in self._languages:
            # The document is still loading (the room's language is being put in): no change.
            self._languages[key] = language
            return
        previous = self._languages[key]
        if language != previous and language is not None:
            self._languages[key] = language
            payload = {"from": previous, "to": language}
            self._append(key.room_id, t.LANGUAGE_CHANGED, payload, actor_id)

    def _append(
        self,
        room_id: uuid.UUID,
        type_name: str,
        payload: dict[str, Any],
        actor_id: uuid.UUID | None,
    ) -> None:
        if self._persistence is None:
            return
        event_type = t.REGISTRY[type_name]
        event = NewEvent(
            type=type_name,
            version=event_type.version,
            audience=event_type.audience,
            actor_id=actor_id,
            payload=payload,
        )
        self._persistence.writer.append(room_id, event)

    def _spawn_checkpoints(self, room_id: uuid.UUID) -> None:
        if self._build_checkpoints is None or self._persistence is None:
            return
        task = asyncio.create_task(self._checkpoints(room_id), name=f"checkpoints {room_id}")
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _checkpoints(self, room_id: uuid.UUID) -> None:
        assert self._persistence is not None
        assert self._build_checkpoints is not None
        try:
            await self._persistence.writer.flush()
            await self._build_checkpoints(room_id)
        except Exception:
            logger.exception("writing replay checkpoints for room %s failed", room_id)


def _user_of(state: dict[str, Any] | None) -> str | None:
    user = state.get("user") if state else None
    user_id = user.get("id") if isinstance(user, dict) else None
    return user_id if isinstance(user_id, str) else None


def _kept_state(state: dict[str, Any] | None) -> dict[str, Any] | None:
    if state is None:
        return None
    kept = {name: state[name] for name in KEPT_AWARENESS_FIELDS if name in state}
    if len(strict_json.dumps(kept)) > MAX_AWARENESS_JSON:
        kept = {"user": state.get("user")}
    return kept


def timeline_recorder(settings: Settings, checkpoints: CheckpointWriter) -> TimelineRecorder:
    """The recorder as the collaboration setup registers it."""
    return TimelineRecorder(
        awareness_interval_ms=settings.timeline_awareness_interval_ms,
        checkpoint_every=settings.timeline_checkpoint_every,
        build_checkpoints=checkpoints.ensure,
    )
