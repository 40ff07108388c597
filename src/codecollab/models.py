"""Every domain's models, imported together so the metadata (and Alembic) sees all tables."""

from codecollab.auth.models import ApiKey, PasswordResetToken, RefreshToken
from codecollab.collab.models import DocumentClientId
from codecollab.db import Base
from codecollab.events.models import DocumentSnapshot, SessionEvent
from codecollab.judge0.models import Judge0Submission
from codecollab.presence.models import UserPresence
from codecollab.problems.models import Problem, ProblemTest
from codecollab.rooms.models import Invite, Membership, Room
from codecollab.scorecards.models import Scorecard, ScorecardTemplate
from codecollab.timeline.models import TimelineCheckpoint
from codecollab.users.models import User

__all__ = [
    "ApiKey",
    "Base",
    "DocumentClientId",
    "DocumentSnapshot",
    "Invite",
    "Judge0Submission",
    "Membership",
    "PasswordResetToken",
    "Problem",
    "ProblemTest",
    "RefreshToken",
    "Room",
    "Scorecard",
    "ScorecardTemplate",
    "SessionEvent",
    "TimelineCheckpoint",
    "User",
    "UserPresence",
]
