"""rooms/permissions.py: one rule for granting a room role, by invite or by role change."""

from __future__ import annotations

import pytest

from codecollab.rooms import permissions

GRANTS = [
    ("owner", "interviewer", True),
    ("owner", "candidate", True),
    ("owner", "observer", True),
    ("owner", "owner", False),
    ("interviewer", "interviewer", False),
    ("interviewer", "candidate", True),
    ("interviewer", "observer", True),
    ("candidate", "observer", False),
    ("observer", "candidate", False),
]


@pytest.mark.parametrize(("actor", "role", "allowed"), GRANTS)
def test_inviting_follows_the_grant_rule(actor: str, role: str, allowed: bool) -> None:
    assert permissions.can_invite(actor, role) is allowed


@pytest.mark.parametrize(("actor", "role", "allowed"), GRANTS)
def test_promoting_a_candidate_follows_the_same_rule(actor: str, role: str, allowed: bool) -> None:
    assert permissions.can_change_role(actor, "candidate", role) is allowed


def test_an_interviewer_cannot_demote_another_interviewer() -> None:
    assert not permissions.can_change_role("interviewer", "interviewer", "observer")


def test_nobody_changes_the_owners_role() -> None:
    assert not permissions.can_change_role("owner", "owner", "observer")
