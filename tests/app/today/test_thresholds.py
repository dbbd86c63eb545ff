"""The programme's thresholds for the Today list: checked, saved and read by the rules."""

from __future__ import annotations

from datetime import date, timedelta

from app.model import Programme
from app.model.person import Role, Stage
from app.services import programme_settings
from app.storage import Database
from app.today import rules


def test_thresholds_are_checked_saved_and_read(db: Database, today: date) -> None:
    errors = programme_settings.validate_rules({"stage_stuck_days": 3, "mentee_wait_days": 400})
    assert errors == {
        "stage_stuck_days": "Choose between 7 and 365 days.",
        "mentee_wait_days": "Choose between 7 and 365 days.",
    }
    with db.session() as s:
        programme = Programme(name="P", organisation="O")
        s.add(programme)
        s.flush()
        assert (programme.stage_stuck_days, programme.mentee_wait_days) == (30, 60)
        programme_settings.update_rules(
            s, programme.id, {"stage_stuck_days": 14, "mentee_wait_days": 21}
        )
        t = rules.Thresholds.of(programme)
    assert (t.stage_stuck_days, t.mentee_wait_days) == (14, 21)
    fact = rules.StageFact(1, 2, "Karen Lindsay", Role.MENTOR, Stage.CHECKS, today - timedelta(15))
    assert rules.stuck_in_stage(fact, t, today) is not None
    assert rules.stuck_in_stage(fact, rules.Thresholds(), today) is None
