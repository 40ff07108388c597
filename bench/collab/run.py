"""Live-collaboration benchmark: the same Yjs loads against our server (persistence on,
PostgreSQL), the reference y-websocket@2 server and pycrdt-websocket, in one run.

    .venv/bin/python bench/collab/run.py [--duration 20] [--repeat 3] [--only N]
                                         [--servers reference,ours,pycrdt]

A server key `ours+NAME=VALUE[+NAME=VALUE…]` adds a variant of our server started with those
settings (environment variables), so a setting can be A/B-tested within one run, e.g.
`--servers reference,ours,ours+CODECOLLAB_COLLAB_AWARENESS_BATCH_MS=0`.

Needs node + tests/interop/node_modules (scripts/ci/interop.sh) and PostgreSQL
(CODECOLLAB_BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test).
Each load runs --repeat times on every server, the servers' order alternating between rounds; the
table reports each server's median and every run's p99 (one 20-second run on two shared cores is
at the mercy of one stall of the load generator or the machine), and the ratio of the medians.
Prints a Markdown table and writes bench/collab/results.json (the summary and every run).
Server CPU (and peak RSS) count the server process and its children (our server commits the event
log in a child process). CPU is given for the whole run (connecting, syncing, editing,
disconnecting: our server authenticates and records presence for every connection, the
reference does neither) and, in brackets, for the measured window alone (the edits). For our
server the table also gives the event log's commit delay (an accepted update's wait until its
transaction committed: median p99 and worst over the runs), which the server logs as it stops.

Diagnostics: BENCH_TIMELINE=<prefix> makes the load generator write <prefix>-<server>.json with
every sample ([send time, latency] in ms), its own event-loop stalls, its GC pauses and the times
it received awareness updates (to tell a server stall from a load-generator one);
BENCH_LOADGEN_NODE_OPTIONS sets NODE_OPTIONS for the load generator only.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
INTEROP = ROOT / "tests" / "interop"
LOADGEN = Path(__file__).with_name("loadgen.mjs")
CLK_TCK = os.sysconf("SC_CLK_TCK")
# The line our server logs when it stops (events/writer.py, CommitDelays.summary).
COMMIT_DELAYS = re.compile(r"commit delay p50 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms")


@dataclass(frozen=True)
class Load:
    name: str
    rooms: int
    clients_per_room: int
    edits_per_s: float


LOADS = [
    Load("10 rooms x 5 clients x 10 edits/s", 10, 5, 10),
    Load("1 room x 50 clients x 10 edits/s", 1, 50, 10),
    Load("200 rooms x 5 clients x 1 edit/s", 200, 5, 1),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def process_tree(pid: int) -> list[int]:
    """The process and its live descendants (our server commits the event log in a child)."""
    tree = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            tree += process_tree(int(child))
    return tree


def cpu_seconds(pid: int) -> float:
    """CPU seconds of the process and its live descendants."""
    total = 0
    for member in process_tree(pid):
        fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


class MeasuredCpu:
    """The server's CPU seconds between the first load generator opening its measured window
    and the last one closing it: edits only, without connecting, syncing and disconnecting."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.start: float | None = None
        self.end: float | None = None

    def opened(self) -> None:
        if self.start is None:
            self.start = cpu_seconds(self.pid)

    def closed(self) -> None:
        self.end = cpu_seconds(self.pid)

    @property
    def seconds(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start


def peak_rss_mib(pid: int) -> float:
    """The sum of the peak resident sizes of the process and its live descendants."""
    total_kib = 0
    for member in process_tree(pid):
        for line in Path(f"/proc/{member}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total_kib += int(line.split()[1])
    return total_kib / 1024


async def wait_port(port: int, process: subprocess.Popen[bytes]) -> None:
    async with asyncio.timeout(60):
        while True:
            if process.poll() is not None:
                raise RuntimeError("server exited during start-up")
            try:
                _reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                return
            except OSError:
                await asyncio.sleep(0.1)


class Server:
    name = ""
    slug = ""

    def __init__(self, port: int) -> None:
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None
        # Where the server's output goes (nowhere unless a subclass reads it).
        self.log_path: Path | None = None

    def command(self) -> tuple[list[str], dict[str, str]]:
        raise NotImplementedError

    async def start(self) -> None:
        argv, env = self.command()
        if self.log_path is None:
            output: int | IO[bytes] = subprocess.DEVNULL
        else:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            output = self.log_path.open("wb")
        try:
            self.process = subprocess.Popen(
                argv, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT
            )
        finally:
            if not isinstance(output, int):
                output.close()
        await wait_port(self.port, self.process)

    def shutdown_report(self) -> dict[str, Any]:
        """What the stopped server reported about its run (nothing by default)."""
        return {}

    async def rooms(self, count: int) -> tuple[str, list[dict[str, str]]]:
        """The provider URL and the rooms (name, token) to use."""
        return f"ws://127.0.0.1:{self.port}", [
            {"name": f"bench-{uuid.uuid4().hex[:8]}"} for _ in range(count)
        ]

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Reference(Server):
    name = "y-websocket@2 (reference)"
    slug = "reference"

    def command(self) -> tuple[list[str], dict[str, str]]:
        server = INTEROP / "node_modules" / "y-websocket" / "bin" / "server.cjs"
        return ["node", str(server)], {"HOST": "127.0.0.1", "PORT": str(self.port)}


class PycrdtWebsocket(Server):
    name = "pycrdt-websocket 0.16"
    slug = "pycrdt"

    def command(self) -> tuple[list[str], dict[str, str]]:
        return [
            sys.executable,
            str(Path(__file__).with_name("pycrdt_server.py")),
            str(self.port),
        ], {}


class Ours(Server):
    name = "CodeCollab (PostgreSQL, persisting)"
    slug = "ours"

    def __init__(
        self, port: int, database_url: str, data_dir: Path, settings: dict[str, str] | None = None
    ) -> None:
        super().__init__(port)
        self.database_url = database_url
        self.data_dir = data_dir
        # A variant of our server with these settings, measured beside the default one.
        self.settings = settings or {}
        self.log_path = data_dir / f"server-{port}.log"
        if self.settings:
            shown = " ".join(f"{name}={value}" for name, value in self.settings.items())
            self.name = f"{Ours.name} [{shown}]"
            self.slug = "ours-" + "-".join(value for value in self.settings.values())

    def command(self) -> tuple[list[str], dict[str, str]]:
        env = {
            "DATABASE_URL": self.database_url,
            "JWT_SECRET": secrets.token_urlsafe(48),
            "CODECOLLAB_DATA_DIR": str(self.data_dir),
            "CODECOLLAB_ARGON2_TIME_COST": "1",
            # Every simulated client signs up from this one address.
            "CODECOLLAB_SIGNUP_RATE_LIMIT": "100000/minute",
            **self.settings,
        }
        return [sys.executable, "-m", "codecollab", "serve", "--port", str(self.port)], env

    def shutdown_report(self) -> dict[str, Any]:
        """The event log's commit delays, from the summary the server logs as it stops."""
        assert self.log_path is not None
        found = COMMIT_DELAYS.findall(self.log_path.read_text(errors="replace"))
        if not found:
            return {}
        p50, p99, worst = (float(value) for value in found[-1])
        return {
            "commit_delay_p50_ms": p50,
            "commit_delay_p99_ms": p99,
            "commit_delay_max_ms": worst,
        }

    async def rooms(self, count: int) -> tuple[str, list[dict[str, str]]]:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{self.port}", timeout=30) as http:
            response = await http.post(
                "/api/auth/signup",
                json={
                    "email": f"bench-{uuid.uuid4().hex[:8]}@example.com",
                    "password": "correct horse battery staple",
                    "display_name": "Bench",
                },
            )
            response.raise_for_status()
            token = response.json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            rooms = []
            for index in range(count):
                created = await http.post(
                    "/api/rooms",
                    json={"title": f"bench {index}", "starter": "empty"},
                    headers=headers,
                )
                created.raise_for_status()
                rooms.append({"name": created.json()["id"], "token": token})
        return f"ws://127.0.0.1:{self.port}/ws/rooms", rooms


async def run_load(server: Server, load: Load, duration_s: float, loadgens: int) -> dict[str, Any]:
    await server.start()
    assert server.process is not None
    try:
        url, rooms = await server.rooms(load.rooms)
        cpu_before = cpu_seconds(server.process.pid)
        started = time.monotonic()
        # Rooms dealt round-robin: every room's clients live in one process (one clock).
        count = min(loadgens, len(rooms))
        synced = asyncio.Barrier(count)
        measured = MeasuredCpu(server.process.pid)
        parts = await asyncio.gather(
            *(
                run_loadgen(
                    server, url, rooms[index::count], load, duration_s, index, synced, measured
                )
                for index in range(count)
            )
        )
        wall = time.monotonic() - started
        result = merge_results(parts)
        result["server_cpu_s"] = cpu_seconds(server.process.pid) - cpu_before
        result["server_cpu_measured_s"] = measured.seconds
        result["server_cpu_share"] = result["server_cpu_s"] / wall
        result["server_peak_rss_mib"] = peak_rss_mib(server.process.pid)
    finally:
        server.stop()
    result.update(server.shutdown_report())
    return result


async def run_loadgen(
    server: Server,
    url: str,
    rooms: list[dict[str, str]],
    load: Load,
    duration_s: float,
    index: int,
    synced: asyncio.Barrier,
    measured: MeasuredCpu,
) -> dict[str, Any]:
    """One load-generator process; it starts editing once every one of them is synced."""
    config = {
        "url": url,
        "rooms": rooms,
        "clientsPerRoom": load.clients_per_room,
        "editsPerSec": load.edits_per_s,
        "durationS": duration_s,
        "warmupS": 2,
        "barrier": True,
        "rawLatencies": True,
    }
    env = dict(os.environ)
    if "BENCH_TIMELINE" in env:
        env["BENCH_TIMELINE"] = f"{env['BENCH_TIMELINE']}-{server.slug}-{index}.json"
    if "BENCH_LOADGEN_NODE_OPTIONS" in env:
        env["NODE_OPTIONS"] = env["BENCH_LOADGEN_NODE_OPTIONS"]
    node = await asyncio.create_subprocess_exec(
        "node",
        str(LOADGEN),
        json.dumps(config),
        cwd=INTEROP,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env=env,
        limit=64 * 1024 * 1024,
    )
    assert node.stdin is not None
    assert node.stdout is not None
    first = json.loads(await node.stdout.readline())
    if not first.get("synced"):
        raise RuntimeError(f"load generator failed: {first}")
    await synced.wait()
    node.stdin.write(b"go\n")
    await node.stdin.drain()
    for mark in (measured.opened, measured.closed):
        line = json.loads(await node.stdout.readline())
        if "measuring" not in line:
            raise RuntimeError(f"load generator failed: {line}")
        mark()
    out = await node.stdout.read()
    await node.wait()
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    return result


def merge_results(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One result for a load run by several load generators (percentiles over all samples)."""
    latencies = sorted(latency for part in parts for latency in part.pop("latencies"))

    def percentile(p: float) -> float | None:
        if not latencies:
            return None
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    return {
        "loadgens": len(parts),
        "clients": sum(part["clients"] for part in parts),
        "samples": len(latencies),
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        "max_ms": latencies[-1] if latencies else None,
        "delivered_per_s": sum(part["delivered_per_s"] for part in parts),
        "expected_per_s": sum(part["expected_per_s"] for part in parts),
        "diverged_rooms": sum(part["diverged_rooms"] for part in parts),
        "loadgen_cpu_s": sum(part["loadgen_cpu_s"] for part in parts),
    }


async def bench_database(base_url: str) -> str:
    from codecollab.db import create_engine

    name = f"cc_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f"CREATE DATABASE {name}"))
    await engine.dispose()
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


async def drop_database(base_url: str, url: str) -> None:
    from codecollab.db import create_engine

    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f"DROP DATABASE IF EXISTS {make_url(url).database}"))
    await engine.dispose()


MEDIAN_FIELDS = (
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "delivered_per_s",
    "expected_per_s",
    "server_cpu_s",
    "server_cpu_measured_s",
    "server_peak_rss_mib",
)


def summarize(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per load and server: medians over the runs, every run's p99, the worst
    divergence, and the ratio of the median p99 to the reference's."""
    summary: list[dict[str, Any]] = []
    # Loads and servers in the order they first ran (the order given on the command line).
    for load in dict.fromkeys(run["load"] for run in runs):
        rows = []
        for server in dict.fromkeys(run["server"] for run in runs if run["load"] == load):
            results = [r["result"] for r in runs if r["load"] == load and r["server"] == server]
            rows.append(
                {
                    "load": load,
                    "server": server,
                    **{name: statistics.median(r[name] for r in results) for name in MEDIAN_FIELDS},
                    "p99_runs_ms": [r["p99_ms"] for r in results],
                    "diverged_rooms": max(r["diverged_rooms"] for r in results),
                    **commit_delays(results),
                }
            )
        reference = next((row for row in rows if row["server"] == Reference.name), None)
        for row in rows:
            if reference is not None and row is not reference and reference["p99_ms"]:
                row["p99_ratio"] = row["p99_ms"] / reference["p99_ms"]
        summary.extend(rows)
    return summary


def commit_delays(results: list[dict[str, Any]]) -> dict[str, float]:
    """Our server's event-log commit delay: the median p99 and the worst over the runs."""
    if not all("commit_delay_max_ms" in r for r in results):
        return {}
    return {
        "commit_delay_p99_ms": statistics.median(r["commit_delay_p99_ms"] for r in results),
        "commit_delay_max_ms": max(r["commit_delay_max_ms"] for r in results),
    }


def markdown(summary: list[dict[str, Any]]) -> str:
    columns = [
        "load",
        "server",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "p99 / ref",
        "p99 of each run",
        "delivered/s (expected)",
        "diverged rooms",
        "server CPU s (in window)",
        "peak RSS MiB",
        "commit delay p99 / max ms",
    ]
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for row in summary:
        ratio = row.get("p99_ratio")
        cells = [
            row["load"],
            row["server"],
            f"{row['p50_ms']:.1f}",
            f"{row['p95_ms']:.1f}",
            f"{row['p99_ms']:.1f}",
            "" if ratio is None else f"{ratio:.2f}x",
            ", ".join(f"{p99:.0f}" for p99 in row["p99_runs_ms"]),
            f"{row['delivered_per_s']:.0f} ({row['expected_per_s']:.0f})",
            str(row["diverged_rooms"]),
            f"{row['server_cpu_s']:.1f} ({row['server_cpu_measured_s']:.1f})",
            f"{row['server_peak_rss_mib']:.0f}",
            (
                f"{row['commit_delay_p99_ms']:.0f} / {row['commit_delay_max_ms']:.0f}"
                if "commit_delay_max_ms" in row
                else "n/a"
            ),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def variant_settings(key: str) -> dict[str, str]:
    """`ours+A=1+B=2` -> {"A": "1", "B": "2"}."""
    pairs = [pair.partition("=") for pair in key.split("+")[1:]]
    return {name: value for name, _, value in pairs}


def ours_variant(database_url: str, data_dir: Path, settings: dict[str, str]) -> Server:
    return Ours(free_port(), database_url, data_dir, settings)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each load on each server")
    parser.add_argument(
        "--loadgens", type=int, default=1, help="load-generator processes (rooms dealt out)"
    )
    parser.add_argument(
        "--only", type=int, choices=range(len(LOADS)), default=None, help="index of one load"
    )
    parser.add_argument("--servers", default="reference,ours,pycrdt")
    args = parser.parse_args()
    base_url = os.environ.get(
        "CODECOLLAB_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
    )
    database_url = await bench_database(base_url)
    data_dir = Path(f"/tmp/cc-bench-{uuid.uuid4().hex[:8]}")
    factories: dict[str, Callable[[], Server]] = {
        "reference": lambda: Reference(free_port()),
        "ours": lambda: Ours(free_port(), database_url, data_dir),
        "pycrdt": lambda: PycrdtWebsocket(free_port()),
    }
    loads = LOADS if args.only is None else [LOADS[args.only]]
    keys = args.servers.split(",")
    for key in keys:
        if key.startswith("ours+"):
            factories[key] = functools.partial(
                ours_variant, database_url, data_dir, variant_settings(key)
            )
    runs: list[dict[str, Any]] = []
    try:
        for load in loads:
            for round_index in range(args.repeat):
                order = keys if round_index % 2 == 0 else keys[::-1]
                for key in order:
                    server = factories[key]()
                    print(f"# {load.name} on {server.name} ...", file=sys.stderr, flush=True)
                    result = await run_load(server, load, args.duration, args.loadgens)
                    row = {"load": load.name, "server": server.name, "result": result}
                    runs.append(row)
                    print(json.dumps(row), file=sys.stderr, flush=True)
    finally:
        await drop_database(base_url, database_url)
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}",
        "duration_s": args.duration,
        "repeat": args.repeat,
    }
    summary = summarize(runs)
    Path(__file__).with_name("results.json").write_text(
        json.dumps({"meta": meta, "summary": summary, "runs": runs}, indent=2)
    )
    print(markdown(summary))


if __name__ == "__main__":
    asyncio.run(main())
