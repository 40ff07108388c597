"""The files of a multi-file program besides its entry point: names safe to write, and bounds.

A name is relative and at most one directory deep (``util.c``, ``geometry/point.py``); each part
starts with a letter, digit or underscore (so never ``.`` or ``..``) and holds only letters,
digits and ``_ . + -``. The entry point is always written to the language's own file name
(``language.file``), so no other file may take that name, and no file may be named like a
directory another file is in. Every backend checks names again before writing anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_FILES = 32
"""Files of one program, the entry point included."""
MAX_NAME_CHARS = 129
"""Two parts of at most 64 characters and the slash between them."""
NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}(?:/[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63})?")


class ProgramFilesError(ValueError):
    """The program's files cannot be written as given; the message says why."""


def check_names(entry: str, names: Sequence[str]) -> None:
    """Refuse (ProgramFilesError) names that are malformed, repeated, taken by the entry point
    ``entry`` or clash with a directory another name needs."""
    if len(names) + 1 > MAX_FILES:
        raise ProgramFilesError(f"a program has at most {MAX_FILES} files")
    seen = {entry}
    for name in names:
        if NAME.fullmatch(name) is None:
            raise ProgramFilesError(
                f"file name {name[:MAX_NAME_CHARS]!r} is not a relative name at most one "
                "directory deep of letters, digits and _ . + - (each part starting with a "
                "letter, digit or _)"
            )
        if name in seen:
            if name == entry:
                raise ProgramFilesError(
                    f"file name {name!r} is the entry point's: only the first file may use it"
                )
            raise ProgramFilesError(f"file name {name!r} is given twice")
        seen.add(name)
    directories = {name.split("/")[0] for name in seen if "/" in name}
    clash = sorted(directories & seen)
    if clash:
        raise ProgramFilesError(f"{clash[0]!r} is both a file and a directory")
