"""Strict parsing of y-websocket frames (unit tests; the server tests feed the same frames)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pycrdt import Doc, Text, create_awareness_message, create_sync_message, create_update_message

from codecollab.collab.closecodes import CloseCode
from codecollab.collab.protocol import (
    AwarenessEntry,
    AwarenessMessage,
    ProtocolError,
    QueryAwareness,
    SyncStep1,
    SyncUpdate,
    check_state_vector,
    check_update,
    decode_awareness_update,
    encode_awareness_update,
    parse_frame,
)


def test_sync_step1_is_parsed() -> None:
    doc: Doc = Doc()
    assert parse_frame(create_sync_message(doc)) == SyncStep1(doc.get_state())


def test_update_is_parsed() -> None:
    assert parse_frame(create_update_message(b"\x00\x00")) == SyncUpdate(b"\x00\x00")


def test_query_awareness_is_parsed() -> None:
    assert parse_frame(b"\x03") == QueryAwareness()


def test_awareness_round_trips_non_ascii_states() -> None:
    entries = [AwarenessEntry(7, 3, {"user": {"name": "Zoë 🦊"}}), AwarenessEntry(9, 1, None)]
    frame = create_awareness_message(encode_awareness_update(entries))
    message = parse_frame(frame)
    assert isinstance(message, AwarenessMessage)
    assert decode_awareness_update(message.update) == entries


@pytest.mark.parametrize("frame", [b"", b"\x07", b"\x00", b"\x00\x00\x05ab", b"\x80"])
def test_bad_frames_raise_protocol_error(frame: bytes) -> None:
    with pytest.raises(ProtocolError) as raised:
        parse_frame(frame)
    assert raised.value.code == CloseCode.PROTOCOL_ERROR


def test_update_with_impossible_client_count_is_rejected() -> None:
    with pytest.raises(ProtocolError) as raised:
        check_update(b"\xff\xff\xff\x7f\x00")
    assert raised.value.code == CloseCode.UPDATE_REJECTED


def test_real_update_passes_the_guard() -> None:
    doc: Doc = Doc()
    doc.get("code", type=Text).insert(0, "hello")
    check_update(doc.get_update())
    check_state_vector(doc.get_state())


@given(st.binary(max_size=64))
def test_parse_frame_never_fails_otherwise(data: bytes) -> None:
    with contextlib.suppress(ProtocolError):
        parse_frame(data)
