"""A Judge0 submission's program beyond its source: ``command_line_arguments`` and
``compiler_options`` (one string each, split as a shell splits words, as Judge0 hands them to a
shell), ``additional_files`` (a base64 zip, extracted beside the entry point) and
``stack_limit``; each checked and bounded before anything runs."""

from __future__ import annotations

import base64
import binascii
import io
import shlex
import zipfile

from codecollab.errors import Unprocessable
from codecollab.execution.languages import Language
from codecollab.execution.program_files import MAX_FILES
from codecollab.execution.sandbox.base import SourceFile
from codecollab.execution.schemas import (
    MAX_ARG_CHARS,
    MAX_ARGS,
    MAX_OPTIONS,
    MAX_SOURCE_CHARS,
    MIN_STACK_KB,
)
from codecollab.execution.service import check_program
from codecollab.judge0.schemas import InvalidSubmission

MAX_EXTRACT_BYTES = 4 * MAX_SOURCE_CHARS
"""What the additional files may hold once extracted, all together (Judge0's
``max_extract_size``); they count with the source against the program's size too."""


def words(text: str | None, *, field: str, most: int) -> list[str]:
    """``text`` split into words as a POSIX shell splits them (quotes kept together)."""
    if not text or not text.strip():
        return []
    try:
        split = shlex.split(text)
    except ValueError as exc:
        raise InvalidSubmission({field: [f"cannot be split into words: {exc}"]}) from exc
    if len(split) > most or any(len(word) > MAX_ARG_CHARS for word in split):
        raise InvalidSubmission({field: [f"has at most {most} words"]})
    return split


def arguments(text: str | None) -> list[str]:
    return words(text, field="command_line_arguments", most=MAX_ARGS)


def compiler_options(text: str | None, language: Language) -> list[str]:
    options = words(text, field="compiler_options", most=MAX_OPTIONS)
    try:
        check_program(language, extra_files=(), compiler_options=options)
    except Unprocessable as exc:
        raise InvalidSubmission({"compiler_options": [exc.detail]}) from exc
    return options


def additional_files(encoded: str | None, language: Language) -> list[SourceFile]:
    """The files of the base64 zip, as text files beside the entry point."""
    if not encoded:
        return []
    field = "additional_files"
    try:
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode("".join(encoded.split()))))
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
    except (binascii.Error, ValueError, zipfile.BadZipFile) as exc:
        raise InvalidSubmission({field: ["is not a base64-encoded zip archive"]}) from exc
    if len(entries) >= MAX_FILES:
        raise InvalidSubmission({field: [f"holds at most {MAX_FILES - 1} files"]})
    if sum(entry.file_size for entry in entries) > MAX_EXTRACT_BYTES:
        raise InvalidSubmission({field: [f"holds at most {MAX_EXTRACT_BYTES} bytes extracted"]})
    files = [SourceFile(entry.filename, _text(archive, entry)) for entry in entries]
    try:
        check_program(language, extra_files=files, compiler_options=())
    except Unprocessable as exc:
        raise InvalidSubmission({field: [exc.detail]}) from exc
    return files


def _text(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> str:
    try:
        with archive.open(entry) as member:
            raw = member.read(MAX_EXTRACT_BYTES + 1)  # never more than the bound, whatever it says
        text = raw.decode("utf-8")
    except (zipfile.BadZipFile, ValueError, NotImplementedError, RuntimeError) as exc:
        raise InvalidSubmission(
            {"additional_files": [f"{entry.filename[:100]!r} is not a UTF-8 text file"]}
        ) from exc
    if len(raw) > MAX_EXTRACT_BYTES or "\x00" in text:
        raise InvalidSubmission(
            {"additional_files": [f"{entry.filename[:100]!r} is not a text file within bounds"]}
        )
    return text


def stack_kb(requested: int | None, *, memory_kb: int) -> int | None:
    """The run's stack in KB: as asked, within 1 MiB and the run's memory (None: the server's
    default)."""
    if requested is None:
        return None
    return max(MIN_STACK_KB, min(requested, memory_kb))
