"""Presence states (cursors, selections, names) of one document's clients, with owners.

The server owns identity: a connection may only speak for client ids it announced first, and the
`user` field of every state it sends is overwritten with its account's identity. The table is
bounded: a few client ids per connection, a number of states per room. A message breaking either
rule is refused whole (nothing of it is stored or relayed) and its connection closed.

Presence heals after a reconnect. A y-protocols client applies a state only if its clock is newer
than the last one it saw for that client id (a removal may have the same clock). A reconnecting
provider re-sends its state with the clock it had, which the others already saw (or saw removed,
with a newer clock): they would ignore it until the client's next change or 15 s renewal. So when
a connection announces a client id for the first time, the server answers it (it alone) with a
removal of that client id newer than any clock the others may hold; y-protocols clients answer a
removal of their own live state by re-sending it with the next clock, which everyone applies.

A connection announcing, for the first time, a client id that another connection of the same
user holds makes a `Claim`: the provider's new socket while the server has not yet noticed that
the old one died (a silent network drop), or an echo of another tab's state. The engine asks the
holder for a sign of life; a holder that gives none hands the client id over (`hand_over`).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field, replace

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
    # Removals of the client ids the connection announced for the first time, for it alone.
    heal: list[AwarenessEntry] = field(default_factory=list)
    # States for client ids another connection of the same user holds: not kept (yet).
    claims: list[Claim] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Claim:
    """`entry`, from a connection, for a client id that `holder` (of the same user) holds at
    `held_clock`. `newer`: not an echo of what the holder sent."""

    entry: AwarenessEntry
    holder: Peer
    held_clock: int

    @property
    def newer(self) -> bool:
        return self.entry.clock > self.held_clock


@dataclass
class _Held:
    entry: AwarenessEntry
    owner: Peer | None  # None: a client of another server process
    renewed_at: float
    # The owner was asked to re-send its state with a clock past this one: that state is a
    # change (sent at once), never a renewal (which may wait).
    heal_clock: int | None = None


@dataclass(frozen=True, slots=True)
class _Departed:
    """A client id whose connection left: its user and the clock of the removal sent."""

    user_id: str | None
    clock: int
    at: float


class AwarenessStore:
    def __init__(self, limits: AwarenessLimits | None = None) -> None:
        self.limits = limits or AwarenessLimits()
        self._held: dict[int, _Held] = {}
        # Client ids gone for less than OUTDATED_AFTER_S, oldest first: echoes of their last
        # state still arrive from the others, and must not make the echoer their owner.
        self._departed: dict[int, _Departed] = {}

    def accept_from_peer(self, peer: Peer, entries: list[AwarenessEntry]) -> Accepted:
        """The entries `peer` speaks for, with its identity stamped in; raises AwarenessRefused
        (and keeps nothing) for a newer state of another connection's client id or past a
        limit. Echoes are dropped: y-websocket clients send back every awareness change they
        apply, other clients' included, and remove other clients' states that time out."""
        entries, claims = self._own_entries(peer, entries)
        self._check_limits(peer, {entry.client_id for entry in entries})
        accepted = []
        heal = []
        renewals_only = True
        for entry in entries:
            first = entry.client_id not in peer.client_ids
            peer.client_ids.add(entry.client_id)
            if entry.state is not None:
                state = {**entry.state, "user": peer.access.identity.awareness_user()}
                entry = replace(entry, state=state)
            renewals_only = renewals_only and self._is_renewal(entry, peer)
            if first and entry.state is not None:
                heal.append(self._heal(entry, owner=peer))
            else:
                self._store(entry, owner=peer)
            accepted.append(entry)
        return Accepted(accepted, renewals_only, heal, claims)

    def hand_over(self, claim: Claim, peer: Peer) -> AwarenessEntry | None:
        """Give `claim`'s client id to `peer` (its holder gave no sign of life, or left): the
        removal to send `peer` so that its provider re-sends its state for everyone; None if
        yet another connection holds it now."""
        client_id = claim.entry.client_id
        held = self._held.get(client_id)
        if peer.closing or (held is not None and held.owner is not claim.holder):
            return None
        claim.holder.client_ids.discard(client_id)
        peer.client_ids.add(client_id)
        state = {**(claim.entry.state or {}), "user": peer.access.identity.awareness_user()}
        return self._heal(replace(claim.entry, state=state), owner=peer)

    def _heal(self, entry: AwarenessEntry, *, owner: Peer) -> AwarenessEntry:
        """Store `entry`; the removal that makes its owner re-send it with a clock newer than the
        others may hold: they saw at most its clock, or a removal the server sent one past a
        clock not newer than it."""
        held = self._held.get(entry.client_id)
        departed = self._departed.pop(entry.client_id, None)
        clock = 1 + max(
            entry.clock,
            held.entry.clock if held is not None else 0,
            departed.clock if departed is not None else 0,
        )
        self._held[entry.client_id] = _Held(entry, owner, time.monotonic(), heal_clock=clock)
        return AwarenessEntry(entry.client_id, clock, None)

    def accept_remote(self, entries: list[AwarenessEntry]) -> list[AwarenessEntry]:
        """Entries relayed from another process (already checked there), minus local clients'
        and, when the room's table is full, minus new client ids."""
        accepted = []
        for entry in entries:
            held = self._held.get(entry.client_id)
            if held is not None and held.owner is not None:
                continue
            if entry.state is None:
                if held is not None:  # gone: only a short-lived record is kept
                    self._depart(entry.client_id, held, entry.clock)
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
            held = self._held.get(client_id)
            if held is not None and held.owner is peer:
                gone.append(AwarenessEntry(client_id, held.entry.clock + 1, None))
                self._depart(client_id, held, held.entry.clock + 1)
        return gone

    def _depart(self, client_id: int, held: _Held, clock: int) -> None:
        del self._held[client_id]
        now = time.monotonic()
        self._departed.pop(client_id, None)
        self._departed[client_id] = _Departed(_user_id(held.entry), clock, now)
        for old, departed in list(self._departed.items()):
            fresh = now - departed.at < OUTDATED_AFTER_S
            if fresh and len(self._departed) <= self.limits.states_per_room:
                break
            del self._departed[old]

    def _recently_departed(self, client_id: int) -> _Departed | None:
        departed = self._departed.get(client_id)
        if departed is None or time.monotonic() - departed.at >= OUTDATED_AFTER_S:
            return None
        return departed

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

    def _own_entries(
        self, peer: Peer, entries: list[AwarenessEntry]
    ) -> tuple[list[AwarenessEntry], list[Claim]]:
        own = []
        claims = []
        now = time.monotonic()
        for entry in entries:
            if entry.client_id not in peer.client_ids:
                if entry.state is None:
                    continue  # a removal of a state it does not own: never applied
                held = self._held.get(entry.client_id)
                departed = self._recently_departed(entry.client_id) if held is None else None
                if departed is not None and departed.user_id != str(peer.user_id):
                    continue  # an echo of the last state of another user's departed client
                if held is not None and _owned_elsewhere(held, peer, now):
                    holder = _predecessor(held, peer, entry)
                    if holder is not None:
                        claims.append(Claim(entry, holder, held.entry.clock))
                        continue
                    if entry.clock <= held.entry.clock:
                        continue  # an echo of what the owner sent
                    raise AwarenessRefused(
                        f"awareness client id {entry.client_id} belongs to another connection",
                        CloseCode.FORBIDDEN,
                    )
            own.append(entry)
        return own, claims

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
            and (held.heal_clock is None or entry.clock <= held.heal_clock)
            and entry.state is not None
            and held.entry.state == entry.state
        )

    def _store(self, entry: AwarenessEntry, *, owner: Peer | None) -> None:
        self._held[entry.client_id] = _Held(entry, owner, time.monotonic())


def _predecessor(held: _Held, peer: Peer, entry: AwarenessEntry) -> Peer | None:
    """The connection `peer` may succeed with `entry`: the local one holding its client id, of
    the same user, when `peer` announces its first client id with a state that is not an echo
    of the held one (an echo repeats the state the server stamped, at that clock or an older)."""
    holder = held.owner
    if (
        holder is not None
        and holder.user_id == peer.user_id
        and not peer.client_ids
        and entry.clock >= held.entry.clock
        and (entry.clock > held.entry.clock or entry.state != held.entry.state)
    ):
        return holder
    return None


def _user_id(entry: AwarenessEntry) -> str | None:
    """The user id the server stamped in `entry`'s state."""
    user = entry.state.get("user") if entry.state is not None else None
    user_id = user.get("id") if isinstance(user, dict) else None
    return user_id if isinstance(user_id, str) else None


def _owned_elsewhere(held: _Held, peer: Peer, now: float) -> bool:
    """Another connection of this process holds the client id, or a client of another process
    does and was heard of recently (its state expires like a y-protocols client's would)."""
    if held.owner is not None:
        return held.owner is not peer
    return held.entry.state is not None and now - held.renewed_at < OUTDATED_AFTER_S
