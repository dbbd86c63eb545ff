"""The steps a closure must have before a match that started can be marked closed.

A pure function over the closure record (no queries), so the matching verbs, the endings
service, the ending wizard and the Today page all name the same missing steps in the same
words. It imports only the model, so any service can use it without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import _
from app.model.ending import ClosurePath, EarlyBy, MatchClosure, MenteeNext

#: Step keys, in the order the ending wizard walks them.
STEP_HOW = "how"
STEP_FINAL_MEETING = "final-meeting"
STEP_EXIT_MENTOR = "exit-mentor"
STEP_EXIT_MENTEE = "exit-mentee"
STEP_CONTACT = "contact"
STEP_NEXT = "next"
STEP_CERTIFICATES = "certificates"
STEP_CONFIRM = "confirm"
STEPS = (
    STEP_HOW,
    STEP_FINAL_MEETING,
    STEP_EXIT_MENTOR,
    STEP_EXIT_MENTEE,
    STEP_CONTACT,
    STEP_NEXT,
    STEP_CERTIFICATES,
    STEP_CONFIRM,
)


@dataclass(frozen=True)
class MissingStep:
    """A required closure step not done yet: which wizard step holds it, and what to do."""

    step: str
    text: str


def rematch_caution(closure: MatchClosure) -> str | None:
    """The caution shown before a mentee is re-matched after an early ending, or None."""
    if closure.path is not ClosurePath.EARLY:
        return None
    if closure.early_by is EarlyBy.SAFEGUARDING:
        return _(
            "This relationship ended over a safeguarding concern. Do not re-match until "
            "the concern has been dealt with. If the mentee needs support from someone "
            "outside the programme, make sure they have had it first."
        )
    return _(
        "This relationship ended early. An early ending can leave a mentee feeling let "
        "down, and a second one hurts more. Talk with them first about what went wrong and "
        "what they want. Then choose the next mentor with particular care."
    )


def missing_steps(closure: MatchClosure | None) -> list[MissingStep]:
    """Every required step still missing from `closure` (all of them when there is none)."""
    if closure is None:
        return [MissingStep(STEP_HOW, _("Start the ending: say how and why the match ended."))]
    missing: list[MissingStep] = []

    def need(step: str, text: str) -> None:
        missing.append(MissingStep(step, text))

    if closure.path is None:
        need(STEP_HOW, _("Say whether this is a planned or an early ending."))
    elif closure.path is ClosurePath.EARLY and closure.early_by is None:
        need(STEP_HOW, _("Say who or what brought the early ending about."))
    if not closure.reasons.strip():
        need(STEP_HOW, _("Write the reasons for the ending."))
    if closure.end_on is None:
        need(STEP_HOW, _("Give the day the relationship ended."))
    if closure.final_meeting_on is None and not closure.no_final_meeting.strip():
        need(STEP_FINAL_MEETING, _("Record the final meeting, or why there was none."))
    if closure.mentor_exit_on is None and not closure.mentor_exit_missed.strip():
        need(
            STEP_EXIT_MENTOR,
            _("Hold the exit conversation with the mentor, or say why it could not happen."),
        )
    if closure.mentee_exit_on is None and not closure.mentee_exit_missed.strip():
        need(
            STEP_EXIT_MENTEE,
            _("Hold the exit conversation with the mentee, or say why it could not happen."),
        )
    if not closure.contact_rule.strip():
        need(STEP_CONTACT, _("Write the programme's rule on contact after closure."))
    unexplained = not closure.acknowledgement_missed.strip()
    if closure.mentor_acknowledged_on is None and unexplained:
        need(STEP_CONTACT, _("Record the mentor's acknowledgement of the rule on contact."))
    if closure.mentee_acknowledged_on is None and unexplained:
        need(STEP_CONTACT, _("Record the mentee's acknowledgement of the rule on contact."))
    if closure.mentee_next is None:
        need(STEP_NEXT, _("Decide whether the mentee is re-matched."))
    elif (
        closure.mentee_next is MenteeNext.REMATCH
        and rematch_caution(closure) is not None
        and not closure.caution_acknowledged
    ):
        need(
            STEP_NEXT,
            _("Read and acknowledge the caution about re-matching after an early ending."),
        )
    if closure.mentor_next is None:
        need(STEP_NEXT, _("Decide whether the mentor goes on mentoring."))
    if closure.certificates_on is None and not closure.no_certificates.strip():
        need(STEP_CERTIFICATES, _("Give the certificates, or say why there are none."))
    if closure.confirmed_on is None or not closure.confirmed_by.strip():
        need(STEP_CONFIRM, _("Confirm, as coordinator, that the closure procedure was followed."))
    return missing


def refusal_text(missing: list[MissingStep]) -> str:
    """The message when closing is refused: every missing step on its own line."""
    lines = [_("The match cannot be closed yet. Still to do:")]
    lines += [_("• {step}").format(step=m.text) for m in missing]
    return "\n".join(lines)
