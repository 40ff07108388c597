"""Judging submissions: comparing outputs, running a problem's tests, recording verdicts."""
