"""The replay state of a room and how one event changes it: a pure fold over the event log.

Checkpoints store this state, and a seek folds the few events between a checkpoint and the
moment asked for; both use `ReplayState.apply`, so a checkpointed seek and a full replay agree.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from pycrdt import Decoder, Doc, Map, StickyIndex, Text

from codecollab import strict_json
from codecollab.events import types as t


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """One entry of the log as replay reads it (a SessionEvent without the ORM)."""

    seq: int
    type: str
    ts_ms: int
    actor_id: uuid.UUID | None = None
    payload: dict[str, Any] | None = None
    data: bytes | None = None
    version: int = 1
    audience: str = "all"


def _new_doc() -> Doc[Any]:
    return Doc()


@dataclass
class ReplayState:
    doc: Doc[Any] = field(default_factory=_new_doc)
    seq: int = 0
    ts_ms: int = 0
    connections: dict[str, dict[str, Any]] = field(default_factory=dict)
    awareness: dict[str, dict[str, Any]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    last_run: dict[str, Any] | None = None
    last_verdict: dict[str, Any] | None = None

    # --- folding ---------------------------------------------------------------------------

    def apply(self, event: LoggedEvent) -> None:
        self.seq = event.seq
        self.ts_ms = max(self.ts_ms, event.ts_ms)
        handler = _HANDLERS.get(event.type)
        if handler is not None:
            handler(self, event)

    def _doc_update(self, event: LoggedEvent) -> None:
        if event.data:
            self.doc.apply_update(event.data)

    def _member_joined(self, event: LoggedEvent) -> None:
        payload = event.payload or {}
        self.names[str(payload.get("user_id"))] = str(payload.get("display_name", ""))

    def _awareness(self, event: LoggedEvent) -> None:
        payload = event.payload or {}
        client_id = str(payload.get("client_id"))
        if payload.get("state") is None:
            self.awareness.pop(client_id, None)
        else:
            self.awareness[client_id] = {
                "user_id": payload.get("user_id"),
                # Earlier versions stored states unchecked (NaN, lone surrogates).
                "state": strict_json.sanitized(payload["state"]),
                "ts_ms": event.ts_ms,
            }

    def _presence_joined(self, event: LoggedEvent) -> None:
        payload = event.payload or {}
        self.connections[str(payload.get("connection_id"))] = {
            "user_id": payload.get("user_id"),
            "role": payload.get("role"),
            "since_ms": event.ts_ms,
        }

    def _presence_left(self, event: LoggedEvent) -> None:
        payload = event.payload or {}
        self.connections.pop(str(payload.get("connection_id")), None)

    def _run_finished(self, event: LoggedEvent) -> None:
        payload = event.payload or {}
        result = payload.get("result")
        self.last_run = {
            **(result if isinstance(result, dict) else {}),
            "run_id": payload.get("run_id"),
            "ts_ms": event.ts_ms,
        }

    def _submission_finished(self, event: LoggedEvent) -> None:
        payload = event.payload or {}
        self.last_verdict = {
            "submission_id": payload.get("id"),
            "verdict": payload.get("verdict"),
            "passed": payload.get("passed"),
            "total": payload.get("total"),
            "ts_ms": event.ts_ms,
        }

    # --- reading ---------------------------------------------------------------------------

    @property
    def code(self) -> str:
        return str(self.doc.get("code", type=Text))

    @property
    def language(self) -> str | None:
        value = self.doc.get("meta", type=Map).get("language")
        return value if isinstance(value, str) else None

    def present_users(self) -> list[dict[str, Any]]:
        """Users with an open connection, each with the cursors of their clients."""
        users: dict[str, dict[str, Any]] = {}
        for connection in self.connections.values():
            user_id = str(connection["user_id"])
            user = users.setdefault(
                user_id,
                {"user_id": user_id, "name": self.names.get(user_id), "connections": 0},
            )
            user["connections"] += 1
            user.setdefault("role", connection.get("role"))
        for user in users.values():
            user["cursors"] = []
        code = self.code
        for client_id, entry in sorted(self.awareness.items()):
            owner = users.get(str(entry.get("user_id")))
            if owner is None:
                continue
            self._add_cursor(owner, int(client_id), entry["state"], code)
        return list(users.values())

    def _add_cursor(self, user: dict[str, Any], client_id: int, state: Any, code: str) -> None:
        named = state.get("user") if isinstance(state, dict) else None
        if isinstance(named, dict):
            user["name"] = named.get("name", user["name"])
            user["color"] = named.get("color")
        cursor = self._cursor(state, code)
        if cursor is not None:
            user["cursors"].append({"client_id": client_id, **cursor})

    def _cursor(self, state: Any, code: str) -> dict[str, Any] | None:
        """A y-monaco `selection` or y-codemirror `cursor` {anchor, head}, resolved to offsets."""
        if not isinstance(state, dict):
            return None
        selection = state.get("selection") or state.get("cursor")
        if not isinstance(selection, dict):
            return None
        anchor = self._resolve(selection.get("anchor"), code)
        head = self._resolve(selection.get("head"), code)
        if anchor is None or head is None:
            return None
        return {"anchor": anchor, "head": head}

    def _resolve(self, relative: Any, code: str) -> dict[str, int] | None:
        index = resolve_relative_position(self.doc, relative, len(code))
        if index is None:
            return None
        return offset_to_position(code, index)

    # --- checkpoints -----------------------------------------------------------------------

    def side_state(self) -> dict[str, Any]:
        return {
            "connections": self.connections,
            "awareness": self.awareness,
            "names": self.names,
            "last_run": self.last_run,
            "last_verdict": self.last_verdict,
        }

    @classmethod
    def restore(cls, *, seq: int, ts_ms: int, document: bytes, side: dict[str, Any]) -> ReplayState:
        state = cls(seq=seq, ts_ms=ts_ms)
        if document:
            state.doc.apply_update(document)
        state.connections = dict(side.get("connections") or {})
        state.awareness = dict(side.get("awareness") or {})
        state.names = dict(side.get("names") or {})
        state.last_run = side.get("last_run")
        state.last_verdict = side.get("last_verdict")
        return state


_HANDLERS = {
    t.DOC_UPDATE: ReplayState._doc_update,
    t.MEMBER_JOINED: ReplayState._member_joined,
    t.AWARENESS: ReplayState._awareness,
    t.PRESENCE_JOINED: ReplayState._presence_joined,
    t.PRESENCE_LEFT: ReplayState._presence_left,
    t.RUN_FINISHED: ReplayState._run_finished,
    t.SUBMISSION_FINISHED: ReplayState._submission_finished,
}


def resolve_relative_position(doc: Doc[Any], relative: Any, length: int) -> int | None:
    """A Yjs RelativePosition (its JSON form, as y-monaco puts in awareness) as a text offset.

    Follows Yjs `createAbsolutePositionFromRelativePosition`: no item means the end of the
    text (assoc >= 0) or its start; an item not (yet) in the document resolves to nothing.
    """
    if not isinstance(relative, dict):
        return None
    assoc = relative.get("assoc", 0)
    assoc = assoc if isinstance(assoc, int) else 0
    item = relative.get("item")
    if item is None:
        return length if assoc >= 0 else 0
    if not (
        isinstance(item, dict)
        and isinstance(item.get("client"), int)
        and isinstance(item.get("clock"), int)
        and _has_item(doc, item["client"], item["clock"])
    ):
        return None
    # Only items the document has reach pycrdt: it panics (BaseException) on unknown ones.
    sticky = StickyIndex.from_json(
        {"item": {"client": item["client"], "clock": item["clock"]}, "assoc": assoc}
    )
    with doc.transaction() as txn:
        index = sticky.get_index(txn)
    return index if isinstance(index, int) and 0 <= index <= length else None


def _has_item(doc: Doc[Any], client: int, clock: int) -> bool:
    """Whether the document holds the item (client, clock): its state vector is past it."""
    if not (0 <= client < 2**53 and 0 <= clock < 2**53):
        return False
    decoder = Decoder(doc.get_state())
    for _ in range(decoder.read_var_uint()):
        known_client, known_clock = decoder.read_var_uint(), decoder.read_var_uint()
        if known_client == client:
            return clock < known_clock
    return False


def offset_to_position(code: str, index: int) -> dict[str, int]:
    """A text offset with its 1-based line and column (Monaco's convention)."""
    line = code.count("\n", 0, index) + 1
    line_start = code.rfind("\n", 0, index) + 1
    return {"index": index, "line": line, "column": index - line_start + 1}
