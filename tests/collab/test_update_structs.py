"""Reading which Yjs client ids an update writes under, and up to which clock, from its bytes."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from typing import Any

import pytest
from pycrdt import Array, Doc, Map, Text, XmlElement, XmlFragment, XmlText

from codecollab.collab.protocol import ProtocolError
from codecollab.collab.update_structs import decode_state_vector, read_structs, written_ranges


def _edit_text(doc: Doc[Any]) -> None:
    text = doc.get("code", type=Text)
    text += "héllo 😀 wörld"
    text.insert(3, "bold", attrs={"bold": True})
    text.format(0, 2, {"italic": True})
    text.insert_embed(1, {"image": "x.png"})
    del text[5:7]


def _edit_map(doc: Doc[Any]) -> None:
    meta = doc.get("meta", type=Map)
    meta["any"] = {"list": [1, -(2**40), 2.5, None, True, False, "s", b"bytes"], "n": {"deep": []}}
    meta["text"] = Text("nested")
    meta["array"] = Array([1, "two", {"three": 3}])
    meta["replaced"] = 1
    meta["replaced"] = 2
    meta["doc"] = Doc()


def _edit_array(doc: Doc[Any]) -> None:
    array = doc.get("files", type=Array)
    array.extend([1, "x", {"k": [1, 2]}, b"\x00\x01"])
    array.insert(1, Map({"a": 1}))
    del array[0]


def _edit_xml(doc: Doc[Any]) -> None:
    fragment = doc.get("xml", type=XmlFragment)
    fragment.children.append(XmlElement("div", {"class": "a"}, [XmlText("inner")]))
    fragment.children.append(XmlText("tail"))


EDITS: dict[str, Callable[[Doc[Any]], None]] = {
    "text with formats and embeds": _edit_text,
    "map of every value type": _edit_map,
    "array": _edit_array,
    "xml": _edit_xml,
}


def _state(doc: Doc[Any]) -> dict[int, int]:
    return decode_state_vector(doc.get_state())


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_ranges_of_a_whole_document_match_its_state_vector(
    edit: Callable[[Doc[Any]], None],
) -> None:
    doc: Doc[Any] = Doc(client_id=42)
    edit(doc)
    assert written_ranges(doc.get_update()) == {42: (0, _state(doc)[42])}


def _edited_after_text(edit: Callable[[Doc[Any]], None]) -> tuple[Doc[Any], bytes]:
    """A document holding some text, then `edit`ed; and its state vector from before the edit."""
    doc: Doc[Any] = Doc(client_id=42)
    doc.get("code", type=Text).insert(0, "before")
    before = doc.get_state()
    edit(doc)
    return doc, before


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_ranges_of_an_incremental_update_start_where_the_receiver_is(
    edit: Callable[[Doc[Any]], None],
) -> None:
    doc, before = _edited_after_text(edit)
    assert written_ranges(doc.get_update(before)) == {42: (6, _state(doc)[42])}


def test_every_client_of_a_merged_update_is_named() -> None:
    first: Doc[Any] = Doc(client_id=1)
    first.get("code", type=Text).insert(0, "one")
    second: Doc[Any] = Doc(client_id=2**32 - 1)
    second.apply_update(first.get_update())
    second.get("code", type=Text).insert(3, "two!")
    assert written_ranges(second.get_update()) == {1: (0, 3), 2**32 - 1: (0, 4)}


def test_a_delete_of_another_clients_items_writes_under_no_client_id() -> None:
    author: Doc[Any] = Doc(client_id=1)
    author.get("code", type=Text).insert(0, "text")
    editor: Doc[Any] = Doc(client_id=2)
    editor.apply_update(author.get_update())
    before = editor.get_state()
    del editor.get("code", type=Text)[0:2]
    assert written_ranges(editor.get_update(before)) == {}


def test_mangled_updates_raise_only_protocol_errors() -> None:
    doc: Doc[Any] = Doc(client_id=42)
    for edit in EDITS.values():
        edit(doc)
    update = doc.get_update()
    rng = random.Random(17)
    for _ in range(5_000):
        mangled = bytearray(update[: rng.randint(1, len(update))])
        for _ in range(rng.randint(0, 3)):
            mangled[rng.randrange(len(mangled))] = rng.randrange(256)
        with contextlib.suppress(ProtocolError):
            written_ranges(bytes(mangled))


@pytest.mark.parametrize(
    "update",
    [b"", b"\x01", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", b"\x01\x01\x05\x00\x1f"],
    ids=["empty", "truncated", "overlong varint", "unknown content type"],
)
def test_malformed_updates_are_refused(update: bytes) -> None:
    with pytest.raises(ProtocolError):
        written_ranges(update)


# --- references: the ids an update's items name as neighbours or parent ----------------------


def test_an_insertion_names_its_left_and_right_neighbours() -> None:
    author: Doc[Any] = Doc(client_id=1)
    author.get("code", type=Text).insert(0, "ab")
    author.get("code", type=Text).insert(2, "cd")
    editor: Doc[Any] = Doc(client_id=2)
    editor.apply_update(author.get_update())
    before = editor.get_state()
    editor.get("code", type=Text).insert(2, "X")
    assert read_structs(editor.get_update(before)).references == [(1, 1), (1, 2)]


def test_an_insertion_at_the_start_of_a_root_type_names_only_its_right_neighbour() -> None:
    doc: Doc[Any] = Doc(client_id=1)
    doc.get("code", type=Text).insert(0, "ab")
    before = doc.get_state()
    doc.get("code", type=Text).insert(0, "X")
    assert read_structs(doc.get_update(before)).references == [(1, 0)]


def test_the_first_item_of_a_root_type_names_nothing() -> None:
    doc: Doc[Any] = Doc(client_id=1)
    doc.get("code", type=Text).insert(0, "ab")
    assert read_structs(doc.get_update()).references == []


@pytest.mark.parametrize(
    "nested", [Map, Array, Text], ids=["map in a map", "array in a map", "text in a map"]
)
def test_the_first_item_inside_a_nested_type_names_the_item_holding_it(nested: Any) -> None:
    doc: Doc[Any] = Doc(client_id=1)
    doc.get("meta", type=Map)["first"] = 1
    doc.get("meta", type=Map)["inner"] = nested()
    holder = _state(doc)[1] - 1
    before = doc.get_state()
    inner = doc.get("meta", type=Map)["inner"]
    if isinstance(inner, Map):
        inner["key"] = "value"
    elif isinstance(inner, Array):
        inner.append("value")
    else:
        inner.insert(0, "value")
    assert read_structs(doc.get_update(before)).references == [(1, holder)]


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_every_content_type_names_only_items_the_update_or_its_receiver_has(
    edit: Callable[[Doc[Any]], None],
) -> None:
    doc, before = _edited_after_text(edit)
    structs = read_structs(doc.get_update(before))
    assert structs.references
    assert all(client == 42 and clock < _state(doc)[42] for client, clock in structs.references)


def test_the_references_of_a_merged_update_cross_its_clients() -> None:
    first: Doc[Any] = Doc(client_id=1)
    first.get("code", type=Text).insert(0, "one")
    second: Doc[Any] = Doc(client_id=2)
    second.apply_update(first.get_update())
    second.get("code", type=Text).insert(3, "two")
    assert read_structs(second.get_update()).references == [(1, 2)]
