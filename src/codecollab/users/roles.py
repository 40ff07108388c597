"""Instance roles: what an account may do on this server, apart from any room's roles.

`member` is what sign-up gives; `staff` are an organisation's interviewers and problem authors;
`admin` also manages accounts and the problem bank. Every check of an instance role goes
through these functions.
"""

from __future__ import annotations

from enum import StrEnum


class InstanceRole(StrEnum):
    MEMBER = "member"
    STAFF = "staff"
    ADMIN = "admin"


HIDDEN_TEST_READERS = frozenset({InstanceRole.STAFF, InstanceRole.ADMIN})
PROBLEM_AUTHORS = frozenset({InstanceRole.STAFF, InstanceRole.ADMIN})


def is_admin(role: str) -> bool:
    """Admins manage accounts (roles) and the problem bank (import, export)."""
    return role == InstanceRole.ADMIN


def may_manage_rubrics(role: str) -> bool:
    """Scorecard rubric templates are the organisation's: staff and admins read and write them."""
    return role in HIDDEN_TEST_READERS


def may_see_hidden_tests(role: str) -> bool:
    """Hidden tests' inputs and outputs reach staff and admins only, in every room."""
    return role in HIDDEN_TEST_READERS


def may_author_problems(role: str) -> bool:
    """Staff and admins write and edit problems in the web app (hidden tests included)."""
    return role in PROBLEM_AUTHORS
