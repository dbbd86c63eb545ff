"""The mapped classes, one module per part of the story. Importing this package registers all
of them on `Base.metadata`, which the migrations compare against."""

from app.model.base import Base
from app.model.match import Match, MatchStatus
from app.model.person import Participant, Person, Role
from app.model.programme import MentoringType, Programme, ProgrammeModel, ProgrammeStatus
from app.model.screening import Interview, PvgRecord, Reference, StageChange, TrainingSession
from app.model.task import Task

__all__ = [
    "Base",
    "Interview",
    "Match",
    "MatchStatus",
    "MentoringType",
    "Participant",
    "Person",
    "Programme",
    "ProgrammeModel",
    "ProgrammeStatus",
    "PvgRecord",
    "Reference",
    "Role",
    "StageChange",
    "Task",
    "TrainingSession",
]
