"""The mapped classes, one module per part of the story. Importing this package registers all
of them on `Base.metadata`, which the migrations compare against, and the safeguard that
keeps control characters out of the data file (`app/model/text.py`)."""

from app.model import restore_bin as restore_bin  # leaves binned records out of queries
from app.model import text as text  # registers the safeguard
from app.model.agreement import Agreement
from app.model.audit import AuditAction, AuditEntry
from app.model.base import Base
from app.model.ending import MatchClosure
from app.model.framework import PlanningAnswer, PlanningProgress
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
from app.model.introduction import Introduction, IntroductionOutcome
from app.model.match import EndingKind, Match, MatchStatus, MatchStatusChange, WaitingPriority
from app.model.meeting import ActionPoint, FormDraft, MeetingLog, MeetingPrivateNote
from app.model.person import Participant, Person, Role
from app.model.person_check import PersonCheck
from app.model.policy import PolicyPassage, PolicyVersion
from app.model.programme import MentoringType, Programme, ProgrammeModel, ProgrammeStatus
from app.model.review import Review, ReviewDecision
from app.model.risk import RiskAssessment
from app.model.screening import Interview, PvgRecord, Reference, StageChange, TrainingSession
from app.model.snooze import Snooze
from app.model.support import Concern, SupportContact
from app.model.task import Task

__all__ = [
    "ActionPoint",
    "Agreement",
    "AuditAction",
    "AuditEntry",
    "Base",
    "BaselineChange",
    "Concern",
    "EndingKind",
    "FormDraft",
    "Goal",
    "GoalAction",
    "GoalStatus",
    "GoalStatusChange",
    "GoalTerm",
    "Interview",
    "Introduction",
    "IntroductionOutcome",
    "Match",
    "MatchClosure",
    "MatchStatus",
    "MatchStatusChange",
    "MeetingLog",
    "MeetingPrivateNote",
    "MentoringType",
    "Participant",
    "Person",
    "PersonCheck",
    "PlanningAnswer",
    "PlanningProgress",
    "PolicyPassage",
    "PolicyVersion",
    "Programme",
    "ProgrammeModel",
    "ProgrammeStatus",
    "ProgressRating",
    "PvgRecord",
    "RecordedAt",
    "Reference",
    "Review",
    "ReviewDecision",
    "RiskAssessment",
    "Role",
    "Snooze",
    "StageChange",
    "SupportContact",
    "Task",
    "TrainingSession",
    "WaitingPriority",
]
