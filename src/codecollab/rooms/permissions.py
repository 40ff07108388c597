"""What each role may do in a room. Every check on the server goes through these functions."""

from __future__ import annotations

from codecollab.rooms.models import Role, RoomStatus

STAFF_ROLES = frozenset({Role.OWNER, Role.INTERVIEWER})
INVITABLE_ROLES = frozenset({Role.INTERVIEWER, Role.CANDIDATE, Role.OBSERVER})
# Interviewers read the private notes and the analytics: they must be accountable accounts.
GUEST_ROLES = frozenset({Role.CANDIDATE, Role.OBSERVER})


def is_staff(role: str) -> bool:
    """Owner and interviewers: they invite, manage members, end sessions and read private notes."""
    return role in STAFF_ROLES


def can_write(role: str, status: str) -> bool:
    """Whether a member's edits to the shared code are accepted."""
    if role in STAFF_ROLES:
        return True
    return role == Role.CANDIDATE and status == RoomStatus.ACTIVE


def can_grant(actor_role: str, new_role: str) -> bool:
    """The one rule for handing out a room role, by invite or by changing a member's role:
    the owner grants interviewer (interviewers read private notes and analytics, so the
    owner decides who they are); the owner and interviewers grant candidate and observer."""
    if new_role not in INVITABLE_ROLES:
        return False
    if new_role == Role.INTERVIEWER:
        return actor_role == Role.OWNER
    return is_staff(actor_role)


def can_invite(actor_role: str, invite_role: str) -> bool:
    return can_grant(actor_role, invite_role)


def can_manage_invites(role: str) -> bool:
    """See and revoke the room's invites."""
    return is_staff(role)


def can_end_session(role: str) -> bool:
    return is_staff(role)


def can_reopen_session(role: str) -> bool:
    """Reopening hands candidates their pen back: the owner's decision alone."""
    return role == Role.OWNER


def can_replay(role: str, *, candidate_replay: bool) -> bool:
    """Replay, the timeline, the event log and the export: the owner, interviewers and
    observers always; candidates when the owner allowed them to replay their session."""
    if role == Role.CANDIDATE:
        return candidate_replay
    return True


def can_set_candidate_replay(role: str) -> bool:
    """Whether candidates may replay the session: the owner's decision."""
    return role == Role.OWNER


def can_delete_room(role: str) -> bool:
    return role == Role.OWNER


def can_change_role(actor_role: str, target_role: str, new_role: str) -> bool:
    """Owners change anyone but themselves; interviewers only candidates and observers, and
    only to a role they may grant (`can_grant`: not interviewer)."""
    if target_role == Role.OWNER or not can_grant(actor_role, new_role):
        return False
    return actor_role == Role.OWNER or target_role != Role.INTERVIEWER


def can_read_private_notes(role: str) -> bool:
    return is_staff(role)


def may_read_scorecards(role: str) -> bool:
    """Scorecards are the staff's: the owner and interviewers each write their own and read
    all; candidates and observers never see them."""
    return is_staff(role)


def can_require_accounts(role: str) -> bool:
    """Whether joining needs an account (guests refused): the owner and interviewers decide."""
    return is_staff(role)


def guest_may_hold(role: str) -> bool:
    """Guests are candidates or observers, never interviewers (or owners)."""
    return role in GUEST_ROLES
