"""The planning wizard: create a programme, stop half way, reopen and carry on; answers are
kept as they are typed; rule messages appear next to their fields."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from app.model import MentoringType
from app.services import framework, policy, programme_settings
from app.services.programmes import get_programme
from app.storage import Database
from tests.ui.helpers import item_text, open_page, programme_id
from ui.application import build_window, create_application
from ui.dialogs.rules_dialog import (
    OrganisationRulesForm,
    RelationshipRulesForm,
    RulesForm,
)
from ui.main_window import MainWindow
from ui.pages.framework_page import FrameworkPage
from ui.pages.programmes_page import ProgrammesPage
from ui.wizards.planning_wizard import PlanningWizard, RulesPage

F = TypeVar("F", bound=RulesForm)


def _open_window(qtbot: QtBot, db: Database) -> MainWindow:
    create_application()
    window = build_window(db, synchronous_tasks=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _answers(db: Database, pid: int) -> dict[str, str]:
    with db.session() as s:
        return framework.answers(s, pid)


def _wizard(page: ProgrammesPage | FrameworkPage) -> PlanningWizard:
    """The planning wizard the page has open."""
    assert page.wizard is not None
    return page.wizard


def _rules_form(wizard: PlanningWizard, kind: type[F]) -> F:
    """The rules form on the wizard's current page, checking it is a `kind`."""
    page = wizard.currentPage()
    assert isinstance(page, RulesPage)
    assert isinstance(page.form, kind)
    return page.form


def test_create_a_programme_stop_half_way_reopen_and_carry_on(qtbot: QtBot, db: Database) -> None:
    window = _open_window(qtbot, db)
    programmes = open_page(window, "programmes", ProgrammesPage)
    programmes.plan_button.click()
    wizard = _wizard(programmes)
    qtbot.waitExposed(wizard)

    # Page 1 creates the programme.
    details = wizard.details_page
    wizard.next()
    assert "Give the programme a name." in details.form.error_text("name")
    QTest.keyClicks(details.name, "Little Steps Mentoring")
    QTest.keyClicks(details.organisation, "Wee Acorns Nursery")
    wizard.next()
    pid = wizard.programme_id
    assert pid is not None and window.context.programme_id == pid
    assert wizard.current_step() == "section:purpose"

    # Typing is saved a moment later, without leaving the page (as if the PC then crashed).
    purpose = wizard.section_pages[0]
    QTest.keyClicks(purpose.editors["purpose.purpose"], "New staff feel alone.")
    qtbot.waitUntil(lambda: "purpose.purpose" in _answers(db, pid), timeout=3000)
    for key, editor in purpose.editors.items():
        if not editor.toPlainText():
            editor.setPlainText(f"Answer to {key}")
    wizard.next()
    support = wizard.section_pages[1]
    support.editors["support.driver"].setPlainText("The nursery manager.")
    assert "Your progress: 1 of 8 sections complete" in wizard.progress_heading.text().replace(
        "&", ""
    )

    # Stop half way: close the wizard and the whole window.
    wizard.reject()
    window.close()
    assert _answers(db, pid)["support.driver"] == "The nursery manager."
    with db.session() as s:
        assert framework.planning_state(s, pid).current_step == "section:support"

    # Reopen the application on the same data: the wizard carries on where they left off.
    window = _open_window(qtbot, db)
    page = open_page(window, "framework", FrameworkPage)
    assert "1 of 8 sections complete" in page.planning_status.text()
    assert page.plan_button.text().replace("&", "") == "Continue planning…"
    page.plan_button.click()
    wizard = _wizard(page)
    qtbot.waitExposed(wizard)
    assert wizard.current_step() == "section:support"
    assert wizard.section_pages[1].editors["support.driver"].toPlainText() == (
        "The nursery manager."
    )
    assert wizard.section_pages[0].editors["purpose.purpose"].toPlainText() == (
        "New staff feel alone."
    )
    wizard.back()  # the earlier pages are in the Back history
    assert wizard.current_step() == "section:purpose"

    # Carry on to the rules: a group of six is refused with the reason, next to the field.
    wizard.go_to_step("rules:organisation")
    organisation = _rules_form(wizard, OrganisationRulesForm)
    organisation.mentoring_type.setCurrentIndex(
        organisation.mentoring_type.findData(MentoringType.GROUP)
    )
    organisation.max_mentees.setValue(6)
    wizard.next()
    assert wizard.current_step() == "rules:organisation"
    assert "at most 4 mentees per mentor" in organisation.form.error_text("max_mentees_per_mentor")
    organisation.max_mentees.setValue(3)
    wizard.next()
    assert wizard.current_step() == "rules:relationships"
    _rules_form(wizard, RelationshipRulesForm).spins["relationship_months"].setValue(18)
    wizard.go_to_step("finish")
    assert wizard.finish_page.write_policy.isChecked()
    wizard.accept()
    assert wizard.result() == QWizard.DialogCode.Accepted

    with db.session() as s:
        rules = programme_settings.get_rules(s, pid)
        state = framework.planning_state(s, pid)
        (draft,) = policy.versions(s, pid)
    assert rules.mentoring_type is MentoringType.GROUP and rules.max_mentees_per_mentor == 3
    assert rules.relationship_months == 18
    assert state.completed_on is not None
    assert draft.number == 1 and not draft.approved
    assert "New staff feel alone." in "\n".join(p.body for p in draft.passages)
    page.refresh()
    assert page.plan_button.text().replace("&", "") == "Review the plan…"
    window.close()


