"""Judge0's submission statuses and how one of our execution results maps onto them.

Judge0 (isolate) tells runtime errors apart by the signal that ended the program: SIGSEGV,
SIGXFSZ, SIGFPE and SIGABRT have statuses of their own, any other signal is "Other", a non-zero
exit without a signal is NZEC. `Accepted` and `Wrong Answer` compare the output with
`expected_output` the way Judge0 does (``strip``).
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from enum import IntEnum

from codecollab.execution.sandbox.base import ExecutionResult, Status


class Judge0Status(IntEnum):
    IN_QUEUE = 1
    PROCESSING = 2
    ACCEPTED = 3
    WRONG_ANSWER = 4
    TIME_LIMIT_EXCEEDED = 5
    COMPILATION_ERROR = 6
    RUNTIME_ERROR_SIGSEGV = 7
    RUNTIME_ERROR_SIGXFSZ = 8
    RUNTIME_ERROR_SIGFPE = 9
    RUNTIME_ERROR_SIGABRT = 10
    RUNTIME_ERROR_NZEC = 11
    RUNTIME_ERROR_OTHER = 12
    INTERNAL_ERROR = 13
    EXEC_FORMAT_ERROR = 14

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self]

    @property
    def finished(self) -> bool:
        return self not in (Judge0Status.IN_QUEUE, Judge0Status.PROCESSING)


DESCRIPTIONS = {
    Judge0Status.IN_QUEUE: "In Queue",
    Judge0Status.PROCESSING: "Processing",
    Judge0Status.ACCEPTED: "Accepted",
    Judge0Status.WRONG_ANSWER: "Wrong Answer",
    Judge0Status.TIME_LIMIT_EXCEEDED: "Time Limit Exceeded",
    Judge0Status.COMPILATION_ERROR: "Compilation Error",
    Judge0Status.RUNTIME_ERROR_SIGSEGV: "Runtime Error (SIGSEGV)",
    Judge0Status.RUNTIME_ERROR_SIGXFSZ: "Runtime Error (SIGXFSZ)",
    Judge0Status.RUNTIME_ERROR_SIGFPE: "Runtime Error (SIGFPE)",
    Judge0Status.RUNTIME_ERROR_SIGABRT: "Runtime Error (SIGABRT)",
    Judge0Status.RUNTIME_ERROR_NZEC: "Runtime Error (NZEC)",
    Judge0Status.RUNTIME_ERROR_OTHER: "Runtime Error (Other)",
    Judge0Status.INTERNAL_ERROR: "Internal Error",
    Judge0Status.EXEC_FORMAT_ERROR: "Exec Format Error",
}

SIGNAL_STATUSES: dict[int, Judge0Status] = {
    signal.SIGSEGV: Judge0Status.RUNTIME_ERROR_SIGSEGV,
    signal.SIGXFSZ: Judge0Status.RUNTIME_ERROR_SIGXFSZ,
    signal.SIGFPE: Judge0Status.RUNTIME_ERROR_SIGFPE,
    signal.SIGABRT: Judge0Status.RUNTIME_ERROR_SIGABRT,
}

_RUBY_WHITESPACE = " \t\n\v\f\r\x00"
"""What Ruby's ``rstrip`` removes (Judge0 is Ruby): ASCII whitespace and NUL, not Unicode's."""


def judge0_strip(text: str) -> str:
    """Judge0's comparison form: each line's trailing whitespace removed, then the text's."""
    return "\n".join(line.rstrip(_RUBY_WHITESPACE) for line in text.split("\n")).rstrip(
        _RUBY_WHITESPACE
    )


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Judge0Status
    message: str | None


def verdict(result: ExecutionResult, *, expected_output: str | None, cpu_limit_ms: int) -> Verdict:
    """The Judge0 status and message of one run's result."""
    if result.status is Status.COMPILATION_ERROR:
        return Verdict(Judge0Status.COMPILATION_ERROR, None)
    if result.status is Status.INTERNAL_ERROR:
        return Verdict(Judge0Status.INTERNAL_ERROR, result.stderr[:1000] or "Internal Error")
    if result.status is Status.TIME_LIMIT_EXCEEDED or result.time_ms > cpu_limit_ms:
        return Verdict(Judge0Status.TIME_LIMIT_EXCEEDED, "Time limit exceeded")
    if result.status is Status.OUTPUT_LIMIT_EXCEEDED:
        return Verdict(Judge0Status.RUNTIME_ERROR_SIGXFSZ, "Output limit exceeded")
    if result.status is Status.MEMORY_LIMIT_EXCEEDED:
        return Verdict(Judge0Status.RUNTIME_ERROR_OTHER, "Memory limit exceeded")
    if result.signal is not None:
        status = SIGNAL_STATUSES.get(result.signal, Judge0Status.RUNTIME_ERROR_OTHER)
        return Verdict(status, f"Caught fatal signal {result.signal}")
    if result.status is Status.RUNTIME_ERROR or result.exit_code:
        return Verdict(
            Judge0Status.RUNTIME_ERROR_NZEC, f"Exited with error status {result.exit_code}"
        )
    if expected_output is None or judge0_strip(expected_output) == judge0_strip(result.stdout):
        return Verdict(Judge0Status.ACCEPTED, None)
    return Verdict(Judge0Status.WRONG_ANSWER, None)
