"""Timeline benchmark: a realistic one-hour session, then load, seek, analytics and export times.

    .venv/bin/python bench/timeline.py [--database-url URL] [--seeks 100]

The session: two people typing at human speed for an hour, their edits taken from the real
editing trace (tests/data/editing-traces, 18,335 transactions) in stretches of a few hundred edits
each, with pauses; each edit followed by the author's cursor (sampled like the recorder: at most
one awareness event per 100 ms per client); a run every ~3 minutes, submissions, pastes, focus
losses and chat. It is written to the event log with `append_events`, then measured through the
HTTP API in process (httpx ASGI transport, no network): the timeline summary, the first replay
(which builds the checkpoints), 100 seeks to random moments, the analytics and the export.
Default database: a fresh SQLite file in a temporary directory.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import platform
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from pycrdt import Assoc, Doc, Map, StickyIndex, Text, TransactionEvent

from codecollab import migrate
from codecollab.app import create_app
from codecollab.config import Settings
from codecollab.events import types as t
from codecollab.events.service import NewEvent, append_events
from codecollab.runtime import Runtime

TRACE = Path(__file__).parents[1] / "tests" / "data" / "editing-traces" / "sveltecomponent.json.gz"
SHARED_TRACE = Path("/work/shared/data/editing-traces/sveltecomponent.json.gz")
HOUR_MS = 3_600_000
START_MS = 1_800_000_000_000


def load_trace() -> dict[str, Any]:
    path = TRACE if TRACE.exists() else SHARED_TRACE
    with gzip.open(path) as file:
        trace: dict[str, Any] = json.load(file)
    return trace


def edit_times(count: int, rng: random.Random) -> list[int]:
    """Human typing: ~150 ms between keystrokes in bursts, pauses of 5-60 s, scaled to 1 h."""
    stamps, now = [], 0.0
    for _ in range(count):
        now += rng.expovariate(1 / 150)
        if rng.random() < 0.008:
            now += rng.uniform(5_000, 60_000)
        stamps.append(now)
    scale = (HOUR_MS - 60_000) / stamps[-1]
    return [30_000 + int(stamp * scale) for stamp in stamps]


class Session:
    def __init__(self, authors: list[uuid.UUID], rng: random.Random) -> None:
        self.authors = authors
        self.rng = rng
        self.doc: Doc[Any] = Doc()
        self.text = self.doc.get("code", type=Text)
        self.updates: list[bytes] = []
        self.doc.observe(self._on_transaction)
        self.events: list[NewEvent] = []
        self.last_awareness: dict[int, int] = {}

    def _on_transaction(self, event: TransactionEvent) -> None:
        self.updates.append(event.update)

    def add(self, at_ms: int, type_name: str, actor: uuid.UUID | None, **fields: Any) -> None:
        event_type = t.REGISTRY[type_name]
        self.events.append(
            NewEvent(
                type=type_name,
                version=event_type.version,
                audience=event_type.audience,
                actor_id=actor,
                ts_ms=START_MS + at_ms,
                **fields,
            )
        )

    def build(self, trace: dict[str, Any]) -> None:
        txns = trace["txns"]
        stamps = edit_times(len(txns), self.rng)
        for index, author in enumerate(self.authors):
            payload = {"connection_id": f"c{index}", "user_id": str(author), "role": "candidate"}
            self.add(1_000 + index, t.PRESENCE_JOINED, author, payload=payload)
        with self.doc.transaction():
            self.text += trace["startContent"]
            self.doc.get("meta", type=Map)["language"] = "javascript"
        self.add(2_000, t.DOC_UPDATE, self.authors[0], data=self.updates[-1])
        author_index, next_switch = 0, self.rng.randrange(100, 600)
        for number, (txn, at_ms) in enumerate(zip(txns, stamps, strict=True)):
            if number == next_switch:
                author_index = 1 - author_index
                next_switch += self.rng.randrange(100, 600)
            self._edit(txn["patches"], at_ms, author_index)
        self._extras(stamps)
        self.events.sort(key=lambda event: event.ts_ms)

    def _edit(self, patches: list[list[Any]], at_ms: int, author_index: int) -> None:
        author = self.authors[author_index]
        with self.doc.transaction():
            for position, deleted, inserted in patches:
                if deleted:
                    del self.text[position : position + deleted]
                if inserted:
                    self.text.insert(position, inserted)
        self.add(at_ms, t.DOC_UPDATE, author, data=self.updates[-1])
        client_id = author_index + 1
        if at_ms - self.last_awareness.get(client_id, -1000) >= 100:
            self.last_awareness[client_id] = at_ms
            position = patches[0][0] if patches else 0
            index = max(0, min(position, len(self.text) - 1))
            try:
                head = StickyIndex.new(self.text, index, Assoc.AFTER).to_json()
            except BaseException:
                head = {"item": None, "assoc": 0}
            state = {
                "user": {"id": str(author), "name": f"User {client_id}", "color": "#E69F00"},
                "selection": {"anchor": head, "head": head},
            }
            payload = {"client_id": client_id, "clock": 1, "user_id": str(author), "state": state}
            self.add(at_ms + 1, t.AWARENESS, author, payload=payload)

    def _extras(self, stamps: list[int]) -> None:
        rng = self.rng
        for minute in range(3, 60, 3):
            at_ms = minute * 60_000 + rng.randrange(30_000)
            author = rng.choice(self.authors)
            run_id = str(uuid.uuid4())
            self.add(at_ms, t.RUN_STARTED, author, payload={"run_id": run_id, "language": "python"})
            result = {"status": "ok", "stdout": "42\n", "stderr": "", "time_ms": 20}
            self.add(
                at_ms + 300, t.RUN_FINISHED, author, payload={"run_id": run_id, "result": result}
            )
        for minute, passed in ((20, 3), (40, 7), (55, 10)):
            at_ms, author = minute * 60_000, self.authors[1]
            started = {"submission_id": "s", "problem_id": "p", "language": "python"}
            self.add(at_ms, t.SUBMISSION_STARTED, author, payload=started)
            verdict = "accepted" if passed == 10 else "wrong_answer"
            finished = {"id": "s", "verdict": verdict, "passed": passed, "total": 10}
            self.add(at_ms + 2_000, t.SUBMISSION_FINISHED, author, payload=finished)
        for _ in range(12):
            at_ms = rng.randrange(60_000, HOUR_MS)
            author = rng.choice(self.authors)
            self.add(at_ms, t.SIGNAL_PASTE, author, payload={"size": rng.randrange(5, 800)})
            self.add(at_ms + 500, t.SIGNAL_FOCUS_LOST, author, payload={})
            self.add(
                at_ms + rng.randrange(2_000, 40_000), t.SIGNAL_FOCUS_REGAINED, author, payload={}
            )
            self.add(at_ms + 100, t.CHAT_MESSAGE, author, payload={"text": "ok?"})
        self.add(HOUR_MS, t.SESSION_ENDED, self.authors[0], payload={})


async def setup(http: httpx.AsyncClient) -> tuple[dict[str, Any], str, list[uuid.UUID]]:
    accounts = []
    for name in ("owner", "alice", "bob"):
        response = await http.post(
            "/api/auth/signup",
            json={
                "email": f"{name}@example.com",
                "password": "bench password",
                "display_name": name,
            },
        )
        accounts.append(response.json())
    owner = accounts[0]
    headers = {"Authorization": f"Bearer {owner['access_token']}"}
    room = (
        await http.post("/api/rooms", json={"title": "bench", "starter": "empty"}, headers=headers)
    ).json()
    return owner, room["id"], [uuid.UUID(a["user"]["id"]) for a in accounts[1:]]


async def write(runtime: Runtime, room_id: str, session: Session) -> None:
    from sqlalchemy import update

    from codecollab.events.models import SessionEvent

    async with runtime.sessionmaker() as db:
        await db.execute(
            update(SessionEvent)
            .where(SessionEvent.room_id == uuid.UUID(room_id))
            .values(ts_ms=START_MS)
        )
        for start in range(0, len(session.events), 5000):
            chunk = session.events[start : start + 5000]
            await append_events(db, room_id=uuid.UUID(room_id), events=chunk)
        await db.commit()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def timed(
    http: httpx.AsyncClient, path: str, headers: dict[str, str], **params: Any
) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = await http.get(path, params=params, headers=headers)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.text
    return elapsed, response


async def run(database_url: str, data_dir: Path, seeks: int) -> dict[str, Any]:
    settings = Settings(
        database_url=database_url, data_dir=data_dir, jwt_secret="b" * 48, _env_file=None
    )  # type: ignore[call-arg]
    app = create_app(settings)
    rng = random.Random(2026)
    results: dict[str, Any] = {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            owner, room_id, authors = await setup(http)
            session = Session(authors, rng)
            session.build(load_trace())
            started = time.perf_counter()
            await write(app.state.services.runtime, room_id, session)
            results["events"] = len(session.events) + 2
            results["doc_updates"] = sum(1 for e in session.events if e.type == t.DOC_UPDATE)
            results["awareness"] = sum(1 for e in session.events if e.type == t.AWARENESS)
            results["write_s"] = time.perf_counter() - started
            headers = {"Authorization": f"Bearer {owner['access_token']}"}
            base = f"/api/rooms/{room_id}"
            results["timeline_ms"], _ = await timed(http, f"{base}/timeline", headers)
            results["first_replay_ms"], _ = await timed(http, f"{base}/replay", headers, at_ms=0)
            samples = []
            for _ in range(seeks):
                elapsed, _response = await timed(
                    http, f"{base}/replay", headers, at_ms=rng.randrange(HOUR_MS)
                )
                samples.append(elapsed)
            end = (await timed(http, f"{base}/replay", headers, at_ms=HOUR_MS))[1].json()
            assert end["code"] == load_trace()["endContent"], "replay at the end is not the trace"
            results["seek_median_ms"] = statistics.median(samples)
            results["seek_p99_ms"] = percentile(samples, 0.99)
            results["seek_max_ms"] = max(samples)
            results["analytics_ms"], _ = await timed(http, f"{base}/analytics", headers)
            results["export_ms"], exported = await timed(http, f"{base}/export", headers)
            results["export_bytes"] = len(exported.content)
            results["export_lines"] = exported.text.count("\n")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seeks", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="codecollab-bench-") as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        migrate.upgrade(url)
        results = asyncio.run(run(url, Path(tmp), args.seeks))
    print(
        f"# {platform.node()} {platform.processor() or platform.machine()} "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} {url.split(':')[0]}"
    )
    for key, value in results.items():
        print(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")


if __name__ == "__main__":
    main()
