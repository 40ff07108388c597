"""A document held in memory while people edit it: the pycrdt Doc, its peers and their presence."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pycrdt import Doc, Map, TransactionEvent

from codecollab.collab.awareness import AwarenessLimits, AwarenessStore, Claim
from codecollab.collab.dependencies import KnownClocks
from codecollab.collab.documents import DocumentKey
from codecollab.collab.peer import AwarenessChange, DocumentChange, Peer
from codecollab.collab.protocol import (
    AwarenessEntry,
    ProtocolError,
    awareness_frame,
    check_update,
    create_awareness_message,
    create_sync_step1_message,
    encode_awareness_update,
)

if TYPE_CHECKING:
    from codecollab.collab.hooks import Extension


class UpdateRejected(Exception):
    """An update that does not decode or cannot be applied."""


class DocumentTooLarge(Exception):
    """Applying the update could grow the document past its size limit."""


@dataclass(frozen=True, slots=True)
class Change:
    """What an accepted update changed (the delta, not the bytes sent) and who made it;
    `server`: the server's own edit (`LiveDocument.edit`), perhaps on a member's behalf;
    `language_before`: the language `meta` named before a client's update was applied."""

    update: bytes
    actor_id: uuid.UUID | None
    server: bool = False
    language_before: str | None = None


