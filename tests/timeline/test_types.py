"""The event type registry: documented, validated, and the run events it describes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pycrdt import Doc, Text

from codecollab.events.types import REGISTRY
from codecollab.timeline import types as t
from codecollab.timeline.state import resolve_relative_position

DOC = Path(__file__).parents[2] / "docs" / "events.md"


def test_every_registered_type_is_documented_with_its_audience() -> None:
    text = DOC.read_text()
    for name, event_type in REGISTRY.items():
        row = re.search(rf"^\| `{re.escape(name)}` \| (\w+) \|", text, re.MULTILINE)
        assert row is not None, f"{name} is not in docs/events.md"
        assert row.group(1) == event_type.audience, name


@pytest.mark.parametrize(
    ("type_name", "version", "payload", "data", "message"),
    [
        ("nope", 1, None, None, "unknown event type"),
        ("chat.message", 2, {"text": "x"}, None, "version 2"),
        ("chat.message", 1, {}, None, "payload: text"),
        ("signal.paste", 1, {"size": -3}, None, "payload: size"),
        ("doc.update", 1, None, None, "update bytes"),
    ],
)
def test_events_that_do_not_match_their_type_are_refused(
    type_name: str,
    version: int,
    payload: dict[str, object] | None,
    data: bytes | None,
    message: str,
) -> None:
    with pytest.raises(t.InvalidEvent, match=message):
        t.validate_event(type_name, version, payload, data)


@pytest.mark.parametrize(
    "relative",
    [
        {"item": {"client": 12345, "clock": 0}, "assoc": 0},
        {"item": {"client": 2**70, "clock": 1}, "assoc": 0},
        {"item": {"client": "x", "clock": 1}},
        {"item": [1, 2]},
        "nonsense",
    ],
)
def test_a_cursor_naming_unknown_content_resolves_to_nothing(relative: object) -> None:
    doc: Doc[Any] = Doc()
    doc.get("code", type=Text).insert(0, "hello")
    assert resolve_relative_position(doc, relative, 5) is None


def test_a_cursor_at_no_item_is_at_the_end_or_the_start() -> None:
    doc: Doc[Any] = Doc()
    assert resolve_relative_position(doc, {"item": None, "assoc": 0}, 5) == 5
    assert resolve_relative_position(doc, {"item": None, "assoc": -1}, 5) == 0
