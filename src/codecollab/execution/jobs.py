"""One execution job: what to run under which limits, and how a worker runs it.

Jobs and results cross process boundaries (the Redis queue) as plain JSON-able dicts.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import (
    ExecutionResult,
    Limits,
    Sandbox,
    SandboxError,
    SourceFile,
    Status,
    execute,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Job:
    language: str
    source: str
    """The entry point's text (written to the language's file)."""
    stdin: str
    limits: Limits
    compile_limits: Limits
    extra_files: tuple[SourceFile, ...] = ()
    """The program's other files, beside the entry point."""
    compiler_options: tuple[str, ...] = ()
    args: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Job:
        """The job a dict of ``to_dict`` describes (the fields added later may be absent)."""
        return cls(
            language=data["language"],
            source=data["source"],
            stdin=data["stdin"],
            limits=Limits(**data["limits"]),
            compile_limits=Limits(**data["compile_limits"]),
            extra_files=tuple(SourceFile(**file) for file in data.get("extra_files", ())),
            compiler_options=tuple(data.get("compiler_options", ())),
            args=tuple(data.get("args", ())),
        )


def result_to_dict(result: ExecutionResult) -> dict[str, Any]:
    return dataclasses.asdict(result)


def result_from_dict(data: dict[str, Any]) -> ExecutionResult:
    return ExecutionResult(**{**data, "status": Status(data["status"])})


async def run_job(sandbox: Sandbox, job: Job) -> ExecutionResult:
    """Run a job to its result; a failure of the sandbox itself is an internal_error result."""
    language = load_languages().get(job.language)
    if language is None:
        return ExecutionResult.internal_error(f"unknown language {job.language!r}")
    try:
        return await execute(
            sandbox,
            language,
            job.source,
            stdin=job.stdin,
            limits=job.limits,
            compile_limits=language.compile_limits_over(job.compile_limits),
            extra_files=job.extra_files,
            compiler_options=job.compiler_options,
            args=job.args,
        )
    except (SandboxError, OSError) as exc:
        logger.exception("sandbox failure running a %s job", job.language)
        return ExecutionResult.internal_error(f"the sandbox failed: {exc}")
