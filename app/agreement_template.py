"""The mentoring agreement's own wording where the coordinator has written none: what each
partner's role is. Plain text, with nothing to import, so the quick printing path
(`app/printouts/quick.py`) and the services (`app/services/matching.py`) share one copy."""

from __future__ import annotations

DEFAULT_MENTOR_ROLE = (
    "Listen, ask questions that help the mentee think things through, share experience where "
    "it helps, give honest and constructive feedback, keep to the meetings agreed, and point "
    "the mentee to other support when it is needed. The mentor has no say over the mentee's "
    "work, appraisal or performance."
)
DEFAULT_MENTEE_ROLE = (
    "Bring the issues to work on, prepare for each meeting, take the lead on agreed actions, be "
    "open to feedback, keep to the meetings agreed, and say early if the partnership is not "
    "working."
)
