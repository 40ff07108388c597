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


class ClaimUnavailable(Exception):
    """The registry could not be reached: a transient failure, the client may retry."""


class ClientIdOwners:
    """One loaded document's owners: a cache of the registry (an owner never changes) that
    claims what it does not know."""

    def __init__(
        self, key: DocumentKey, registry: ClientIdRegistry, owners: dict[int, Owner]
    ) -> None:
        self._key = key
        self._registry = registry
        self._owners = owners

    @classmethod
    async def load(
        cls, key: DocumentKey, registry: ClientIdRegistry, *, server_id: int
    ) -> ClientIdOwners:
        """The document's owners, with `server_id` (the server's own client id) claimed."""
        owners = cls(key, registry, await registry.owners(key))
        owners._owners.update(await registry.claim(key, [server_id], None))
        return owners

    async def admit(
        self,
        ranges: dict[int, tuple[int, int]],
        user_id: uuid.UUID,
        *,
        state: Callable[[], dict[int, int]],
        claimed: set[int],
        announced_by_another: Callable[[int], bool] = lambda _client_id: False,
    ) -> None:
        """Let an update writing `ranges` (`update_structs.read_structs`) through, claiming for
        `user_id` the client ids it brings first.

        Raises ClientIdTaken if it writes new items under someone else's id — owned, or not yet
        written under but announced in another user's presence (`announced_by_another`), so
        nobody can take a member's id between their joining and their first keystroke — or
        brings more than MAX_NEW_CLIENT_IDS_PER_CONNECTION new ids to one connection, whose set
        is `claimed`; ClaimUnavailable if the registry fails.
        """
        unclaimed = self._unclaimed(ranges, user_id, state)
        if not unclaimed:
            return
        for client_id in unclaimed:
            if announced_by_another(client_id):
                raise ClientIdTaken(f"Yjs client id {client_id} is another member's")
        claimed.update(unclaimed)
        if len(claimed) > MAX_NEW_CLIENT_IDS_PER_CONNECTION:
            raise ClientIdTaken("too many new Yjs client ids on one connection")
        try:
            self._owners.update(await self._registry.claim(self._key, unclaimed, user_id))
        except Exception as exc:
            raise ClaimUnavailable(str(exc)) from exc
        for client_id in unclaimed:
            if not self.owned_by(client_id, user_id):
                raise ClientIdTaken(f"Yjs client id {client_id} belongs to someone else")

    def _unclaimed(
        self,
        ranges: dict[int, tuple[int, int]],
        user_id: uuid.UUID,
        state: Callable[[], dict[int, int]],
    ) -> list[int]:
        """The ids the update writes new items under that nobody is known to own yet; the
        document's state vector is only asked for when it writes under an id not the user's."""
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
        """Whether `user_id` owns the client id, as far as this document knows."""
        return client_id in self._owners and self._owners[client_id] == user_id


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
