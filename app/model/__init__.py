"""The mapped classes, one module per part of the story. Importing this package registers all
of them on `Base.metadata`, which the migrations compare against."""

from app.model.base import Base
from app.model.match import Match, MatchStatus
from app.model.meeting import ActionPoint, FormDraft, MeetingLog, MeetingPrivateNote
from app.model.person import Participant, Person, Role
from app.model.programme import MentoringType, Programme, ProgrammeModel, ProgrammeStatus
from app.model.support import Concern, SupportContact

__all__ = [
    "ActionPoint",
    "Base",
    "Concern",
    "FormDraft",
    "Match",
    "MatchStatus",
    "MeetingLog",
    "MeetingPrivateNote",
    "MentoringType",
    "Participant",
    "Person",
    "Programme",
    "ProgrammeModel",
    "ProgrammeStatus",
    "Role",
    "SupportContact",
]
