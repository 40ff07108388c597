"""The items an update depends on: it must bring them or the document must have them already.

A Yjs item names its neighbours at insertion (origin, right origin) or its parent. An item naming
an id the receiving document does not have is not refused by the CRDT: it is held back, and
integrates later, inside the transaction of whichever update brings that id. Held back for the
*next* item of another member, it would integrate with that member's typing, and the event log
would store it in their `doc.update`: their name on someone else's text. So a client's update
whose items name an item of somebody else's client id that the document does not have is
refused whole. Ids of the sender's own client ids may wait: only the sender can bring them
(ownership, `client_ids.py`), so their update is the one that integrates what waited — as when a
provider types in the moment it reconnects, before its sync step 2 has brought its offline edits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pycrdt import Doc

from codecollab.collab.closecodes import CloseCode
from codecollab.collab.protocol import ProtocolError
from codecollab.collab.update_structs import ItemId, decode_state_vector


class KnownClocks:
    """Lower bounds of a live document's state vector (client id -> next clock), refreshed from
    the document only when an id is past them: a state vector never shrinks, and decoding it on
    every update would cost more than the rest of the check."""

    def __init__(self, doc: Doc[Any]) -> None:
        self._doc = doc
        self._clocks: dict[int, int] = {}

    def current(self) -> dict[int, int]:
        """The document's state vector now."""
        self._clocks = decode_state_vector(self._doc.get_state())
        return self._clocks

    def has(self, item: ItemId) -> bool:
        """Whether the document holds the item with this id (integrated, maybe deleted)."""
        client, clock = item
        if clock < self._clocks.get(client, 0):
            return True
        return clock < self.current().get(client, 0)


def refuse_dangling(
    references: Iterable[ItemId], *, own: Callable[[int], bool], known: KnownClocks
) -> None:
    """Raise ProtocolError (4422) if an item names an id of another client id's that the document
    does not have. `own(client_id)`: whether the sender owns that client id; every client id the
    update writes new items under is the sender's by then (the ownership check runs first), so
    the update cannot bring another's items itself."""
    for item in references:
        if not known.has(item) and not own(item[0]):
            raise ProtocolError(
                f"an item depends on item {item[0]}:{item[1]}, which the document does not have",
                CloseCode.UPDATE_REJECTED,
            )
