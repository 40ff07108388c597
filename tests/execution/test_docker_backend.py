"""The docker backend against a real engine (podman's Docker API in CI: scripts/ci/podman.sh).

Hello/echo per language, every status and the attack tests run on this backend through the shared
`sandbox` fixture (tests/execution/backends.py); this file covers what is particular to Docker:
the engine probe, the container hardening, container reuse and removal.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import MIB, Limits, SandboxError, Status, execute
from codecollab.execution.sandbox.docker import DockerProgram, DockerSandbox
from codecollab.execution.sandbox.docker_containers import SUPERVISOR_UID
from codecollab.execution.sandbox.docker_exec import SANDBOX_UID

LANGUAGES = load_languages()
HOST = os.environ.get("CODECOLLAB_TEST_DOCKER_HOST", "")
IMAGE = os.environ.get("CODECOLLAB_DOCKER_IMAGE", "localhost/codecollab-sandbox:latest")
LIMITS = Limits(
    cpu_time_ms=1_000,
    wall_time_ms=4_000,
    memory_bytes=96 * MIB,
    processes=24,
    output_bytes=4096,
    file_size_bytes=1 * MIB,
)
needs_engine = pytest.mark.skipif(
    not HOST, reason="CODECOLLAB_TEST_DOCKER_HOST is not set (run scripts/ci/podman.sh)"
)


@pytest.fixture
async def docker_sandbox() -> AsyncIterator[DockerSandbox]:
    sandbox = DockerSandbox(base_url=HOST, image=IMAGE, pool_size=1)
    try:
        yield sandbox
    finally:
        await sandbox.close()
        assert await asyncio.to_thread(sandbox.containers) == []


@pytest.mark.timeout(15)  # the probe must not hang on a missing engine
async def test_the_probe_answers_when_no_engine_listens(tmp_path: Path) -> None:
    sandbox = DockerSandbox(base_url=f"unix://{tmp_path}/nothing.sock", image=IMAGE)
    availability = await sandbox.probe()
    assert not availability.available
    assert "no Docker engine answers" in availability.reason


async def test_running_without_an_engine_is_refused_not_attempted(tmp_path: Path) -> None:
    sandbox = DockerSandbox(base_url=f"unix://{tmp_path}/nothing.sock", image=IMAGE)
    with pytest.raises(SandboxError, match="no Docker engine"):
        await sandbox.prepare(LANGUAGES["python"], "print(1)", limits=LIMITS)


@needs_engine
async def test_a_missing_image_is_reported_by_the_probe() -> None:
    sandbox = DockerSandbox(base_url=HOST, image="localhost/codecollab-no-such-image:0")
    try:
        availability = await sandbox.probe()
    finally:
        await sandbox.close()
    assert not availability.available
    assert "not found" in availability.reason


@needs_engine
async def test_containers_are_locked_down(docker_sandbox: DockerSandbox) -> None:
    program = await docker_sandbox.prepare(LANGUAGES["python"], "print(1)", limits=LIMITS)
    try:
        await docker_sandbox.run(program, stdin="", limits=LIMITS)
        assert isinstance(program, DockerProgram)
        assert program.container is not None
        info = docker_sandbox._api().inspect_container(program.container)
    finally:
        await docker_sandbox.cleanup(program)
    host = info["HostConfig"]
    assert host["NetworkMode"] == "none"
    assert host["ReadonlyRootfs"] is True
    assert any("no-new-privileges" in option for option in host["SecurityOpt"])
    assert host["Memory"] == LIMITS.memory_bytes
    assert host["PidsLimit"] >= LIMITS.processes
    assert info["Config"]["User"] == f"{SUPERVISOR_UID}:{SUPERVISOR_UID}"


@needs_engine
async def test_the_program_has_no_capabilities_and_no_new_privileges(
    docker_sandbox: DockerSandbox,
) -> None:
    source = "grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs)' /proc/self/status"
    result = await execute(docker_sandbox, LANGUAGES["bash"], source, limits=LIMITS)
    fields = dict(line.split(":\t") for line in result.stdout.splitlines())
    assert fields.pop("NoNewPrivs") == "1"
    assert set(fields.values()) == {"0000000000000000"}


@needs_engine
async def test_the_program_runs_as_the_unprivileged_sandbox_user(
    docker_sandbox: DockerSandbox,
) -> None:
    source = "import os\nprint(os.getuid(), os.getgid(), os.getgroups())"
    result = await execute(docker_sandbox, LANGUAGES["python"], source, limits=LIMITS)
    assert result.stdout.split()[:2] == [str(SANDBOX_UID), str(SANDBOX_UID)]


@needs_engine
async def test_runs_of_one_program_share_a_container_removed_at_cleanup(
    docker_sandbox: DockerSandbox,
) -> None:
    c = LANGUAGES["c"]
    program = await docker_sandbox.prepare(c, c.echo.source, limits=c.compile_limits_over())
    assert isinstance(program, DockerProgram)
    first = await docker_sandbox.run(program, stdin="one", limits=LIMITS)
    container = program.container
    second = await docker_sandbox.run(program, stdin="two", limits=LIMITS)
    assert (first.stdout, second.stdout) == ("one", "two")
    assert program.container == container
    await docker_sandbox.cleanup(program)
    docker_sandbox.drain()
    assert container not in docker_sandbox.containers()


@needs_engine
async def test_a_forged_trailer_does_not_change_the_result(docker_sandbox: DockerSandbox) -> None:
    # The runner's argv is readable by the program (the nonce is not in it); a fake trailer
    # comes before the runner's own, which is the one that counts.
    source = """
import os, sys
for pid in os.listdir('/proc'):
    if pid.isdigit():
        try:
            argv = open(f'/proc/{pid}/cmdline', 'rb').read().split(b'\\0')
        except OSError:
            continue
        if len(argv) > 9 and argv[3] == b'runner':
            sys.stderr.write(f"\\n{argv[9].decode()} 0 1 0 1 1\\n")
sys.exit(3)
"""
    result = await execute(docker_sandbox, LANGUAGES["python"], source, limits=LIMITS)
    assert result.status is Status.RUNTIME_ERROR
    assert result.exit_code == 3


@needs_engine
async def test_a_program_still_runs_after_a_run_killed_for_its_output(
    docker_sandbox: DockerSandbox,
) -> None:
    source = (
        "import sys\nif sys.stdin.read() == 'flood':\n"
        "    while True: print('x' * 1000)\nprint('calm')"
    )
    program = await docker_sandbox.prepare(LANGUAGES["python"], source, limits=LIMITS)
    try:
        flooded = await docker_sandbox.run(program, stdin="flood", limits=LIMITS)
        calm = await docker_sandbox.run(program, stdin="", limits=LIMITS)
    finally:
        await docker_sandbox.cleanup(program)
    assert flooded.status is Status.OUTPUT_LIMIT_EXCEEDED
    assert flooded.truncated
    assert len(flooded.stdout) == LIMITS.output_bytes
    assert (calm.status, calm.stdout) == (Status.OK, "calm\n")


@needs_engine
async def test_close_removes_the_warm_containers(docker_sandbox: DockerSandbox) -> None:
    await execute(docker_sandbox, LANGUAGES["bash"], "echo hi", limits=LIMITS)
    docker_sandbox.drain()
    assert docker_sandbox.idle_containers()
    await docker_sandbox.close()
    assert docker_sandbox.containers() == []
