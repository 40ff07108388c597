"""Starting a bubblewrap sandbox, blocked before its command, and handling it once started.

``start_sandbox`` creates the run's cgroup and starts bwrap (command line: bwrap_argv.py) with
``--block-fd`` and ``--json-status-fd``: bwrap builds the namespaces and mounts, reports the
sandbox's init pid and waits. The server moves that pid into the cgroup (``confine``) before
anything of the program has run and checks the sandbox's root carries the start's random marker
(``wait_ready``: every mount is in place and bwrap is blocked). A ``StartedSandbox`` then takes
the program's files through that root, is unblocked, supervised and finished (kill, account,
remove the cgroup, close every fd).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from typing import IO

from codecollab.execution.sandbox import cgroups, seccomp
from codecollab.execution.sandbox.base import SANDBOX_PATH, SANDBOX_WORKDIR
from codecollab.execution.sandbox.bwrap_argv import READY_MARKER, CommandLine, Shape
from codecollab.execution.sandbox.bwrap_files import DIRECTORY_FLAGS, FORK_LOCK
from codecollab.execution.sandbox.process import Tree

logger = logging.getLogger(__name__)

READY_TIMEOUT_S = 10.0
READY_POLL_S = 0.0005


class LoadFailed(Exception):
    """The program's files could not be put into a pre-started sandbox."""


