"""The y-websocket wire protocol: strict parsing of incoming frames, encoding of outgoing ones.

pycrdt provides the message constructors and the varint reader; what it does not do is refuse bad
input (its `Decoder` silently returns short slices and raises `IndexError` on truncated varints).
Everything a client sends goes through `parse_frame`, which either returns a typed message or raises
`ProtocolError` with the close code to use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pycrdt import (
    Decoder,
    Encoder,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_update_message,
)
from pycrdt._sync import create_sync_step1_message, create_sync_step2_message

from codecollab import strict_json
from codecollab.collab.closecodes import CloseCode

MESSAGE_QUERY_AWARENESS = 3
# A frame nests at most: type, sync type, length-prefixed payload; varints over 8 bytes (56 bits)
# are never produced by Yjs for lengths or client ids (client ids are 32-bit).
MAX_VARINT_BYTES = 8
# An awareness state holds a name, a colour, a cursor and a selection: well under these.
MAX_AWARENESS_STATE_BYTES = 16 * 1024
MAX_AWARENESS_DEPTH = 32

__all__ = [
    "AwarenessEntry",
    "AwarenessMessage",
    "ProtocolError",
    "QueryAwareness",
    "SyncStep1",
    "SyncStep2",
    "SyncUpdate",
    "create_awareness_message",
    "create_sync_step1_message",
    "create_sync_step2_message",
    "create_update_message",
    "decode_awareness_update",
    "encode_awareness_update",
    "encode_raw_awareness_update",
    "parse_frame",
]


class ProtocolError(Exception):
    """A frame that does not follow the protocol; the connection is closed with `code`."""

    def __init__(self, reason: str, code: int = CloseCode.PROTOCOL_ERROR) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True, slots=True)
class SyncStep1:
    state_vector: bytes


@dataclass(frozen=True, slots=True)
class SyncStep2:
    update: bytes


@dataclass(frozen=True, slots=True)
class SyncUpdate:
    update: bytes


@dataclass(frozen=True, slots=True)
class AwarenessMessage:
    update: bytes


@dataclass(frozen=True, slots=True)
class QueryAwareness:
    pass


Message = SyncStep1 | SyncStep2 | SyncUpdate | AwarenessMessage | QueryAwareness


@dataclass(frozen=True, slots=True)
class AwarenessEntry:
    """One client's awareness state; `state` None means the client is gone."""

    client_id: int
    clock: int
    state: dict[str, Any] | None


class _StrictDecoder:
    """pycrdt's `Decoder`, checked: no read past the end, no oversized varints, no leftovers."""

    def __init__(self, data: bytes) -> None:
        self._decoder = Decoder(data)

    def var_uint(self) -> int:
        start = self._decoder.i0
        try:
            value = self._decoder.read_var_uint()
        except (IndexError, RuntimeError) as exc:
            raise ProtocolError("truncated varint") from exc
        if self._decoder.i0 - start > MAX_VARINT_BYTES:
            raise ProtocolError("varint too long")
        return value

    def payload(self) -> bytes:
        length = self.var_uint()
        if length > self._decoder.length:
            raise ProtocolError("payload shorter than its declared length")
        start = self._decoder.i0
        self._decoder.i0 += length
        self._decoder.length -= length
        return bytes(self._decoder.stream[start : start + length])

    @property
    def remaining(self) -> int:
        return self._decoder.length

    def end(self) -> None:
        if self._decoder.length != 0:
            raise ProtocolError("trailing bytes after the message")


def parse_frame(data: bytes) -> Message:
    """Parse one binary WebSocket frame from a client."""
    decoder = _StrictDecoder(data)
    kind = decoder.var_uint()
    message: Message
    if kind == YMessageType.SYNC:
        message = _parse_sync(decoder)
    elif kind == YMessageType.AWARENESS:
        message = AwarenessMessage(decoder.payload())
    elif kind == MESSAGE_QUERY_AWARENESS:
        message = QueryAwareness()
    else:
        raise ProtocolError(f"unknown message type {kind}")
    decoder.end()
    return message


