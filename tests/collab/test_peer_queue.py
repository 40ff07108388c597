"""A connection's outgoing queue: changes waiting together go out as one message, in order."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import Any

import pytest
from pycrdt import Doc, Text, create_sync_message

from codecollab.collab import peer as peer_module
from codecollab.collab.identity import Identity
from codecollab.collab.peer import Access, AwarenessChange, DocumentChange, Peer
from codecollab.collab.protocol import (
    AwarenessEntry,
    AwarenessMessage,
    SyncUpdate,
    decode_awareness_update,
    parse_frame,
)


class RecordingChannel:
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    async def recv(self) -> bytes:
        raise NotImplementedError

    async def send(self, message: bytes) -> None:
        self.sent.append(message)

    async def close(self, code: int, reason: str = "") -> None:
        pass


def new_peer() -> tuple[Peer, RecordingChannel]:
    channel = RecordingChannel()
    identity = Identity(uuid.uuid4(), "Ada", 0)
    return Peer(channel, Access(identity, "owner", can_write=True)), channel


def edits(count: int) -> tuple[list[bytes], str]:
    """`count` updates of one client typing, and the text they make."""
    doc: Doc[Any] = Doc()
    text = doc.get("code", type=Text)
    updates: list[bytes] = []
    doc.observe(lambda event: updates.append(event.update))
    for index in range(count):
        text.insert(len(text) if index % 2 else 0, f"{index};")
    return updates, str(text)


def text_after(frames: list[bytes]) -> str:
    doc: Doc[Any] = Doc()
    for frame in frames:
        message = parse_frame(frame)
        assert isinstance(message, SyncUpdate)
        doc.apply_update(message.update)
    return str(doc.get("code", type=Text))


def queue(peer: Peer, *items: bytes | DocumentChange | AwarenessChange) -> None:
    for item in items:
        peer.send(item)


async def run_queued(peer: Peer) -> None:
    """Start the sender once everything is queued (as when the event loop was busy)."""
    sender = asyncio.create_task(peer.run_sender())
    for _ in range(3):
        await asyncio.sleep(0)
    sender.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await sender


async def test_a_lone_change_is_sent_as_its_own_message() -> None:
    peer, channel = new_peer()
    [update], _text = edits(1)
    change = DocumentChange.of(update)
    queue(peer, change)
    await run_queued(peer)
    assert channel.sent == [change.frame]


async def test_document_changes_waiting_together_are_merged_into_one_update() -> None:
    peer, channel = new_peer()
    updates, text = edits(5)
    queue(peer, *(DocumentChange.of(update) for update in updates))
    await run_queued(peer)
    assert len(channel.sent) == 1
    assert text_after(channel.sent) == text


async def test_awareness_changes_waiting_together_are_joined_in_order() -> None:
    peer, channel = new_peer()
    first = [AwarenessEntry(1, 1, {"cursor": 1})]
    second = [AwarenessEntry(2, 4, {"cursor": 2}), AwarenessEntry(3, 2, None)]
    queue(peer, AwarenessChange.of(first), AwarenessChange.of(second))
    await run_queued(peer)
    [frame] = channel.sent
    message = parse_frame(frame)
    assert isinstance(message, AwarenessMessage)
    assert decode_awareness_update(message.update) == first + second


async def test_other_frames_keep_their_place_between_merged_runs() -> None:
    peer, channel = new_peer()
    updates, text = edits(4)
    step1 = create_sync_message(Doc())
    awareness = AwarenessChange.of([AwarenessEntry(1, 1, {})])
    queue(
        peer,
        DocumentChange.of(updates[0]),
        DocumentChange.of(updates[1]),
        step1,
        awareness,
        DocumentChange.of(updates[2]),
        DocumentChange.of(updates[3]),
    )
    await run_queued(peer)
    assert len(channel.sent) == 4
    assert channel.sent[1] == step1
    assert channel.sent[2] == awareness.frame
    assert text_after([channel.sent[0], channel.sent[3]]) == text


async def test_merging_stops_at_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    peer, channel = new_peer()
    updates, text = edits(6)
    changes = [DocumentChange.of(update) for update in updates]
    monkeypatch.setattr(peer_module, "MAX_MERGED_BYTES", 2 * max(len(c.frame) for c in changes))
    queue(peer, *changes)
    await run_queued(peer)
    assert 3 <= len(channel.sent) < 6
    assert text_after(channel.sent) == text


class StuckChannel(RecordingChannel):
    """A client that reads nothing: every write blocks; the close is recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.closed_with: int | None = None
        self.writing = asyncio.Event()

    async def send(self, message: bytes) -> None:
        self.writing.set()
        await asyncio.Event().wait()

    async def close(self, code: int, reason: str = "") -> None:
        self.closed_with = code


def test_a_backlog_past_the_byte_limit_closes_with_1013_and_is_dropped() -> None:
    peer, _channel = new_peer()
    peer.max_outbound_bytes = 1000
    queue(peer, b"a" * 600, b"b" * 300)
    assert peer.queued_bytes == 900
    peer.send(b"c" * 200)
    assert peer.closing
    assert peer.queued_bytes == 0


def test_one_frame_over_the_byte_limit_may_wait_alone() -> None:
    peer, _channel = new_peer()
    peer.max_outbound_bytes = 1000
    peer.send(b"a" * 5000)  # sync step 2 of a large document, say
    assert not peer.closing
    peer.send(b"b")
    assert peer.closing


async def test_a_write_stuck_on_a_client_that_never_reads_gives_way_to_the_close() -> None:
    channel = StuckChannel()
    peer, _ = new_peer()
    peer.channel = channel
    peer.max_outbound_bytes = 1000
    sender = asyncio.create_task(peer.run_sender())
    peer.send(b"first")
    await channel.writing.wait()
    queue(peer, b"x" * 600, b"y" * 600)
    async with asyncio.timeout(5):
        await sender
    assert channel.closed_with == 1013
