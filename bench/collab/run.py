"""Live-collaboration benchmark: the same Yjs loads against our server (persistence on,
PostgreSQL), the reference y-websocket@2 server and pycrdt-websocket, in one run.

    .venv/bin/python bench/collab/run.py [--duration 20] [--only N] [--servers reference,ours]

Needs node + tests/interop/node_modules (scripts/ci/interop.sh) and PostgreSQL
(CODECOLLAB_BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test).
Prints a Markdown table and writes bench/collab/results.json.

Diagnostics: BENCH_TIMELINE=<prefix> makes the load generator write <prefix>-<server>.json with
every sample ([send time, latency] in ms), its own event-loop stalls, its GC pauses and the times
it received awareness updates (to tell a server stall from a load-generator one);
BENCH_LOADGEN_NODE_OPTIONS sets NODE_OPTIONS for the load generator only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
INTEROP = ROOT / "tests" / "interop"
LOADGEN = Path(__file__).with_name("loadgen.mjs")
CLK_TCK = os.sysconf("SC_CLK_TCK")


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


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


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

    def command(self) -> tuple[list[str], dict[str, str]]:
        raise NotImplementedError

    async def start(self) -> None:
        argv, env = self.command()
        self.process = subprocess.Popen(
            argv, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        await wait_port(self.port, self.process)

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

    def __init__(self, port: int, database_url: str, data_dir: Path) -> None:
        super().__init__(port)
        self.database_url = database_url
        self.data_dir = data_dir

    def command(self) -> tuple[list[str], dict[str, str]]:
        env = {
            "DATABASE_URL": self.database_url,
            "JWT_SECRET": secrets.token_urlsafe(48),
            "CODECOLLAB_DATA_DIR": str(self.data_dir),
            "CODECOLLAB_ARGON2_TIME_COST": "1",
        }
        return [sys.executable, "-m", "codecollab", "serve", "--port", str(self.port)], env

    async def rooms(self, count: int) -> tuple[str, list[dict[str, str]]]:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{self.port}", timeout=30) as http:
            response = await http.post(
                "/api/auth/signup",
                json={
                    "email": f"bench-{uuid.uuid4().hex[:8]}@example.com",
                    "password": "correct horse battery",
                    "display_name": "Bench",
                },
            )
            response.raise_for_status()
            token = response.json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            rooms = []
            for index in range(count):
                created = await http.post(
                    "/api/rooms", json={"title": f"bench {index}"}, headers=headers
                )
                created.raise_for_status()
                rooms.append({"name": created.json()["id"], "token": token})
        return f"ws://127.0.0.1:{self.port}/ws/rooms", rooms


async def run_load(server: Server, load: Load, duration_s: float) -> dict[str, Any]:
    await server.start()
    assert server.process is not None
    try:
        url, rooms = await server.rooms(load.rooms)
        config = {
            "url": url,
            "rooms": rooms,
            "clientsPerRoom": load.clients_per_room,
            "editsPerSec": load.edits_per_s,
            "durationS": duration_s,
            "warmupS": 2,
        }
        cpu_before = cpu_seconds(server.process.pid)
        started = time.monotonic()
        env = dict(os.environ)
        if "BENCH_TIMELINE" in env:
            env["BENCH_TIMELINE"] = f"{env['BENCH_TIMELINE']}-{server.slug}.json"
        if "BENCH_LOADGEN_NODE_OPTIONS" in env:
            env["NODE_OPTIONS"] = env["BENCH_LOADGEN_NODE_OPTIONS"]
        node = await asyncio.create_subprocess_exec(
            "node",
            str(LOADGEN),
            json.dumps(config),
            cwd=INTEROP,
            stdout=asyncio.subprocess.PIPE,
            env=env,
        )
        out, _ = await node.communicate()
        wall = time.monotonic() - started
        result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
        result["server_cpu_s"] = cpu_seconds(server.process.pid) - cpu_before
        result["server_cpu_share"] = result["server_cpu_s"] / wall
        result["server_peak_rss_mib"] = peak_rss_mib(server.process.pid)
        return result
    finally:
        server.stop()


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


def markdown(results: list[dict[str, Any]]) -> str:
    columns = [
        "load",
        "server",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "p99 / ref",
        "delivered/s (expected)",
        "diverged rooms",
        "server CPU s",
        "peak RSS MiB",
    ]
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for row in results:
        r = row["result"]
        ratio = row.get("p99_ratio")
        cells = [
            row["load"],
            row["server"],
            f"{r['p50_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            f"{r['p99_ms']:.1f}",
            "" if ratio is None else f"{ratio:.2f}x",
            f"{r['delivered_per_s']:.0f} ({r['expected_per_s']:.0f})",
            str(r["diverged_rooms"]),
            f"{r['server_cpu_s']:.1f}",
            f"{r['server_peak_rss_mib']:.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=20.0)
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
    factories = {
        "reference": lambda: Reference(free_port()),
        "ours": lambda: Ours(free_port(), database_url, data_dir),
        "pycrdt": lambda: PycrdtWebsocket(free_port()),
    }
    loads = LOADS if args.only is None else [LOADS[args.only]]
    results: list[dict[str, Any]] = []
    try:
        for load in loads:
            reference_p99 = None
            for key in args.servers.split(","):
                server = factories[key]()
                print(f"# {load.name} on {server.name} ...", file=sys.stderr, flush=True)
                result = await run_load(server, load, args.duration)
                row: dict[str, Any] = {"load": load.name, "server": server.name, "result": result}
                if key == "reference":
                    reference_p99 = result["p99_ms"]
                elif reference_p99:
                    row["p99_ratio"] = result["p99_ms"] / reference_p99
                results.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
    finally:
        await drop_database(base_url, database_url)
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}",
        "duration_s": args.duration,
    }
    Path(__file__).with_name("results.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=2)
    )
    print(markdown(results))


if __name__ == "__main__":
    asyncio.run(main())
