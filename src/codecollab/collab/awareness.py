"""Presence states (cursors, selections, names) of one document's clients, with owners.

The server owns identity: a connection may only speak for client ids it announced first, and the
`user` field of every state it sends is overwritten with its account's identity.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from codecollab.collab.peer import MAX_CLIENT_IDS, Peer
from codecollab.collab.protocol import AwarenessEntry

# y-protocols drops a remote state not renewed for 30 s; clients renew every 15 s.
OUTDATED_AFTER_S = 30.0


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
    def __init__(self) -> None:
        self._held: dict[int, _Held] = {}

    def accept_from_peer(self, peer: Peer, entries: list[AwarenessEntry]) -> Accepted:
        """The entries from `peer` it may send, with its identity stamped in; others dropped."""
        accepted = []
        renewals_only = True
        for entry in entries:
            if not self._claim(peer, entry.client_id):
                continue
            if entry.state is not None:
                state = {**entry.state, "user": peer.access.identity.awareness_user()}
                entry = replace(entry, state=state)
            renewals_only = renewals_only and self._is_renewal(entry, peer)
            self._store(entry, owner=peer)
            accepted.append(entry)
        return Accepted(accepted, renewals_only)

    def accept_remote(self, entries: list[AwarenessEntry]) -> list[AwarenessEntry]:
        """Entries relayed from another process (already checked there), minus local clients'."""
        accepted = []
        for entry in entries:
            held = self._held.get(entry.client_id)
            if held is not None and held.owner is not None:
                continue
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

    def _claim(self, peer: Peer, client_id: int) -> bool:
        if client_id in peer.client_ids:
            return True
        held = self._held.get(client_id)
        if held is not None and held.owner is not None and held.owner is not peer:
            return False
        if len(peer.client_ids) >= MAX_CLIENT_IDS:
            return False
        peer.client_ids.add(client_id)
        return True

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
