"""Presence changes of one room that arrive within the batch window go out as one message: the
latest state of each client, to every connection, once; a departure is sent at once. A renewal
(the same state with a newer clock) may wait for the longer renewal window."""

from __future__ import annotations

import asyncio
import uuid

from codecollab.collab.documents import DocumentKey, DocumentKind
from codecollab.collab.hooks import Extension
from codecollab.collab.identity import Identity
from codecollab.collab.live import LiveDocument
from codecollab.collab.peer import Access, AwarenessChange, Peer
from codecollab.collab.protocol import AwarenessEntry
from tests.collab.test_peer_queue import RecordingChannel

WINDOW_S = 0.05
RENEWAL_WINDOW_S = 0.5


class AwarenessLog(Extension):
    def __init__(self) -> None:
        self.calls: list[list[AwarenessEntry]] = []

    def on_awareness(
        self, document: LiveDocument, update: bytes, entries: list[AwarenessEntry]
    ) -> None:
        self.calls.append(entries)


def new_document(
    *,
    window_s: float = WINDOW_S,
    renewal_window_s: float = RENEWAL_WINDOW_S,
    log: AwarenessLog | None = None,
) -> LiveDocument:
    key = DocumentKey(uuid.uuid4(), DocumentKind.CODE)
    extensions = [log] if log is not None else []
    return LiveDocument(
        key,
        extensions=extensions,
        max_bytes=1 << 20,
        awareness_batch_s=window_s,
        awareness_renewal_batch_s=renewal_window_s,
    )


def join(document: LiveDocument, name: str) -> Peer:
    identity = Identity(uuid.uuid4(), name, len(document.peers))
    peer = Peer(RecordingChannel(), Access(identity, "candidate", can_write=True))
    document.add_peer(peer)
    return peer


def queued(peer: Peer) -> list[AwarenessChange]:
    """The awareness changes waiting in the peer's outgoing queue, but for the heals (sent to it
    alone, at once: a removal of a client id it announced, for its provider to re-send it)."""
    return [
        item
        for item in peer._queue
        if isinstance(item, AwarenessChange) and not is_heal(item, peer)
    ]


def is_heal(change: AwarenessChange, peer: Peer) -> bool:
    return all(
        entry.state is None and entry.client_id in peer.client_ids for entry in change.entries
    )


def heals(peer: Peer) -> list[list[tuple[int, int]]]:
    return [
        [(entry.client_id, entry.clock) for entry in item.entries]
        for item in peer._queue
        if isinstance(item, AwarenessChange) and is_heal(item, peer)
    ]


def sent_states(peer: Peer) -> list[list[tuple[int, int, object]]]:
    return [
        [
            (entry.client_id, entry.clock, entry.state and entry.state.get("cursor"))
            for entry in change.entries
        ]
        for change in queued(peer)
    ]


async def test_changes_within_the_window_reach_every_connection_as_one_message() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    document.awareness_from_peer(bob, [AwarenessEntry(2, 1, {"cursor": 8})])
    assert queued(alice) == queued(bob) == []
    await asyncio.sleep(WINDOW_S * 3)
    assert sent_states(alice) == sent_states(bob) == [[(1, 1, 3), (2, 1, 8)]]


async def test_only_the_latest_state_of_a_client_is_sent() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    for clock in (1, 2, 3):
        document.awareness_from_peer(alice, [AwarenessEntry(1, clock, {"cursor": clock * 10})])
    await asyncio.sleep(WINDOW_S * 3)
    assert sent_states(bob) == [[(1, 3, 30)]]


async def test_the_server_still_stamps_identity_on_batched_states() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"user": {"name": "Mallory"}})])
    await asyncio.sleep(WINDOW_S * 3)
    [change] = queued(bob)
    [entry] = change.entries
    assert entry.state is not None
    assert entry.state["user"]["name"] == "Alice"


async def test_a_departure_goes_out_at_once_with_what_was_waiting() -> None:
    document = new_document(window_s=60.0)
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(bob, [AwarenessEntry(2, 1, {"cursor": 8})])
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    document.remove_peer(alice)
    assert sent_states(bob) == [[(2, 1, 8), (1, 2, None)]]


async def test_extensions_see_each_batch_once() -> None:
    log = AwarenessLog()
    document = new_document(log=log)
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    document.awareness_from_peer(bob, [AwarenessEntry(2, 1, {"cursor": 8})])
    await asyncio.sleep(WINDOW_S * 3)
    assert [[entry.client_id for entry in call] for call in log.calls] == [[1, 2]]


async def test_a_closed_document_sends_nothing_more() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    document.close()
    await asyncio.sleep(WINDOW_S * 3)
    assert queued(bob) == []


async def test_without_a_window_each_change_goes_out_at_once() -> None:
    document = new_document(window_s=0.0)
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    document.awareness_from_peer(alice, [AwarenessEntry(1, 2, {"cursor": 4})])
    assert sent_states(bob) == [[(1, 1, 3)], [(1, 2, 4)]]


async def settle(document: LiveDocument, alice: Peer, bob: Peer) -> None:
    """Both have announced a state and it has gone out; their queues are empty again."""
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    document.awareness_from_peer(bob, [AwarenessEntry(2, 1, {"cursor": 8})])
    document.flush_awareness()
    alice._queue.clear()
    bob._queue.clear()


async def test_a_renewal_waits_for_the_renewal_window() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    await settle(document, alice, bob)
    document.awareness_from_peer(alice, [AwarenessEntry(1, 2, {"cursor": 3})])
    await asyncio.sleep(WINDOW_S * 3)
    assert queued(bob) == []
    await asyncio.sleep(RENEWAL_WINDOW_S)
    assert sent_states(bob) == [[(1, 2, 3)]]


async def test_renewals_of_a_room_within_the_renewal_window_go_out_as_one_message() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    await settle(document, alice, bob)
    document.awareness_from_peer(alice, [AwarenessEntry(1, 2, {"cursor": 3})])
    await asyncio.sleep(RENEWAL_WINDOW_S / 2)
    document.awareness_from_peer(bob, [AwarenessEntry(2, 2, {"cursor": 8})])
    await asyncio.sleep(RENEWAL_WINDOW_S)
    assert sent_states(alice) == sent_states(bob) == [[(1, 2, 3), (2, 2, 8)]]


async def test_a_change_takes_the_waiting_renewals_with_it() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    await settle(document, alice, bob)
    document.awareness_from_peer(alice, [AwarenessEntry(1, 2, {"cursor": 3})])
    document.awareness_from_peer(bob, [AwarenessEntry(2, 2, {"cursor": 9})])
    await asyncio.sleep(WINDOW_S * 3)
    assert sent_states(alice) == [[(1, 2, 3), (2, 2, 9)]]


async def test_a_renewal_does_not_hold_back_a_change_waiting_before_it() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    await settle(document, alice, bob)
    document.awareness_from_peer(alice, [AwarenessEntry(1, 2, {"cursor": 4})])
    document.awareness_from_peer(alice, [AwarenessEntry(1, 3, {"cursor": 4})])
    await asyncio.sleep(WINDOW_S * 3)
    assert sent_states(bob) == [[(1, 3, 4)]]


async def test_a_first_state_is_a_change_not_a_renewal() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    await asyncio.sleep(WINDOW_S * 3)
    assert sent_states(bob) == [[(1, 1, 3)]]
