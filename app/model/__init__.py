"""The mapped classes, one module per part of the story. Importing this package registers all
of them on `Base.metadata`, which the migrations compare against."""

from app.model.base import Base
from app.model.goal import (
    BaselineChange,
    Goal,
    GoalAction,
    GoalStatus,
    GoalStatusChange,
    GoalTerm,
    ProgressRating,
    RecordedAt,
)
from app.model.match import Match, MatchStatus
from app.model.person import Participant, Person, Role
from app.model.programme import MentoringType, Programme, ProgrammeModel, ProgrammeStatus

__all__ = [
    "Base",
    "BaselineChange",
    "Goal",
    "GoalAction",
    "GoalStatus",
    "GoalStatusChange",
    "GoalTerm",
    "Match",
    "MatchStatus",
    "MentoringType",
    "Participant",
    "Person",
    "Programme",
    "ProgrammeModel",
    "ProgrammeStatus",
    "ProgressRating",
    "RecordedAt",
    "Role",
]
