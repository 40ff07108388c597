"""The bubblewrap backend's host-side file work: a program's dir, its copy into a sandbox.

A program's work dir lives on the host under the sandbox root; after a compile it holds what
the compiler (run as the sandbox user) wrote, so nothing here follows a link in it: names are
opened relative to their parent with ``O_NOFOLLOW``, links are recreated as links, and removal
uses ``shutil.rmtree`` (which does not follow links). Small programs are copied into a
pre-started sandbox's ``/box`` through that sandbox's own root, with the sandbox user's file
system identity.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from codecollab.execution.languages import Language
from codecollab.execution.sandbox.base import MIB

COPY_LIMIT_BYTES = 16 * MIB
COPY_LIMIT_ENTRIES = 256
"""Programs up to this size are copied into a pre-started sandbox's /box (which grows by
COPY_LIMIT_BYTES for them); bigger ones run in a sandbox started with read-only binds."""
DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
FORK_LOCK = threading.Lock()
"""Held while starting a sandbox (fork to exec) and while a copied file is open for writing."""


def write_new_file(path: Path, text: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


def remove_source_dir(host_dir: Path, language: Language) -> bool:
    """Remove a program dir holding just its source file (unlink never follows a link);
    False if anything else is in it."""
    try:
        (host_dir / language.file).unlink()
        host_dir.rmdir()
    except OSError:
        return False
    return True


def remove_tree(path: Path) -> None:
    """Remove a program dir without following any link planted in it."""
    assert shutil.rmtree.avoids_symlink_attacks
    shutil.rmtree(path, ignore_errors=True)


def copy_size(path: Path) -> int | None:
    """The bytes a copy of the program dir takes, or None past the copy limits (links are
    counted, never followed)."""
    total, count = 0, 0
    pending = [path]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                count += 1
                if count > COPY_LIMIT_ENTRIES:
                    return None
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
    return total if total <= COPY_LIMIT_BYTES else None


def copy_tree(source: int, target: int) -> None:
    """Copy the directory open at ``source`` into the one open at ``target``: regular files
    (never writable by others), directories and symlinks (recreated, never followed); nothing
    else. Every name is opened relative to its parent with O_NOFOLLOW."""
    for entry in os.scandir(source):
        name = entry.name
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            os.symlink(os.readlink(name, dir_fd=source), name, dir_fd=target)
        elif stat.S_ISDIR(info.st_mode):
            os.mkdir(name, 0o755, dir_fd=target)
            inner_source = os.open(name, DIRECTORY_FLAGS, dir_fd=source)
            try:
                inner_target = os.open(name, DIRECTORY_FLAGS, dir_fd=target)
                try:
                    copy_tree(inner_source, inner_target)
                finally:
                    os.close(inner_target)
            finally:
                os.close(inner_source)
        elif stat.S_ISREG(info.st_mode):
            _copy_file(name, source, target, info.st_mode & 0o755)


def _copy_file(name: str, source: int, target: int, mode: int) -> None:
    """Copy one file; under FORK_LOCK, so no child forked meanwhile inherits the writable fd
    (exec'ing a file anyone holds open for writing fails with ETXTBSY)."""
    reader = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=source)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        with FORK_LOCK:
            writer = os.open(name, flags, mode, dir_fd=target)
            try:
                while os.sendfile(writer, reader, None, 1 << 30) > 0:
                    pass
            finally:
                os.close(writer)
    finally:
        os.close(reader)


_libc = ctypes.CDLL(None, use_errno=True)


@contextlib.contextmanager
def filesystem_identity(uid: int, gid: int) -> Iterator[None]:
    """Make this thread create and open files as ``uid``/``gid`` (setfsuid/setfsgid are per
    thread): a sandbox's tmpfs belongs to its user namespace, where only the sandbox user is
    mapped, and the copy should have no more rights than the sandbox user anyway."""
    if os.geteuid() != 0:
        yield
        return
    _libc.setfsgid(gid)
    _libc.setfsuid(uid)
    try:
        if _libc.setfsuid(-1) != uid or _libc.setfsgid(-1) != gid:
            raise OSError("could not switch to the sandbox user's file system identity")
        yield
    finally:
        _libc.setfsuid(0)
        _libc.setfsgid(0)
