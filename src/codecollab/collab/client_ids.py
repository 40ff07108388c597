"""Who owns each Yjs client id of a document, and the check that keeps others from writing under it.

Yjs numbers every item by (client id, clock), and a client id's clocks run in one sequence. A
client that writes items under somebody else's client id with the clocks that person will use
next (say, while they edit offline) makes the two copies diverge for good. So the first user to
write under a client id owns it for the document's lifetime, in the database (`DocumentClientId`)
so that ownership survives restarts and holds across server processes: the first claim commits,
every other process reads it. The server owns the client ids it writes under itself (owner None).

Only new items count: an update may carry other clients' items the server already has, and its
delete set may name anyone's items (that is ordinary editing).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Protocol

from codecollab.collab.documents import DocumentKey
from codecollab.collab.update_structs import written_ranges

# A Yjs client uses one client id per document and keeps it across reconnects; a connection that
# brings more new ones than this is not a Yjs client.
MAX_NEW_CLIENT_IDS_PER_CONNECTION = 8

Owner = uuid.UUID | None  # None: the server itself


class ClientIdTaken(Exception):
    """An update writes new items under a client id that belongs to someone else."""


class ClientIdRegistry(Protocol):
    """Where ownership is recorded; the first claim of a client id wins, for good."""

    async def owners(self, key: DocumentKey) -> dict[int, Owner]:
        """Every claimed client id of the document and its owner."""
        ...

    async def claim(
        self, key: DocumentKey, client_ids: list[int], owner: Owner
    ) -> dict[int, Owner]:
        """Claim the ids for `owner` where nobody has; returns each id's owner after the claim."""
        ...


class ClientIdOwners:
    """One loaded document's known owners (a cache of the registry: owners never change)."""

    def __init__(self, owners: dict[int, Owner]) -> None:
        self._owners = owners

    def unclaimed(
        self, update: bytes, user_id: uuid.UUID, state: Callable[[], dict[int, int]]
    ) -> list[int]:
        """The client ids `update` writes new items under that nobody is known to own yet.

        Raises ClientIdTaken if new items go under someone else's id, ProtocolError if the update
        does not decode. `state` gives the document's state vector (client id -> next clock); it
        is only asked for when the update writes under an id that is not the user's own.
        """
        ranges = written_ranges(update)
        others = [client for client in ranges if not self.owned_by(client, user_id)]
        if not others:
            return []
        current = state()
        unknown = []
        for client_id in others:
            if ranges[client_id][1] <= current.get(client_id, 0):
                continue  # items the document already has
            if client_id in self._owners:
                raise ClientIdTaken(f"Yjs client id {client_id} belongs to someone else")
            unknown.append(client_id)
        return unknown

    def owned_by(self, client_id: int, user_id: uuid.UUID) -> bool:
        return client_id in self._owners and self._owners[client_id] == user_id

    def learn(self, owners: dict[int, Owner]) -> None:
        self._owners.update(owners)


class MemoryClientIds:
    """A registry that lives in this process only (for an engine without a database)."""

    def __init__(self) -> None:
        self._owners: dict[DocumentKey, dict[int, Owner]] = {}

    async def owners(self, key: DocumentKey) -> dict[int, Owner]:
        return dict(self._owners.get(key, {}))

    async def claim(
        self, key: DocumentKey, client_ids: list[int], owner: Owner
    ) -> dict[int, Owner]:
        known = self._owners.setdefault(key, {})
        return {client_id: known.setdefault(client_id, owner) for client_id in client_ids}