@dataclass(eq=False, slots=True)
class StartedSandbox:
    """A started, blocked sandbox: bwrap (``popen``) and its init ``pid`` in ``cgroup``."""

    popen: subprocess.Popen[bytes]
    pidfd: int
    cgroup: cgroups.RunCgroup
    cgroup_name: str
    token: str
    stdin: IO[bytes]
    stdout_fd: int
    stderr_fd: int
    status_fd: int
    block_fd: int
    pid: int | None = None
    ready: bool = False
    _finished: bool = field(default=False)

    def alive(self) -> bool:
        return self.ready and self.popen.poll() is None

    def tree(self) -> Tree:
        return Tree(self.stdout_fd, self.stderr_fd, self.pidfd, self.popen.wait)

    def wait_ready(self) -> bool:
        """Wait until the sandbox's root shows this start's marker: bwrap has mounted
        everything, changed root and is blocked before the program."""
        assert self.pid is not None
        marker = f"/proc/{self.pid}/root/{READY_MARKER}"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            with contextlib.suppress(OSError):
                if os.readlink(marker) == self.token:
                    return True
            if self.popen.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(READY_POLL_S)

    def box_fd(self) -> int:
        """/box of this sandbox, opened through its own root (checked by the marker)."""
        assert self.pid is not None
        root = os.open(f"/proc/{self.pid}/root", os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            if os.readlink(READY_MARKER, dir_fd=root) != self.token:
                raise LoadFailed("not the sandbox's root")
            return os.open(SANDBOX_WORKDIR.lstrip("/"), DIRECTORY_FLAGS, dir_fd=root)
        finally:
            os.close(root)

    def unblock(self, stdin: bytes) -> None:
        view = memoryview(stdin)
        offset = 0
        while offset < len(view):
            offset += os.pwrite(self.stdin.fileno(), view[offset:], offset)
        os.write(self.block_fd, b"go")

    def kill(self) -> None:
        """SIGKILL the whole tree now, without waiting (safe on the event loop)."""
        cgroups.kill_once(self.cgroup)
        with contextlib.suppress(ProcessLookupError):
            self.popen.kill()

    def finish(self) -> cgroups.Usage:
        """Kill what is left, account, remove the cgroup, close everything (blocking)."""
        try:
            cgroups.kill_all(self.cgroup)
            with contextlib.suppress(ProcessLookupError):
                self.popen.kill()
            self.popen.wait()
            return self.cgroup.usage()
        finally:
            self._release()

    def destroy(self) -> None:
        """Finish a sandbox that never ran (pool eviction, shutdown, a failed start)."""
        try:
            self.finish()
        except OSError:
            logger.warning("could not destroy a pre-started sandbox", exc_info=True)

    def _release(self) -> None:
        if self._finished:
            return
        self._finished = True
        try:
            self.cgroup.remove()
        finally:
            for fd in (self.pidfd, self.stdout_fd, self.stderr_fd, self.status_fd, self.block_fd):
                with contextlib.suppress(OSError):
                    os.close(fd)
            self.stdin.close()


def start_sandbox(
    shape: Shape, hierarchy: cgroups.Hierarchy, command_line: CommandLine
) -> StartedSandbox:
    """Start a sandbox of ``shape`` and leave it blocked before its command."""
    name = cgroups.run_name()
    cgroup = hierarchy.create(name, shape.limits)
    # unlinked, mode 0600: the sandbox gets a read-only fd; closed by StartedSandbox._release
    stdin = tempfile.TemporaryFile()  # noqa: SIM115
    child_side: list[int] = []
    parent_side: list[int] = []
    try:
        status_read, status_write = _pipe(parent_side, child_side)
        block_read, block_write = _pipe(child_side, parent_side)
        out_read, out_write = _pipe(parent_side, child_side)
        err_read, err_write = _pipe(parent_side, child_side)
        if shape.merged_output:  # fd 2 is the stdout pipe; the stderr pipe is at EOF at once
            os.close(err_write)
            child_side.remove(err_write)
            err_write = out_write
        child_stdin = os.open(f"/proc/self/fd/{stdin.fileno()}", os.O_RDONLY | os.O_CLOEXEC)
        child_side.append(child_stdin)
        filter_fd = seccomp.filter_fd()
        child_side.append(filter_fd)
        token = uuid.uuid4().hex
        argv = command_line.argv(shape, filter_fd, status_write, block_read, token)
        with FORK_LOCK:  # returns once the child has exec'd (dropping inherited fds)
            popen = subprocess.Popen(  # noqa: S603 - our own argv
                argv,
                stdin=child_stdin,
                stdout=out_write,
                stderr=err_write,
                pass_fds=(filter_fd, status_write, block_read),
                env={"PATH": SANDBOX_PATH},
                start_new_session=True,
            )
        try:
            pidfd = os.pidfd_open(popen.pid)
        except OSError:
            popen.kill()
            popen.wait()
            raise
    except BaseException:
        for fd in child_side + parent_side:
            os.close(fd)
        stdin.close()
        cgroup.remove()
        raise
    for fd in child_side:
        os.close(fd)
    started = StartedSandbox(
        popen, pidfd, cgroup, name, token, stdin, out_read, err_read, status_read, block_write
    )
    started.pid = sandbox_pid(status_read)
    if started.pid is not None:
        try:
            confine(started.pid, cgroup)
        except (ProcessLookupError, OSError):  # bwrap failed during set-up
            started.pid = None
    if started.pid is not None:
        started.ready = shape.box is not None or started.wait_ready()
    return started


def sandbox_pid(status_fd: int) -> int | None:
    """The sandbox's init pid as bwrap reports it, or None if bwrap failed before (EOF)."""
    text = ""
    decoder = json.JSONDecoder()
    while chunk := os.read(status_fd, 4096):
        text += chunk.decode(errors="replace")
        position = 0
        while (start := text.find("{", position)) >= 0:
            try:
                document, position = decoder.raw_decode(text, start)
            except json.JSONDecodeError:
                break  # a document cut in two: read on
            if isinstance(document, dict) and isinstance(document.get("child-pid"), int):
                pid: int = document["child-pid"]
                return pid
    return None


def confine(pid: int, cgroup: cgroups.RunCgroup) -> None:
    """Put the (still blocked) sandbox into the run's cgroup."""
    for procs in cgroup.procs_files:
        procs.write_text(str(pid))


def _pipe(read_side: list[int], write_side: list[int]) -> tuple[int, int]:
    read, write = os.pipe()
    read_side.append(read)
    write_side.append(write)
    return read, write