def _parse_sync(decoder: _StrictDecoder) -> Message:
    sync_type = decoder.var_uint()
    payload = decoder.payload()
    if sync_type == YSyncMessageType.SYNC_STEP1:
        return SyncStep1(payload)
    if sync_type == YSyncMessageType.SYNC_STEP2:
        return SyncStep2(payload)
    if sync_type == YSyncMessageType.SYNC_UPDATE:
        return SyncUpdate(payload)
    raise ProtocolError(f"unknown sync message type {sync_type}")


def check_update(update: bytes, code: int = CloseCode.UPDATE_REJECTED) -> None:
    """Refuse updates whose leading client count exceeds what the bytes can hold.

    yrs preallocates from that count: six random bytes can otherwise cost seconds of CPU and a
    failed multi-gigabyte allocation (measured with pycrdt 0.14). Everything else is left to yrs.
    """
    _check_count(update, bytes_per_entry=3, what="update", code=code)


def check_state_vector(state_vector: bytes) -> None:
    """The same guard for a state vector (entries of two varints each)."""
    _check_count(
        state_vector, bytes_per_entry=2, what="state vector", code=CloseCode.PROTOCOL_ERROR
    )


def _check_count(data: bytes, *, bytes_per_entry: int, what: str, code: int) -> None:
    if not data:
        raise ProtocolError(f"empty {what}", code)
    decoder = _StrictDecoder(data)
    try:
        count = decoder.var_uint()
    except ProtocolError as exc:
        raise ProtocolError(f"malformed {what}", code) from exc
    if count * bytes_per_entry > decoder.remaining:
        raise ProtocolError(f"malformed {what}", code)


def decode_awareness_update(
    update: bytes,
    *,
    max_state_bytes: int = MAX_AWARENESS_STATE_BYTES,
    max_depth: int = MAX_AWARENESS_DEPTH,
) -> list[AwarenessEntry]:
    """The entries of an awareness update (y-protocols `encodeAwarenessUpdate` format).

    Each state must be a strict JSON object (no NaN, no lone surrogates) of at most
    `max_state_bytes` nesting at most `max_depth` deep; else ProtocolError (4400).
    """
    decoder = _StrictDecoder(update)
    count = decoder.var_uint()
    entries = [
        _decode_awareness_entry(decoder, max_state_bytes=max_state_bytes, max_depth=max_depth)
        for _ in range(min(count, decoder.remaining))  # an entry takes at least three bytes
    ]
    if len(entries) != count:
        raise ProtocolError("more awareness entries announced than sent")
    decoder.end()
    return entries


def _decode_awareness_entry(
    decoder: _StrictDecoder, *, max_state_bytes: int, max_depth: int
) -> AwarenessEntry:
    client_id = decoder.var_uint()
    clock = decoder.var_uint()
    raw = decoder.payload()
    if len(raw) > max_state_bytes:
        raise ProtocolError(f"awareness state over {max_state_bytes} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError("string is not UTF-8") from exc
    return AwarenessEntry(client_id, clock, _parse_state(text, max_depth=max_depth))


def _parse_state(text: str, *, max_depth: int) -> dict[str, Any] | None:
    if not text or text == "null":  # y-protocols writes "null" for a client that left
        return None
    try:
        state = strict_json.loads(text, max_depth=max_depth)
    except strict_json.InvalidJSON as exc:
        raise ProtocolError(f"awareness state is not strict JSON: {exc}") from exc
    if not isinstance(state, dict):
        raise ProtocolError("awareness state is not a JSON object")
    return state


def encode_awareness_update(entries: list[AwarenessEntry]) -> bytes:
    return encode_raw_awareness_update(
        [
            (entry.client_id, entry.clock, strict_json.dumps(entry.state).encode())
            for entry in entries
        ]
    )


def encode_raw_awareness_update(entries: list[tuple[int, int, bytes]]) -> bytes:
    """An awareness update from (client id, clock, state as JSON bytes) triples, unchecked."""
    encoder = Encoder()
    encoder.write_var_uint(len(entries))
    for client_id, clock, state in entries:
        encoder.write_var_uint(client_id)
        encoder.write_var_uint(clock)
        # Encoder.write_var_string writes the character count, not the byte count.
        encoder.write_var_uint(len(state))
        encoder.stream.append(state)
    return encoder.to_bytes()


def awareness_frame(entries: list[AwarenessEntry]) -> bytes:
    return create_awareness_message(encode_awareness_update(entries))
