"""The rules forms: defaults shown, messages by the right field on the right tab."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.model.programme import SupportContactRule
from app.services.programme_settings import ProgrammeRules
from ui.dialogs.rules_dialog import (
    MatchingSupportRulesForm,
    RelationshipRulesForm,
    RulesDialog,
    ScreeningRulesForm,
)


def test_rules_dialog_shows_the_rules_and_returns_them(qtbot: QtBot) -> None:
    dialog = RulesDialog(ProgrammeRules())
    qtbot.addWidget(dialog)
    relationships = dialog.forms[1]
    assert isinstance(relationships, RelationshipRulesForm)
    assert relationships.spins["relationship_months"].value() == 12
    assert relationships.spins["review_interval_months"].value() == 3
    relationships.spins["relationship_months"].setValue(18)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values()["relationship_months"] == 18
    assert dialog.values()["matching_weights"]["availability"] == 3


def test_messages_appear_by_their_fields_on_the_right_tab(qtbot: QtBot) -> None:
    dialog = RulesDialog(ProgrammeRules())
    qtbot.addWidget(dialog)
    relationships, screening = dialog.forms[1], dialog.forms[2]
    assert isinstance(relationships, RelationshipRulesForm)
    assert isinstance(screening, ScreeningRulesForm)
    relationships.spins["review_interval_months"].setValue(8)
    relationships.spins["min_meeting_minutes"].setValue(90)
    relationships.spins["max_meeting_minutes"].setValue(45)
    screening.references.setValue(7)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentIndex() == 1
    assert "3 to 6 months" in relationships.form.error_text("review_interval_months")
    assert "90 minutes" in relationships.form.error_text("max_meeting_minutes")
    assert "between 0 and 5" in screening.form.error_text("references_required")


def test_custom_contact_numbers_are_only_editable_for_a_custom_rule(qtbot: QtBot) -> None:
    dialog = RulesDialog(ProgrammeRules())
    qtbot.addWidget(dialog)
    matching = dialog.forms[3]
    assert isinstance(matching, MatchingSupportRulesForm)
    assert not matching.first_month.isEnabled()
    matching.support_rule.setCurrentIndex(matching.support_rule.findData(SupportContactRule.CUSTOM))
    assert matching.first_month.isEnabled() and matching.interval.isEnabled()


def test_turning_every_matching_criterion_off_is_explained(qtbot: QtBot) -> None:
    dialog = RulesDialog(ProgrammeRules())
    qtbot.addWidget(dialog)
    matching = dialog.forms[3]
    assert isinstance(matching, MatchingSupportRulesForm)
    for spin in matching.weights.values():
        spin.setValue(0)
    dialog.accept()
    assert "at least one criterion" in matching.form.error_text("matching_weights")
