"""Files only the server's own account may read: the data directory (0700), the embedded
database with its -wal and -shm files (0600) and the development secret (0600).

They hold password hashes, refresh-token hashes and interviewers' private notes. New files are
created with these modes; existing installations are brought to them at start.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> None:
    """Create `path` (and missing parents) readable by this account only, or fix its mode."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    path.chmod(PRIVATE_DIR_MODE)


def private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists; fix its mode if it does."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        path.chmod(PRIVATE_FILE_MODE)


def private_sqlite_database(path: Path) -> None:
    """The database file exists with mode 0600 before SQLite opens it (SQLite gives its -wal
    and -shm files the database's mode); companions left by an older version are fixed."""
    if not path.parent.exists():
        path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True)
    private_file(path)
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.chmod(PRIVATE_FILE_MODE)
