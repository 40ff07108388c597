"""Per-run overhead of the docker sandbox backend over running the same program bare, and
throughput, compared in the same run with `podman run --rm` and a naive SDK `containers.run`.

    eval "$(scripts/ci/podman.sh | grep '^export ')"
    .venv/bin/python bench/docker_overhead.py [--runs 20] [--languages python,c,...]

- run: each language's hello program is prepared (compiled) once, then `sandbox.run` --runs
  times (one exec in the program's warm container: unpack, rlimits, capture, accounting,
  cleanup inside) interleaved with --runs bare runs of the same argv on the host.
- execute: `execute()` = prepare + run + cleanup, what POST /api/executions does per request
  (a warm container from the pool, removal in the background).
- references: `podman run --rm --network none IMAGE python3 main.py` (CLI) and the docker SDK's
  `containers.run(..., remove=True)` (compat /wait endpoint), same program.
- throughput: runs/s of `execute()` (python and c hello) with as many concurrent requests as
  CPUs, and of `run` on already-prepared programs.
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
from collections.abc import Awaitable, Callable
from pathlib import Path

import docker

from codecollab.execution.languages import Language, load_languages
from codecollab.execution.sandbox.base import (
    COMPILE_LIMITS,
    SANDBOX_PATH,
    Limits,
    Status,
    execute,
)
from codecollab.execution.sandbox.docker import DockerSandbox

LIMITS = Limits(cpu_time_ms=5_000, wall_time_ms=15_000, memory_bytes=512 * 1024 * 1024)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def host_env(language: Language, directory: Path) -> dict[str, str]:
    env = {"PATH": SANDBOX_PATH, "HOME": str(directory), "LANG": "C.UTF-8"}
    env.update({k: v.replace("/box", str(directory)) for k, v in language.env.items()})
    return env


def bare_prepare(language: Language, directory: Path) -> None:
    (directory / language.file).write_text(language.hello.source)
    if language.compile is not None:
        subprocess.run(
            language.compile,
            cwd=directory,
            env=host_env(language, directory),
            capture_output=True,
            check=True,
        )


def bare_run(language: Language, directory: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        language.run,
        cwd=directory,
        env=host_env(language, directory),
        capture_output=True,
        check=True,
    )
    return (time.perf_counter() - started) * 1000


async def timed(action: Callable[[], Awaitable[object]]) -> float:
    started = time.perf_counter()
    await action()
    return (time.perf_counter() - started) * 1000


async def measure_run(
    sandbox: DockerSandbox, language: Language, runs: int, scratch: Path
) -> tuple[list[float], list[float]]:
    directory = scratch / language.id
    directory.mkdir()
    await asyncio.to_thread(bare_prepare, language, directory)
    limits = language.compile_limits_over(COMPILE_LIMITS)
    program = await sandbox.prepare(language, language.hello.source, limits=limits)
    try:
        assert program.compiled_ok, program.compile_result
        await sandbox.run(program, stdin="", limits=LIMITS)  # takes the run container
        sandboxed, bare = [], []
        for _ in range(runs):
            started = time.perf_counter()
            result = await sandbox.run(program, stdin="", limits=LIMITS)
            sandboxed.append((time.perf_counter() - started) * 1000)
            assert result.status is Status.OK, result
            bare.append(await asyncio.to_thread(bare_run, language, directory))
    finally:
        await sandbox.cleanup(program)
    return sandboxed, bare


async def measure_execute(sandbox: DockerSandbox, language: Language, runs: int) -> list[float]:
    compile_limits = language.compile_limits_over(COMPILE_LIMITS)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = await execute(
            sandbox, language, language.hello.source, limits=LIMITS, compile_limits=compile_limits
        )
        timings.append((time.perf_counter() - started) * 1000)
        assert result.status is Status.OK, result
        await asyncio.sleep(0.3)  # requests arrive spaced out: lets the pool refill
    return timings


def podman_run(image: str, directory: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            "podman",
            "run",
            "--rm",
            "--network",
            "none",
            "-v",
            f"{directory}:/box:ro",
            "-w",
            "/box",
            image,
            "python3",
            "main.py",
        ],
        capture_output=True,
        check=True,
    )
    return (time.perf_counter() - started) * 1000


def sdk_run(client: docker.DockerClient, image: str, directory: Path) -> float:
    started = time.perf_counter()
    client.containers.run(
        image,
        ["python3", "main.py"],
        remove=True,
        network_mode="none",
        volumes={str(directory): {"bind": "/box", "mode": "ro"}},
        working_dir="/box",
    )
    return (time.perf_counter() - started) * 1000


async def throughput_execute(sandbox: DockerSandbox, language: Language, seconds: float) -> float:
    compile_limits = language.compile_limits_over(COMPILE_LIMITS)
    done = 0
    deadline = time.perf_counter() + seconds

    async def loop() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            result = await execute(
                sandbox,
                language,
                language.hello.source,
                limits=LIMITS,
                compile_limits=compile_limits,
            )
            assert result.status is Status.OK, result
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(os.cpu_count() or 1)))
    return done / (time.perf_counter() - started)


async def throughput_run(sandbox: DockerSandbox, language: Language, seconds: float) -> float:
    compile_limits = language.compile_limits_over(COMPILE_LIMITS)
    programs = [
        await sandbox.prepare(language, language.hello.source, limits=compile_limits)
        for _ in range(os.cpu_count() or 1)
    ]
    done = 0
    deadline = time.perf_counter() + seconds

    async def loop(program: object) -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            result = await sandbox.run(program, stdin="", limits=LIMITS)  # type: ignore[arg-type]
            assert result.status is Status.OK, result
            done += 1

    try:
        started = time.perf_counter()
        await asyncio.gather(*(loop(program) for program in programs))
        return done / (time.perf_counter() - started)
    finally:
        for program in programs:
            await sandbox.cleanup(program)


def row(name: str, sandboxed: list[float], bare: list[float]) -> str:
    ms, mb = statistics.median(sandboxed), statistics.median(bare)
    ps, pb = percentile(sandboxed, 0.95), percentile(bare, 0.95)
    cells = [f"{value:.1f}" for value in (mb, pb, ms, ps)]
    return f"| {name} | {' | '.join(cells)} | **{ms - mb:+.1f}** | {ps - pb:+.1f} |"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--languages", default="")
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    host = os.environ["CODECOLLAB_TEST_DOCKER_HOST"]
    image = os.environ.get("CODECOLLAB_DOCKER_IMAGE", "localhost/codecollab-sandbox:latest")
    sandbox = DockerSandbox(base_url=host, image=image, pool_size=2)
    availability = await sandbox.probe()
    assert availability.available, availability.reason
    scratch = Path(tempfile.mkdtemp(prefix="codecollab-bench-docker-"))
    os.chmod(scratch, 0o755)  # noqa: S103 - the bare runs need nothing secret here
    client = docker.DockerClient(base_url=host)
    try:
        languages = load_languages()
        chosen = args.languages.split(",") if args.languages else sorted(languages)
        print(
            "| hello world | bare median | bare p95 | docker median | docker p95 |"
            " overhead median | overhead p95 |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        bare_by_language: dict[str, list[float]] = {}
        for name in chosen:
            sandboxed, bare = await measure_run(sandbox, languages[name], args.runs, scratch)
            bare_by_language[name] = bare
            print(row(f"{name}: `run`", sandboxed, bare), flush=True)
        for name in ("python", "c"):
            if name not in bare_by_language:
                continue
            timings = await measure_execute(sandbox, languages[name], args.runs)
            print(
                row(f"{name}: `execute` (prepare+run+cleanup)", timings, bare_by_language[name]),
                flush=True,
            )
        python_dir = scratch / "python"
        if "python" in bare_by_language:
            podman = [
                await asyncio.to_thread(podman_run, image, python_dir) for _ in range(args.runs)
            ]
            print(
                row("python: `podman run --rm` (reference)", podman, bare_by_language["python"]),
                flush=True,
            )
            sdk = [
                await asyncio.to_thread(sdk_run, client, image, python_dir)
                for _ in range(args.runs)
            ]
            print(
                row(
                    "python: SDK `containers.run(remove=True)` (reference)",
                    sdk,
                    bare_by_language["python"],
                ),
                flush=True,
            )
        cpus = os.cpu_count() or 1
        for name in ("python", "c"):
            rate = await throughput_execute(sandbox, languages[name], args.seconds)
            print(f"\nthroughput, {name} hello `execute`, {cpus} concurrent: {rate:.1f} runs/s")
            rate = await throughput_run(sandbox, languages[name], args.seconds)
            print(
                f"throughput, {name} hello `run` (prepared), {cpus} concurrent: {rate:.1f} runs/s",
                flush=True,
            )
    finally:
        client.close()
        await sandbox.close()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
