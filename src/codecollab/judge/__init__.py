"""Judging submissions: running a problem's tests on the sandbox, recording verdicts."""
