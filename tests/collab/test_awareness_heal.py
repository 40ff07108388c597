"""The server's awareness rules that make presence heal after a reconnect (see
codecollab.collab.awareness): a first announcement is answered, to its sender alone, with a removal
newer than any clock the others may hold; an echo of a departed client's state does not make the
echoer its owner; a connection of the same user may take over a client id a dead one holds."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codecollab.collab.awareness import AwarenessRefused, AwarenessStore
from codecollab.collab.identity import Identity
from codecollab.collab.peer import Access, Peer
from codecollab.collab.protocol import AwarenessEntry
from tests.collab.test_awareness_batching import (
    RENEWAL_WINDOW_S,
    WINDOW_S,
    heals,
    join,
    new_document,
    sent_states,
)
from tests.collab.test_peer_queue import RecordingChannel


def connection_of(identity: Identity) -> Peer:
    return Peer(RecordingChannel(), Access(identity, "candidate", can_write=True))


def identity(name: str) -> Identity:
    return Identity(uuid.uuid4(), name, 0)


async def test_a_first_state_is_answered_with_a_newer_removal_to_its_sender_alone() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 5, {"cursor": 3})])
    assert heals(alice) == [[(1, 6)]]
    assert heals(bob) == []
    await asyncio.sleep(WINDOW_S * 3)
    assert sent_states(bob) == [[(1, 5, 3)]]


async def test_the_state_re_sent_after_a_heal_goes_out_at_once_not_as_a_renewal() -> None:
    document = new_document()
    alice, bob = join(document, "Alice"), join(document, "Bob")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    document.flush_awareness()
    bob._queue.clear()
    document.awareness_from_peer(alice, [AwarenessEntry(1, 3, {"cursor": 3})])
    await asyncio.sleep(WINDOW_S * 3)
    assert WINDOW_S * 3 < RENEWAL_WINDOW_S
    assert sent_states(bob) == [[(1, 3, 3)]]


async def test_a_later_state_is_not_healed_again() -> None:
    document = new_document()
    alice = join(document, "Alice")
    document.awareness_from_peer(alice, [AwarenessEntry(1, 1, {"cursor": 3})])
    document.awareness_from_peer(alice, [AwarenessEntry(1, 3, {"cursor": 4})])
    assert heals(alice) == [[(1, 2)]]


async def test_a_reconnect_is_healed_past_the_removal_the_others_saw() -> None:
    document = new_document()
    alice = identity("Alice")
    first, bob = connection_of(alice), join(document, "Bob")
    document.add_peer(first)
    document.awareness_from_peer(first, [AwarenessEntry(1, 4, {"cursor": 3})])
    document.flush_awareness()
    document.remove_peer(first)  # its provider never answered the heal: removed at 5
    assert sent_states(bob)[-1] == [(1, 5, None)]
    second = connection_of(alice)
    document.add_peer(second)
    document.awareness_from_peer(second, [AwarenessEntry(1, 4, {"cursor": 3})])
    assert heals(second) == [[(1, 6)]]  # its provider re-sends at 7, past the removal at 5


async def test_an_echo_of_a_departed_clients_state_does_not_make_the_echoer_its_owner() -> None:
    document = new_document()
    alice = identity("Alice")
    first, bob = connection_of(alice), join(document, "Bob")
    document.add_peer(first)
    document.awareness_from_peer(first, [AwarenessEntry(1, 3, {"cursor": 3})])
    document.flush_awareness()
    document.remove_peer(first)
    bob._queue.clear()
    document.awareness_from_peer(bob, [AwarenessEntry(1, 3, {"cursor": 3})])  # late echo
    document.flush_awareness()
    assert 1 not in bob.client_ids
    assert sent_states(bob) == []
    second = connection_of(alice)
    document.add_peer(second)
    assert document.awareness_from_peer(second, [AwarenessEntry(1, 3, {"cursor": 3})]) == []
    assert 1 in second.client_ids


async def test_a_same_users_connection_announcing_a_held_client_id_makes_a_claim() -> None:
    document = new_document()
    alice = identity("Alice")
    old, new = connection_of(alice), connection_of(alice)
    document.add_peer(old)
    document.add_peer(new)
    document.awareness_from_peer(old, [AwarenessEntry(1, 2, {"cursor": 3})])
    (claim,) = document.awareness_from_peer(new, [AwarenessEntry(1, 2, {"cursor": 4})])
    assert (claim.holder, claim.held_clock, claim.newer) == (old, 2, False)
    assert 1 not in new.client_ids


async def test_a_claim_handed_over_moves_the_client_id_and_heals_the_new_connection() -> None:
    document = new_document()
    alice = identity("Alice")
    old, new, bob = connection_of(alice), connection_of(alice), join(document, "Bob")
    for peer in (old, new):
        document.add_peer(peer)
    document.awareness_from_peer(old, [AwarenessEntry(1, 2, {"cursor": 3})])
    document.flush_awareness()
    (claim,) = document.awareness_from_peer(new, [AwarenessEntry(1, 2, {"cursor": 4})])
    document.hand_over(claim, new)
    assert heals(new) == [[(1, 3)]]
    assert (1 in new.client_ids, 1 in old.client_ids) == (True, False)
    bob._queue.clear()
    document.remove_peer(old)
    assert sent_states(bob) == []  # no removal of the client id its successor holds


async def test_an_echo_from_the_same_users_other_connection_is_no_claim() -> None:
    store = AwarenessStore()
    alice = identity("Alice")
    holder, other = connection_of(alice), connection_of(alice)
    store.accept_from_peer(holder, [AwarenessEntry(1, 2, {"cursor": 3})])
    (stamped,) = store.current()
    accepted = store.accept_from_peer(other, [stamped])
    assert (accepted.entries, accepted.claims) == ([], [])


async def test_another_users_newer_state_for_a_held_client_id_is_refused() -> None:
    store = AwarenessStore()
    holder, other = connection_of(identity("Alice")), connection_of(identity("Mallory"))
    store.accept_from_peer(holder, [AwarenessEntry(1, 2, {"cursor": 3})])
    with pytest.raises(AwarenessRefused):
        store.accept_from_peer(other, [AwarenessEntry(1, 3, {"cursor": 9})])


# Per step: a connection's state with its clock moved on by `step` (0: the same clock again), or
# None: the connection leaves and the same client reconnects (keeping its clock, as y-protocols).
steps = st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=3)), max_size=30)


@given(first_clock=st.integers(min_value=0, max_value=10), steps=steps)
def test_after_every_heal_the_re_sent_state_is_newer_than_anything_the_others_saw(
    first_clock: int, steps: list[int | None]
) -> None:
    """Whatever a client's clocks and reconnects, the state its provider re-sends in answer to
    a heal (the removal's clock + 1) is newer than every clock the server relayed for it."""
    store = AwarenessStore()
    alice = identity("Alice")
    peer = connection_of(alice)
    clock = first_clock
    relayed = -1  # the newest clock the others may hold for client id 1

    def announce() -> None:
        nonlocal clock, relayed
        accepted = store.accept_from_peer(peer, [AwarenessEntry(1, clock, {"cursor": clock})])
        relayed = max([relayed] + [entry.clock for entry in accepted.entries])
        for heal in accepted.heal:
            assert heal.clock + 1 > relayed
            clock = heal.clock + 1  # what y-protocols does with a removal of its own state
            announce()

    announce()
    for step in steps:
        if step is None:
            (gone,) = store.remove_peer(peer)
            relayed = max(relayed, gone.clock)
            peer = connection_of(alice)
        else:
            clock += step
        announce()
