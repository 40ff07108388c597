"""Compiled languages' hello world end to end through the API, against plain compiler runs.

    flock /tmp/bench.lock .venv/bin/python -m bench.compile [--runs 15] [--backend bwrap]
        [--languages typescript,cpp,java,c,go]

For each language: ``--runs`` authenticated ``POST /api/executions`` of its hello program (an
in-process ASGI app on the chosen backend: compile and run in the sandbox, HTTP, auth, JSON),
each followed by the *plain* reference on the host, no sandbox: the classic compile command
(``tsc`` with full type checking, ``g++ -O2``, ``javac``, ``gcc -O2``, ``go build``) and a run
of the result, in a fresh directory. Interleaved, so load changes hit both alike. Reports the
medians and p95s of the wall time, the ratio API / plain and, as figures that other load on
the machine hardly changes, the median CPU time (user + system) of the plain compile and run
and of the sandboxed compile and run (the backend's own accounting, ``compile_result.time_ms``
+ ``time_ms``, measured in a second loop on the same backend outside the API: the API's
response carries only the run's). Needs root (cgroups, setpriv) like the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from codecollab import migrate
from codecollab.app import create_app
from codecollab.config import Settings
from codecollab.execution.languages import Language, load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    MIB,
    SANDBOX_PATH,
    Limits,
    Sandbox,
    Status,
)
from codecollab.execution.service import BACKENDS

TS_TYPES = "/usr/local/lib/node_modules/@types"
PLAIN: dict[str, tuple[str, list[list[str]]]] = {
    "typescript": (
        "main.ts",
        [
            ["tsc", "--strict", "--skipLibCheck", "--target", "es2022", "--lib", "es2022",
             "--module", "commonjs",
             "--typeRoots", TS_TYPES, "--types", "node", "main.ts"],
            ["node", "main.js"],
        ],
    ),
    "cpp": (
        "main.cpp",
        [["g++", "-O2", "-std=gnu++20", "-pipe", "-o", "main", "main.cpp"], ["./main"]],
    ),
    "java": (
        "Main.java",
        [["javac", "-encoding", "UTF-8", "Main.java"], ["java", "-cp", ".", "Main"]],
    ),
    "c": (
        "main.c",
        [["gcc", "-O2", "-std=gnu17", "-pipe", "-o", "main", "main.c", "-lm"], ["./main"]],
    ),
    "go": ("main.go", [["go", "build", "-o", "main", "main.go"], ["./main"]]),
}  # fmt: skip
"""The plain reference: the classic compile command and a run of its output, on the host."""
RUN_LIMITS = Limits(cpu_time_ms=5_000, wall_time_ms=15_000, memory_bytes=256 * MIB)
GO_ENV = {"GO111MODULE": "off", "CGO_ENABLED": "0"}


def scratch_dir() -> Path:
    root = Path(tempfile.mkdtemp(prefix="codecollab-bench-"))
    root.chmod(0o711)  # the sandbox user must reach the work dirs
    (root / "home").mkdir()
    return root


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def cpu_ms() -> float:
    """CPU time of this process's reaped children so far."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return 1000 * (children.ru_utime + children.ru_stime)


async def sandbox_cpu(sandbox: Sandbox, language: Language, runs: int) -> list[float]:
    """CPU milliseconds of the sandboxed compile and run of the hello program, each time."""
    spent = []
    for _ in range(runs):
        program = await sandbox.prepare(
            language, language.hello.source, limits=language.compile_limits_over(COMPILE_LIMITS)
        )
        try:
            result = await sandbox.run(program, stdin="", limits=RUN_LIMITS)
            assert result.status is Status.OK, result
            compiled = program.compile_result
            spent.append(result.time_ms + (0 if compiled is None else compiled.time_ms))
        finally:
            await sandbox.cleanup(program)
    return spent


def plain_run(root: Path, language: str, source: str) -> float:
    """Milliseconds for the plain compile and run of ``source`` in a fresh directory."""
    file, commands = PLAIN[language]
    directory = Path(tempfile.mkdtemp(dir=root))
    (directory / file).write_text(source)
    env = {"PATH": SANDBOX_PATH, "HOME": str(root / "home"), "LANG": "C.UTF-8", **GO_ENV}
    env["GOCACHE"] = str(root / "home" / "go-build")
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=directory, env=env, capture_output=True, check=True)
    elapsed = (time.perf_counter() - started) * 1000
    shutil.rmtree(directory)
    return elapsed


async def measure(root: Path, backend: str, languages: list[str], runs: int) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite:///{root / 'bench.db'}",
        data_dir=root / "data",
        jwt_secret="bench-" + "x" * 40,
        sandbox_backend=backend,
        sandbox_dir=root / "runs",
        execution_rate_limit="100000/minute",
    )
    await asyncio.to_thread(migrate.upgrade, settings.database_url)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            signup = await http.post(
                "/api/auth/signup",
                json={"email": "b@example.com", "password": "bench password", "display_name": "B"},
            )
            headers = {"Authorization": f"Bearer {signup.json()['access_token']}"}
            for name in languages:
                source = load_languages()[name].hello.source
                body = {"language": name, "source": source}
                warm = await http.post("/api/executions", json=body, headers=headers, timeout=60)
                assert warm.json()["status"] == "ok", warm.text
                await asyncio.to_thread(plain_run, root, name, source)
                api = Samples()
                plain = Samples()
                for _ in range(runs):
                    started = time.perf_counter()
                    response = await http.post(
                        "/api/executions", json=body, headers=headers, timeout=60
                    )
                    api.wall.append((time.perf_counter() - started) * 1000)
                    assert response.json()["status"] == "ok", response.text
                    cpu = cpu_ms()
                    wall = await asyncio.to_thread(plain_run, root, name, source)
                    plain.wall.append(wall)
                    plain.cpu.append(cpu_ms() - cpu)
                sandbox = BACKENDS[backend](settings)
                try:
                    api.cpu = await sandbox_cpu(sandbox, load_languages()[name], runs)
                finally:
                    await sandbox.close()
                print(row(name, api, plain), flush=True)


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def row(name: str, api: Samples, plain: Samples) -> str:
    ma, mp = statistics.median(api.wall), statistics.median(plain.wall)
    cells = [f"{mp:.0f}", f"{percentile(plain.wall, 0.95):.0f}", f"**{ma:.0f}**"]
    cells += [f"{percentile(api.wall, 0.95):.0f}", f"{ma / mp:.2f}"]
    cells += [f"{statistics.median(plain.cpu):.0f}"]
    cells += [f"{statistics.median(api.cpu):.0f}"]
    return f"| {name} | {' | '.join(cells)} |"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--backend", choices=["bwrap", "docker"], default="bwrap")
    parser.add_argument("--languages", default=",".join(PLAIN))
    args = parser.parse_args()
    root = scratch_dir()
    try:
        print(f"backend {args.backend}, {args.runs} runs, load {os.getloadavg()[0]:.2f}")
        print(
            "| hello world | plain median | plain p95 | API median | API p95 | API / plain"
            " | plain CPU | sandboxed CPU |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        await measure(root, args.backend, args.languages.split(","), args.runs)
        print(f"load {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
