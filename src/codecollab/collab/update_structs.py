"""Which Yjs client ids an update writes items under, up to which clock, and which items its
items name as neighbours or parent.

pycrdt has no API for it, so this reads the struct section of a lib0 v1 update (the encoding the
y-websocket protocol carries): the number of clients, then per client the number of structs, the
client id and the first clock, then each struct (GC, Skip or Item with its content), whose lengths
add up to the clock range the client's block covers. An item names its left and right neighbours
when it was inserted (origin, right origin) and, when it has neither, its parent: a root type by
name or a nested type by the id of the item holding it; those ids are its references. The delete
set that follows is not read: deleting other clients' items is ordinary editing.
"""

from __future__ import annotations

from dataclasses import dataclass

from codecollab.collab.closecodes import CloseCode
from codecollab.collab.protocol import ProtocolError

_GC, _SKIP = 0, 10
_ORIGIN, _RIGHT_ORIGIN, _PARENT_SUB = 0x80, 0x40, 0x20
_XML_ELEMENT, _XML_HOOK = 3, 5
# Nested `Any` values deeper than this are refused (yrs limits recursion on its side too).
_MAX_ANY_DEPTH = 64


ItemId = tuple[int, int]  # (client id, clock)


@dataclass(frozen=True, slots=True)
class UpdateStructs:
    """What an update's struct section writes and what its items depend on."""

    # For each client id with structs: (first clock, clock after the last struct).
    ranges: dict[int, tuple[int, int]]
    # Every id an item names as origin, right origin or parent, in the order of the update.
    references: list[ItemId]


def read_structs(update: bytes) -> UpdateStructs:
    """The update's written ranges and references.

    Raises ProtocolError (4422) for an update that does not follow the encoding.
    """
    reader = _Reader(update)
    ranges: dict[int, tuple[int, int]] = {}
    references: list[ItemId] = []
    for _ in range(reader.count(bytes_per_entry=3)):
        structs = reader.count(bytes_per_entry=1)
        client = reader.var_uint()
        first = reader.var_uint()
        end = first + sum(_struct_length(reader, references) for _ in range(structs))
        if structs:
            start, previous_end = ranges.get(client, (first, end))
            ranges[client] = (min(start, first), max(previous_end, end))
    return UpdateStructs(ranges, references)


def written_ranges(update: bytes) -> dict[int, tuple[int, int]]:
    """For each client id with structs in the update: (first clock, clock after the last struct)."""
    return read_structs(update).ranges


def decode_state_vector(state: bytes) -> dict[int, int]:
    """A state vector (client id -> next clock), as `Doc.get_state()` encodes it."""
    reader = _Reader(state)
    return {reader.var_uint(): reader.var_uint() for _ in range(reader.count(bytes_per_entry=2))}


def _struct_length(reader: _Reader, references: list[ItemId]) -> int:
    """Skip one struct, adding the ids an item names to `references`; its length in clock ticks."""
    info = reader.byte()
    ref = info & 0x1F
    if ref in (_GC, _SKIP):
        return reader.var_uint()
    if info & _ORIGIN:
        references.append((reader.var_uint(), reader.var_uint()))
    if info & _RIGHT_ORIGIN:
        references.append((reader.var_uint(), reader.var_uint()))
    if not info & (_ORIGIN | _RIGHT_ORIGIN):
        # Without neighbours the parent is written: a root type's name, or the id of the item
        # holding a nested type (that item must exist, like a neighbour).
        if reader.var_uint() == 1:
            reader.skip_bytes()
        else:
            references.append((reader.var_uint(), reader.var_uint()))
        if info & _PARENT_SUB:
            reader.skip_bytes()
    return _content_length(reader, ref)


def _content_length(reader: _Reader, ref: int) -> int:
    """Skip an item's content; its length in clock ticks."""
    if ref == 1:  # deleted
        return reader.var_uint()
    if ref == 2:  # JSON
        length = reader.count(bytes_per_entry=1)
        for _ in range(length):
            reader.skip_bytes()
        return length
    if ref in (3, 5):  # binary, embed
        reader.skip_bytes()
        return 1
    if ref == 4:  # string: its length in UTF-16 code units, as Yjs counts
        return reader.utf16_length()
    if ref == 6:  # format: key and value
        reader.skip_bytes()
        reader.skip_bytes()
        return 1
    if ref == 7:  # a nested shared type
        if reader.var_uint() in (_XML_ELEMENT, _XML_HOOK):
            reader.skip_bytes()
        return 1
    if ref == 8:  # any values
        length = reader.count(bytes_per_entry=1)
        for _ in range(length):
            reader.skip_any(0)
        return length
    if ref == 9:  # a subdocument: guid and options
        reader.skip_bytes()
        reader.skip_any(0)
        return 1
    raise _malformed(f"unknown content type {ref}")


def _malformed(reason: str) -> ProtocolError:
    return ProtocolError(f"malformed update: {reason}", CloseCode.UPDATE_REJECTED)


class _Reader:
    """lib0 decoding over bytes; every read checks the bounds."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def byte(self) -> int:
        if self._pos >= len(self._data):
            raise _malformed("truncated")
        value = self._data[self._pos]
        self._pos += 1
        return value

    def var_uint(self) -> int:
        # Inlined reads: this runs for every field of every client update.
        data, pos = self._data, self._pos
        value, shift = 0, 0
        while pos < len(data):
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                self._pos = pos
                return value
            shift += 7
            if shift > 63:
                raise _malformed("varint too long")
        raise _malformed("truncated")

    def count(self, *, bytes_per_entry: int) -> int:
        """A length prefix, checked against what the remaining bytes could hold."""
        value = self.var_uint()
        if value * bytes_per_entry > len(self._data) - self._pos:
            raise _malformed("a count larger than the update")
        return value

    def _take(self) -> tuple[int, int]:
        length = self.var_uint()
        start = self._pos
        if length > len(self._data) - start:
            raise _malformed("truncated")
        self._pos += length
        return start, self._pos

    def skip_bytes(self) -> None:
        self._take()

    def utf16_length(self) -> int:
        start, end = self._take()
        raw = self._data[start:end]
        if raw.isascii():
            return end - start
        try:
            text = raw.decode("utf-8", errors="surrogatepass")
        except UnicodeDecodeError as exc:
            raise _malformed("a string that is not UTF-8") from exc
        return len(text.encode("utf-16-le", errors="surrogatepass")) // 2

    def skip_any(self, depth: int) -> None:
        if depth > _MAX_ANY_DEPTH:
            raise _malformed("values nested too deeply")
        kind = self.byte()
        if kind in (127, 126, 121, 120):  # undefined, null, false, true
            return
        if kind == 125:  # integer (signed varint)
            while self.byte() & 0x80:
                pass
        elif kind in (124, 123, 122):  # float32, float64, bigint
            self._skip_fixed(4 if kind == 124 else 8)
        elif kind in (119, 116):  # string, bytes
            self.skip_bytes()
        elif kind == 118:  # object
            for _ in range(self.count(bytes_per_entry=2)):
                self.skip_bytes()
                self.skip_any(depth + 1)
        elif kind == 117:  # array
            for _ in range(self.count(bytes_per_entry=1)):
                self.skip_any(depth + 1)
        else:
            raise _malformed(f"unknown value type {kind}")

    def _skip_fixed(self, size: int) -> None:
        if size > len(self._data) - self._pos:
            raise _malformed("truncated")
        self._pos += size
