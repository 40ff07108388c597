"""Per-run overhead of the bubblewrap sandbox over running the same program bare, and throughput.

    .venv/bin/python bench/sandbox_overhead.py [--runs 30] [--languages python,c,...]

For each language the hello program is compiled once, then run --runs times in the sandbox
(`sandbox.run`: cgroup, namespaces, seccomp, capped capture, accounting, cleanup) and --runs
times bare (the same argv in the same directory, as a plain subprocess). Reports the median and
p95 wall time of each and the difference. Then the same through the HTTP API (in-process ASGI,
authenticated POST /api/executions), and throughput: runs per second with as many concurrent
runs as CPUs. Needs root (cgroups, setpriv) like the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from codecollab import migrate
from codecollab.app import create_app
from codecollab.config import Settings
from codecollab.execution.languages import Language, load_languages
from codecollab.execution.sandbox.base import COMPILE_LIMITS, SANDBOX_PATH, Limits, Status
from codecollab.execution.sandbox.bwrap import BwrapProgram, BwrapSandbox

LIMITS = Limits(cpu_time_ms=5_000, wall_time_ms=15_000, memory_bytes=512 * 1024 * 1024)


def scratch_dir() -> Path:
    root = Path(tempfile.mkdtemp(prefix="codecollab-bench-"))
    root.chmod(0o711)  # the sandbox user must reach the work dirs
    return root


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bare_run(language: Language, directory: Path) -> float:
    env = {"PATH": SANDBOX_PATH, "HOME": str(directory), "LANG": "C.UTF-8", **language.env}
    started = time.perf_counter()
    subprocess.run(language.run, cwd=directory, env=env, capture_output=True, check=True)
    return (time.perf_counter() - started) * 1000


async def measure_language(
    sandbox: BwrapSandbox, language: Language, runs: int
) -> tuple[list[float], list[float]]:
    limits = language.compile_limits_over(COMPILE_LIMITS)
    program = await sandbox.prepare(language, language.hello.source, limits=limits)
    assert isinstance(program, BwrapProgram)
    assert program.host_dir is not None
    try:
        assert program.compiled_ok, program.compile_result
        sandboxed, bare = [], []
        for _ in range(runs):  # interleaved so load changes hit both alike
            started = time.perf_counter()
            result = await sandbox.run(program, stdin="", limits=LIMITS)
            sandboxed.append((time.perf_counter() - started) * 1000)
            assert result.status is Status.OK, result
            bare.append(await asyncio.to_thread(bare_run, language, program.host_dir))
    finally:
        await sandbox.cleanup(program)
    return sandboxed, bare


async def measure_api(root: Path, runs: int) -> tuple[list[float], list[float]]:
    """API round trips, each followed by a bare run of the same program (interleaved, as for
    the languages, so load changes hit both alike)."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite:///{root / 'bench.db'}",
        data_dir=root / "data",
        jwt_secret="bench-" + "x" * 40,
        sandbox_backend="bwrap",
        sandbox_dir=root / "runs",
        execution_rate_limit="100000/minute",
    )
    await asyncio.to_thread(migrate.upgrade, settings.database_url)
    app = create_app(settings)
    timings: list[float] = []
    bare: list[float] = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            signup = await http.post(
                "/api/auth/signup",
                json={"email": "b@example.com", "password": "bench password", "display_name": "B"},
            )
            headers = {"Authorization": f"Bearer {signup.json()['access_token']}"}
            python = load_languages()["python"]
            body = {"language": "python", "source": python.hello.source}
            await http.post("/api/executions", json=body, headers=headers)  # warm up
            bare_dir = root / "bare"
            bare_dir.mkdir()
            (bare_dir / python.file).write_text(python.hello.source)
            for _ in range(runs):
                started = time.perf_counter()
                response = await http.post("/api/executions", json=body, headers=headers)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.json()["status"] == "ok", response.text
                bare.append(await asyncio.to_thread(bare_run, python, bare_dir))
    return timings, bare


async def throughput(sandbox: BwrapSandbox, language: Language, seconds: float) -> float:
    program = await sandbox.prepare(
        language, language.hello.source, limits=language.compile_limits_over(COMPILE_LIMITS)
    )
    done = 0
    deadline = time.perf_counter() + seconds

    async def loop() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            result = await sandbox.run(program, stdin="", limits=LIMITS)
            assert result.status is Status.OK, result
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(os.cpu_count() or 1)))
    elapsed = time.perf_counter() - started
    await sandbox.cleanup(program)
    return done / elapsed


def row(name: str, sandboxed: list[float], bare: list[float]) -> str:
    ms, mb = statistics.median(sandboxed), statistics.median(bare)
    ps, pb = percentile(sandboxed, 0.95), percentile(bare, 0.95)
    cells = [f"{mb:.1f}", f"{pb:.1f}", f"{ms:.1f}", f"{ps:.1f}", f"**{ms - mb:+.1f}**"]
    return f"| {name} | {' | '.join(cells)} | {ps - pb:+.1f} |"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--languages", default="")
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    root = scratch_dir()
    try:
        sandbox = BwrapSandbox(root=root / "runs")
        availability = await sandbox.probe()
        assert availability.available, availability.reason
        languages = load_languages()
        chosen = args.languages.split(",") if args.languages else sorted(languages)
        print(
            "| hello world | bare median | bare p95 | bwrap median | bwrap p95 |"
            " overhead median | overhead p95 |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name in chosen:
            sandboxed, bare = await measure_language(sandbox, languages[name], args.runs)
            print(row(name, sandboxed, bare), flush=True)
        api, python_bare = await measure_api(root, args.runs)
        print(row("python via POST /api/executions", api, python_bare))
        for name in ("c", "python"):
            rate = await throughput(sandbox, languages[name], args.seconds)
            print(f"\nthroughput, {name} hello, {os.cpu_count()} concurrent: {rate:.0f} runs/s")
        await sandbox.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
