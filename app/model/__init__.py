"""The mapped classes, one module per part of the story. Importing this package registers all
of them on `Base.metadata`, which the migrations compare against."""

from app.model.base import Base
from app.model.framework import PlanningAnswer, PlanningProgress
from app.model.match import Match, MatchStatus
from app.model.person import Participant, Person, Role
from app.model.policy import PolicyPassage, PolicyVersion
from app.model.programme import MentoringType, Programme, ProgrammeModel, ProgrammeStatus

__all__ = [
    "Base",
    "Match",
    "MatchStatus",
    "MentoringType",
    "Participant",
    "Person",
    "PlanningAnswer",
    "PlanningProgress",
    "PolicyPassage",
    "PolicyVersion",
    "Programme",
    "ProgrammeModel",
    "ProgrammeStatus",
    "Role",
]
