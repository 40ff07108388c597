"""The events of a room run, for whoever runs the room's code (`POST /rooms/{id}/runs`).

    started = run_started(run_id=..., actor_id=user.id, language=..., stdin=...)
    finished = run_finished(run_id=..., actor_id=user.id, language=..., result=result)

Each is a `NewEvent` for `append_events`; outputs and stdin are cut so the log stays small.
"""

from __future__ import annotations

import dataclasses
import uuid

from codecollab.events.service import NewEvent
from codecollab.execution.sandbox.base import ExecutionResult
from codecollab.timeline import types as t


def _cut(text: str, limit: int) -> tuple[str, bool]:
    return (text[:limit], True) if len(text) > limit else (text, False)


def run_started(*, run_id: uuid.UUID, actor_id: uuid.UUID, language: str, stdin: str) -> NewEvent:
    cut, truncated = _cut(stdin, t.MAX_STDIN_LOGGED)
    payload = {
        "run_id": str(run_id),
        "language": language,
        "stdin": cut,
        "stdin_truncated": truncated,
    }
    return NewEvent(type=t.RUN_STARTED, actor_id=actor_id, payload=payload)


def run_finished(
    *, run_id: uuid.UUID, actor_id: uuid.UUID, language: str, result: ExecutionResult
) -> NewEvent:
    fields = dataclasses.asdict(result)
    truncated = bool(fields.get("truncated"))
    for name in ("stdout", "stderr", "compile_output"):
        fields[name], cut = _cut(str(fields[name]), t.MAX_OUTPUT_LOGGED)
        truncated = truncated or cut
    payload = {**fields, "truncated": truncated, "run_id": str(run_id), "language": language}
    return NewEvent(type=t.RUN_FINISHED, actor_id=actor_id, payload=payload)
