"""Judge0's statuses from real programs: each runtime error told apart by its signal, as
Judge0 tells them apart."""

from __future__ import annotations

from tests.judge0.conftest import Judge0

C = 50
PYTHON = 71


def status_of(judge0: Judge0, language_id: int, source: str, **fields: object) -> dict[str, object]:
    body = judge0.run(source_code=source, language_id=language_id, **fields)
    status: dict[str, object] = body["status"]
    return {**status, "message": body["message"], "exit_signal": body["exit_signal"]}


def test_a_segmentation_fault_is_sigsegv(judge0: Judge0) -> None:
    source = "int main(void) { volatile int *p = 0; *p = 1; return 0; }"
    status = status_of(judge0, C, source)
    assert status["id"] == 7
    assert status["description"] == "Runtime Error (SIGSEGV)"
    assert status["exit_signal"] == 11


def test_a_floating_point_exception_is_sigfpe(judge0: Judge0) -> None:
    # Raised, not a division by zero: this machine's CPU (virtualised) does not trap on integer
    # division by zero (1 / 0 gives 0 even outside any sandbox).
    source = "#include <signal.h>\nint main(void) { raise(SIGFPE); return 0; }"
    status = status_of(judge0, C, source)
    assert status["id"] == 9
    assert status["message"] == "Caught fatal signal 8"


def test_an_abort_is_sigabrt(judge0: Judge0) -> None:
    source = "#include <stdlib.h>\nint main(void) { abort(); }"
    assert status_of(judge0, C, source)["id"] == 10


def test_a_non_zero_exit_is_nzec_with_judge0s_message(judge0: Judge0) -> None:
    status = status_of(judge0, PYTHON, "import sys; sys.exit(3)")
    assert status["id"] == 11
    assert status["description"] == "Runtime Error (NZEC)"
    assert status["message"] == "Exited with error status 3"


def test_an_uncaught_exception_is_nzec(judge0: Judge0) -> None:
    assert status_of(judge0, PYTHON, "raise ValueError('x')")["id"] == 11


def test_another_signal_is_runtime_error_other(judge0: Judge0) -> None:
    status = status_of(judge0, PYTHON, "import os, signal; os.kill(os.getpid(), signal.SIGTERM)")
    assert status["id"] == 12


def test_an_endless_loop_is_time_limit_exceeded(judge0: Judge0) -> None:
    status = status_of(judge0, PYTHON, "while True: pass", cpu_time_limit=0.5, cpu_extra_time=0)
    assert status["id"] == 5
    assert status["description"] == "Time Limit Exceeded"


def test_a_compile_error_is_compilation_error_with_the_compilers_output(judge0: Judge0) -> None:
    body = judge0.run(source_code="int main(void) { return x; }", language_id=C)
    assert body["status"] == {"id": 6, "description": "Compilation Error"}
    assert "x" in body["compile_output"]
    assert body["stdout"] is None


def test_a_c_program_is_accepted(judge0: Judge0) -> None:
    source = '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }'
    body = judge0.run(source_code=source, language_id=C, expected_output="ok\n")
    assert body["status"]["id"] == 3


def test_output_past_the_limit_is_sigxfsz(judge0: Judge0) -> None:
    assert status_of(judge0, PYTHON, "print('x' * 10**6)")["id"] == 8
