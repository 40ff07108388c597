"""The sandbox's /etc: a copy of the few host entries toolchains need, plus its own passwd.

Copied (not bound entry by entry) so a run mounts one directory instead of one per entry, and
named by a fingerprint of the host entries so a toolchain upgrade gets a fresh copy at the next
start while running servers keep theirs. Nothing secret is ever copied: no shadow, no hosts,
no server configuration.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

from codecollab.execution.sandbox.base import SANDBOX_WORKDIR

HOST_ENTRIES = (
    "alternatives",
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "java-17-openjdk",
    "php",
    "R",
    "fpc.cfg",
    "fpc-3.2.2.cfg",
    "gnucobol",
    "groovy",
    "mono",
    "nim",
    "racket",
)
PREFIX = "etc-"


def _fingerprint(host_etc: Path, uid: int, gid: int) -> str:
    digest = hashlib.sha256(f"{uid}:{gid}".encode())
    for name in HOST_ENTRIES:
        path = host_etc / name
        for entry in [path, *sorted(path.rglob("*"))] if path.is_dir() else [path]:
            try:
                info = entry.lstat()
            except FileNotFoundError:
                continue
            digest.update(f"{entry}:{info.st_mtime_ns}:{info.st_size}:{info.st_mode}".encode())
    return digest.hexdigest()[:16]


def _copy(source: Path, target: Path) -> None:
    if source.is_symlink():
        target.symlink_to(os.readlink(source))
    elif source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    elif source.is_file():
        shutil.copy2(source, target)


def build(root: Path, *, uid: int, gid: int, host_etc: Path = Path("/etc")) -> Path:
    """The /etc directory for sandboxes under ``root``, built if this fingerprint has none."""
    final = root / f"{PREFIX}{_fingerprint(host_etc, uid, gid)}"
    if final.is_dir():
        return final
    staging = root / f".{PREFIX}{uuid.uuid4().hex}"
    staging.mkdir(mode=0o755)
    try:
        for name in HOST_ENTRIES:
            _copy(host_etc / name, staging / name)
        (staging / "passwd").write_text(
            f"sandbox:x:{uid}:{gid}:sandbox:{SANDBOX_WORKDIR}:/usr/sbin/nologin\n"
        )
        (staging / "group").write_text(f"sandbox:x:{gid}:\n")
        for name in ("passwd", "group"):
            (staging / name).chmod(0o644)
        os.chmod(staging, 0o755)  # noqa: S103 - the sandbox user reads it, read-only
        try:
            staging.rename(final)
        except OSError:  # another process built the same one first
            if not final.is_dir():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final
