"""Presence states (cursors, selections, names) of one document's clients, with owners.

The server owns identity: a connection may only speak for client ids it announced first, and the
`user` field of every state it sends is overwritten with its account's identity. The table is
bounded: a few client ids per connection, a number of states per room. A message breaking either
rule is refused whole (nothing of it is stored or relayed) and its connection closed.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, replace

from codecollab.collab.closecodes import CloseCode
from codecollab.collab.peer import Peer
from codecollab.collab.protocol import (
    MAX_AWARENESS_DEPTH,
    MAX_AWARENESS_STATE_BYTES,
    AwarenessEntry,
    ProtocolError,
)

# y-protocols drops a remote state not renewed for 30 s; clients renew every 15 s.
OUTDATED_AFTER_S = 30.0


@dataclass(frozen=True, slots=True)
class AwarenessLimits:
    state_bytes: int = MAX_AWARENESS_STATE_BYTES
    depth: int = MAX_AWARENESS_DEPTH
    # A Yjs client uses one client id per document; a few allow for a provider's restarts.
    client_ids_per_connection: int = 4
    states_per_room: int = 1000


class AwarenessRefused(ProtocolError):
    """An awareness message the connection may not send; nothing of it was kept."""


@dataclass(frozen=True, slots=True)
class Accepted:
    """The entries a connection may send, stamped; `renewals_only` when every one of them repeats
    the state already held for its client id (a keep-alive with a newer clock, no change)."""

    entries: list[AwarenessEntry]
    renewals_only: bool


@dataclass
class _Held:
    entry: AwarenessEntry
    owner: Peer | None  # None: a client of another server process
    renewed_at: float


class AwarenessStore:
    def __init__(self, limits: AwarenessLimits | None = None) -> None:
        self.limits = limits or AwarenessLimits()
        self._held: dict[int, _Held] = {}

    def accept_from_peer(self, peer: Peer, entries: list[AwarenessEntry]) -> Accepted:
        """The entries `peer` speaks for, with its identity stamped in; raises AwarenessRefused
        (and keeps nothing) for a newer state of another connection's client id or past a
        limit. Echoes are dropped: y-websocket clients send back every awareness change they
        apply, other clients' included, and remove other clients' states that time out."""
        entries = self._own_entries(peer, entries)
        self._check_limits(peer, {entry.client_id for entry in entries})
        accepted = []
        renewals_only = True
        for entry in entries:
            peer.client_ids.add(entry.client_id)
            if entry.state is not None:
                state = {**entry.state, "user": peer.access.identity.awareness_user()}
                entry = replace(entry, state=state)
            renewals_only = renewals_only and self._is_renewal(entry, peer)
            self._store(entry, owner=peer)
            accepted.append(entry)
        return Accepted(accepted, renewals_only)

    def accept_remote(self, entries: list[AwarenessEntry]) -> list[AwarenessEntry]:
        """Entries relayed from another process (already checked there), minus local clients'
        and, when the room's table is full, minus new client ids."""
        accepted = []
        for entry in entries:
            held = self._held.get(entry.client_id)
            if held is not None and held.owner is not None:
                continue
            if entry.state is None:
                self._held.pop(entry.client_id, None)  # gone: no tombstone kept for ever
            elif held is None and not self._room_for(1):
                continue
            else:
                self._store(entry, owner=None)
            accepted.append(entry)
        return accepted

    def remove_peer(self, peer: Peer) -> list[AwarenessEntry]:
        """Tombstones for every client id `peer` owned, to tell everyone it is gone."""
        gone = []
        for client_id in peer.client_ids:
            held = self._held.pop(client_id, None)
            if held is not None and held.owner is peer:
                gone.append(AwarenessEntry(client_id, held.entry.clock + 1, None))
        return gone

    def current(self, *, local_only: bool = False) -> list[AwarenessEntry]:
        """Live states, for a client that just connected or asked (query awareness)."""
        now = time.monotonic()
        return [
            held.entry
            for held in self._held.values()
            if held.entry.state is not None
            and (
                held.owner is not None
                or (not local_only and now - held.renewed_at < OUTDATED_AFTER_S)
            )
        ]

    def announced_by_another_user(self, client_id: int, user_id: uuid.UUID) -> bool:
        """Whether a live presence state for `client_id` belongs to a user other than
        `user_id` (a connection of this process, or one another process stamped recently)."""
        held = self._held.get(client_id)
        if held is None or held.entry.state is None:
            return False
        if held.owner is not None:
            return held.owner.user_id != user_id
        if time.monotonic() - held.renewed_at >= OUTDATED_AFTER_S:
            return False
        announced = held.entry.state.get("user")
        return not (isinstance(announced, dict) and announced.get("id") == str(user_id))

    def _own_entries(self, peer: Peer, entries: list[AwarenessEntry]) -> list[AwarenessEntry]:
        own = []
        now = time.monotonic()
        for entry in entries:
            if entry.client_id not in peer.client_ids:
                if entry.state is None:
                    continue  # a removal of a state it does not own: never applied
                held = self._held.get(entry.client_id)
                if held is not None and _owned_elsewhere(held, peer, now):
                    if entry.clock <= held.entry.clock:
                        continue  # an echo of what the owner sent
                    raise AwarenessRefused(
                        f"awareness client id {entry.client_id} belongs to another connection",
                        CloseCode.FORBIDDEN,
                    )
            own.append(entry)
        return own

    def _check_limits(self, peer: Peer, client_ids: set[int]) -> None:
        new = client_ids - peer.client_ids
        if not new:
            return
        if len(peer.client_ids) + len(new) > self.limits.client_ids_per_connection:
            raise AwarenessRefused(
                f"more than {self.limits.client_ids_per_connection} awareness client ids",
                CloseCode.FRAME_TOO_LARGE,
            )
        if not self._room_for(sum(1 for client_id in new if client_id not in self._held)):
            raise AwarenessRefused("the room's awareness table is full", CloseCode.FRAME_TOO_LARGE)

    def _room_for(self, count: int) -> bool:
        """Whether `count` more client ids fit, after forgetting outdated remote states."""
        if len(self._held) + count <= self.limits.states_per_room:
            return True
        now = time.monotonic()
        for client_id, held in list(self._held.items()):
            if held.owner is None and now - held.renewed_at >= OUTDATED_AFTER_S:
                del self._held[client_id]
        return len(self._held) + count <= self.limits.states_per_room

    def _is_renewal(self, entry: AwarenessEntry, peer: Peer) -> bool:
        held = self._held.get(entry.client_id)
        return (
            held is not None
            and held.owner is peer
            and entry.state is not None
            and held.entry.state == entry.state
        )

    def _store(self, entry: AwarenessEntry, *, owner: Peer | None) -> None:
        self._held[entry.client_id] = _Held(entry, owner, time.monotonic())


def _owned_elsewhere(held: _Held, peer: Peer, now: float) -> bool:
    """Another connection of this process holds the client id, or a client of another process
    does and was heard of recently (its state expires like a y-protocols client's would)."""
    if held.owner is not None:
        return held.owner is not peer
    return held.entry.state is not None and now - held.renewed_at < OUTDATED_AFTER_S