def test_the_progress_list_shows_each_section_and_jumps_to_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = open_page(window, "framework", FrameworkPage)
    page.open_wizard()
    wizard = _wizard(page)
    qtbot.waitExposed(wizard)
    texts = [item_text(wizard.progress, i) for i in range(wizard.progress.count())]
    assert any("✓ Risk (complete)" in t for t in texts)
    item = next(
        wizard.progress.item(i)
        for i in range(wizard.progress.count())
        if wizard.progress.item(i).data(Qt.ItemDataRole.UserRole) == "section:risk"
    )
    wizard._jump_to_item(item)
    assert wizard.current_step() == "section:risk"
    editor = wizard.section_pages[6].editors["risk.risks"]
    editor.clear()
    assert "◐ Risk (2 of 3)" in "\n".join(
        item_text(wizard.progress, i) for i in range(wizard.progress.count())
    )
    assert "7 of 8 sections complete" in wizard.progress_heading.text()
    wizard.reject()
    assert "Risk" in page.sections.text() and "2 of 3 answered" in page.sections.text()


def test_every_question_has_an_accessible_name_and_help(qtbot: QtBot, window: MainWindow) -> None:
    page = open_page(window, "framework", FrameworkPage)
    page.open_wizard()
    wizard = _wizard(page)
    for section_page in wizard.section_pages:
        for editor in section_page.editors.values():
            assert editor.accessibleName().endswith("?")
            assert editor.accessibleDescription()
    wizard.reject()


def test_save_and_close_on_the_first_page_keeps_the_new_programme(
    qtbot: QtBot, db: Database
) -> None:
    window = _open_window(qtbot, db)
    wizard = PlanningWizard(window.context, None, window)
    wizard.open()
    wizard.details_page.name.setText("Little Steps")
    wizard.details_page.organisation.setText("Wee Acorns Nursery")
    wizard.reject()
    assert wizard.programme_id is not None
    assert window.programme_title.text().startswith("Little Steps")
    window.close()


def test_closing_an_empty_first_page_creates_nothing(qtbot: QtBot, db: Database) -> None:
    window = _open_window(qtbot, db)
    wizard = PlanningWizard(window.context, None, window)
    wizard.open()
    wizard.reject()
    assert wizard.programme_id is None
    window.close()


def test_going_back_to_the_first_page_keeps_rules_chosen_later(
    qtbot: QtBot, window: MainWindow
) -> None:
    pid = programme_id(window)
    wizard = PlanningWizard(window.context, pid, window)
    wizard.open()
    wizard.go_to_step("rules:organisation")
    form = _rules_form(wizard, OrganisationRulesForm)
    form.mentoring_type.setCurrentIndex(form.mentoring_type.findData(MentoringType.TEAM))
    form.max_mentees.setValue(3)
    wizard.next()
    wizard.go_to_step("details")
    wizard.details_page.coordinator.setText("Ann Reid")
    wizard.next()
    wizard.reject()
    with window.context.database.session() as s:
        rules = programme_settings.get_rules(s, pid)
    assert (rules.mentoring_type, rules.max_mentees_per_mentor) == (MentoringType.TEAM, 3)
    with window.context.database.session() as s:
        assert get_programme(s, pid).coordinator == "Ann Reid"