class LiveDocument:
    def __init__(
        self,
        key: DocumentKey,
        *,
        extensions: Sequence[Extension],
        max_bytes: int,
        awareness_batch_s: float = 0.0,
        awareness_renewal_batch_s: float = 0.0,
        awareness_limits: AwarenessLimits | None = None,
    ) -> None:
        self.key = key
        self.doc: Doc[Any] = Doc()
        # Which items the document holds, for the check of what a client's update depends on.
        self.known_clocks = KnownClocks(self.doc)
        self.peers: set[Peer] = set()
        self.awareness = AwarenessStore(awareness_limits)
        self.extensions = extensions
        self.max_bytes = max_bytes
        # Highest event-log sequence applied from the database (load and catch-up).
        self.db_seq = 0
        # An upper bound of the encoded state size, made exact when it nears the limit.
        self.size_bound = 0
        self._deltas: list[bytes] = []
        self._subscription = self.doc.observe(self._on_transaction)
        # The language `meta` names, read again only after `meta` changed (extensions ask on
        # every change; reading the map each time cost a few percent of the process's CPU).
        self._meta: Map[Any] = self.doc.get("meta", type=Map)
        self._meta_subscription = self._meta.observe(self._on_meta_changed)
        self._language: str | None = None
        self._language_stale = True
        # Awareness from this process's clients waits up to this long, so that a room's
        # presence changes arriving together go out once (latest state per client id). A
        # renewal (same state, newer clock) is only a keep-alive and may wait longer.
        self._awareness_batch_s = awareness_batch_s
        self._awareness_renewal_batch_s = max(awareness_renewal_batch_s, awareness_batch_s)
        self._pending_awareness: dict[int, AwarenessEntry] = {}
        self._awareness_flush: asyncio.TimerHandle | None = None

    def _on_meta_changed(self, _event: object) -> None:
        self._language_stale = True

    @property
    def language(self) -> str | None:
        """The language the document's `meta` map names, if it names one."""
        if self._language_stale:
            value = self._meta.get("language")
            self._language = value if isinstance(value, str) else None
            self._language_stale = False
        return self._language

    def _on_transaction(self, event: TransactionEvent) -> None:
        update = event.update
        if update != b"\x00\x00":
            self._deltas.append(update)

    def apply(self, update: bytes) -> list[bytes]:
        """Apply an update; returns what it changed (nothing if the document already had it)."""
        self._deltas.clear()
        try:
            check_update(update)
            self.doc.apply_update(update)
        except (ValueError, ProtocolError) as exc:
            raise UpdateRejected(str(exc)) from exc
        deltas, self._deltas = self._deltas, []
        self.size_bound += sum(len(delta) for delta in deltas)
        return deltas

    def accept_local(
        self, update: bytes, *, origin: Peer | None, actor_id: uuid.UUID | None
    ) -> None:
        """An update from a client of this process: apply, fan out, persist."""
        self._check_size(len(update))
        language_before = self.language
        deltas = self.apply(update)
        self._publish_changes(
            deltas, origin=origin, actor_id=actor_id, language_before=language_before
        )

    def edit(
        self, change: Callable[[Doc[Any]], None], *, actor_id: uuid.UUID | None = None
    ) -> None:
        """A change made by the server itself, in one transaction, treated like a client's;
        `actor_id` names the member it was made for, if any."""
        self._deltas.clear()
        with self.doc.transaction():
            change(self.doc)
        deltas, self._deltas = self._deltas, []
        self._publish_changes(deltas, origin=None, actor_id=actor_id, server=True)

    def _publish_changes(
        self,
        deltas: list[bytes],
        *,
        origin: Peer | None,
        actor_id: uuid.UUID | None,
        server: bool = False,
        language_before: str | None = None,
    ) -> None:
        for delta in deltas:
            self._broadcast(DocumentChange.of(delta), exclude=origin)
            change = Change(delta, actor_id, server, language_before)
            for extension in self.extensions:
                extension.on_change(self, change)

    def accept_remote(self, update: bytes) -> None:
        """An update another process accepted (and stores): apply and fan out locally only."""
        for delta in self.apply(update):
            self._broadcast(DocumentChange.of(delta), exclude=None)

    def _check_size(self, incoming: int) -> None:
        if self.size_bound + incoming <= self.max_bytes:
            return
        self.size_bound = len(self.doc.get_update())
        if self.size_bound + incoming > self.max_bytes:
            raise DocumentTooLarge(f"document would exceed {self.max_bytes} bytes")

    def state_vector_frame(self) -> bytes:
        return create_sync_step1_message(self.doc.get_state())

    def awareness_from_peer(self, peer: Peer, entries: list[AwarenessEntry]) -> list[Claim]:
        """A client's awareness entries; raises AwarenessRefused (nothing kept or sent) for
        another connection's client id or past the table's limits. Returns the claims on client
        ids another connection of the same user holds, for the engine to settle."""
        accepted = self.awareness.accept_from_peer(peer, entries)
        if accepted.heal:
            peer.send(AwarenessChange.of(accepted.heal))
        if accepted.entries:
            for entry in accepted.entries:
                self._pending_awareness[entry.client_id] = entry
            if accepted.renewals_only:
                self._flush_awareness_within(self._awareness_renewal_batch_s)
            else:
                self._flush_awareness_within(self._awareness_batch_s)
        return accepted.claims

    def hand_over(self, claim: Claim, peer: Peer) -> None:
        """`claim.holder` gave no sign of life: its client id is `peer`'s now, and `peer` is
        asked to re-send its state for everyone (see codecollab.collab.awareness)."""
        heal = self.awareness.hand_over(claim, peer)
        if heal is not None:
            peer.send(AwarenessChange.of([heal]))

    def _flush_awareness_within(self, window_s: float) -> None:
        """Make sure what is waiting goes out at the latest `window_s` from now."""
        if window_s <= 0:
            self.flush_awareness()
            return
        loop = asyncio.get_running_loop()
        due = loop.time() + window_s
        if self._awareness_flush is not None:
            if self._awareness_flush.when() <= due:
                return
            self._awareness_flush.cancel()
        self._awareness_flush = loop.call_at(due, self.flush_awareness)

    def flush_awareness(self) -> None:
        """Send the awareness changes waiting for the batch window now."""
        if self._awareness_flush is not None:
            self._awareness_flush.cancel()
            self._awareness_flush = None
        if self._pending_awareness:
            entries = list(self._pending_awareness.values())
            self._pending_awareness.clear()
            self._publish_awareness(entries)

    def awareness_from_remote(self, entries: list[AwarenessEntry]) -> None:
        accepted = self.awareness.accept_remote(entries)
        if accepted:
            self._broadcast(AwarenessChange.of(accepted), exclude=None)

    def awareness_snapshot_frame(self) -> bytes | None:
        entries = self.awareness.current()
        return awareness_frame(entries) if entries else None

    def local_awareness_update(self) -> bytes | None:
        """This process's clients' states, for another process that just loaded the document."""
        entries = self.awareness.current(local_only=True)
        return encode_awareness_update(entries) if entries else None

    def add_peer(self, peer: Peer) -> None:
        self.peers.add(peer)

    def remove_peer(self, peer: Peer) -> None:
        """Forget `peer` and tell everyone its cursors are gone (no ghost cursors)."""
        self.peers.discard(peer)
        for entry in self.awareness.remove_peer(peer):
            self._pending_awareness[entry.client_id] = entry
        self.flush_awareness()

    def _publish_awareness(self, entries: list[AwarenessEntry]) -> None:
        update = encode_awareness_update(entries)
        # Back to the sender as well: y-websocket clients count any message as a keep-alive.
        change = AwarenessChange(tuple(entries), create_awareness_message(update))
        self._broadcast(change, exclude=None)
        for extension in self.extensions:
            extension.on_awareness(self, update, entries)

    def _broadcast(self, change: DocumentChange | AwarenessChange, *, exclude: Peer | None) -> None:
        for peer in self.peers:
            if peer is not exclude:
                peer.send(change)

    def close(self) -> None:
        if self._awareness_flush is not None:
            self._awareness_flush.cancel()
            self._awareness_flush = None
        self._meta.unobserve(self._meta_subscription)
        self.doc.unobserve(self._subscription)
