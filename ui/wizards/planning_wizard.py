"""The planning wizard: from "we want a mentoring programme" to a configured programme.

Pages: the programme's details (leaving this page creates the programme), the eight planning
sections, four pages of rules, and a last page that can write the first draft of the policy.
Answers are saved a moment after the coordinator stops typing, and whenever they change page
or close the wizard, so closing it (or a crash) loses nothing; the wizard reopens on the page
where they left off. A list beside the pages shows which sections are complete and lets them
jump to any page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session

from app.i18n import _
from app.services import framework, policy, programme_settings, programmes
from app.services.changes import Changes
from app.services.programmes import ProgrammeDetails
from ui.context import AppContext
from ui.dialogs.rules_dialog import FORM_CLASSES, RulesForm, form_titles
from ui.widgets.date_field import DateField
from ui.widgets.form import ErrorForm

SAVE_DELAY_MS = 700

DETAILS = "details"
FINISH = "finish"
RULE_STEPS = ("rules:organisation", "rules:relationships", "rules:screening", "rules:matching")


class _Page(QWizardPage):
    """A page that knows its step key (saved so the wizard can reopen on it)."""

    STEP = ""

    @property
    def planner(self) -> PlanningWizard:
        wizard = self.wizard()
        assert isinstance(wizard, PlanningWizard)
        return wizard


def _scrolling(content: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


class DetailsPage(_Page):
    STEP = DETAILS

    def __init__(self, details: ProgrammeDetails | None) -> None:
        super().__init__()
        self.setTitle(_("Your programme"))
        self.setSubTitle(
            _(
                "Start with the basics. You can leave the wizard at any time. Everything "
                "you write is kept, and you carry on from the Framework page."
            )
        )
        self.details = details or ProgrammeDetails(name="", organisation="")
        self.form = ErrorForm()
        self.name = QLineEdit(self.details.name)
        self.organisation = QLineEdit(self.details.organisation)
        self.coordinator = QLineEdit(self.details.coordinator)
        self.start_date = DateField(self.details.start_date)
        self.form.add_field(
            "name",
            _("Programme na&me"),
            self.name,
            hint=_("For example: Growing Together Mentoring Programme."),
        )
        self.form.add_field(
            "organisation",
            _("&Organisation"),
            self.organisation,
            hint=_("The nursery, centre or network that runs it; it heads the written policy."),
        )
        self.form.add_field("coordinator", _("&Coordinator"), self.coordinator)
        self.form.add_field(
            "start_date",
            _("Planned &start date"),
            self.start_date,
            hint=_("Leave empty if you do not know yet."),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def read(self) -> tuple[ProgrammeDetails, dict[str, str]]:
        errors: dict[str, str] = {}
        try:
            start = self.start_date.value()
        except ValueError as exc:
            errors["start_date"] = str(exc)
            start = None
        details = replace(
            self.details,
            name=self.name.text(),
            organisation=self.organisation.text(),
            coordinator=self.coordinator.text(),
            start_date=start,
        ).cleaned()
        return details, {**programmes.validate_details(details), **errors}

    def validatePage(self) -> bool:
        if self.planner.resuming:
            return True
        details, errors = self.read()
        if errors:
            self.form.show_errors(errors)
            return False
        self.form.clear_errors()
        if self.planner.save_details(details, self.form.show_errors):
            self.details = details
            return True
        return False


class SectionPage(_Page):
    """One planning section: its questions, each with help text and a box to write in."""

    def __init__(self, section: framework.Section, answers: dict[str, str]) -> None:
        super().__init__()
        self.section = section
        self.STEP = f"section:{section.key}"
        self.setTitle(_(section.title))
        self.setSubTitle(_(section.intro))
        self.editors: dict[str, QPlainTextEdit] = {}
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        for number, question in enumerate(section.questions, start=1):
            caption = QLabel(
                _("{number}. {question}").format(number=number, question=_(question.text))
            )
            caption.setWordWrap(True)
            caption.setProperty("role", "question")
            caption.setStyleSheet("font-weight: bold;")
            hint = QLabel(_(question.help))
            hint.setWordWrap(True)
            hint.setProperty("role", "hint")
            hint.setStyleSheet("color: #4a5058;")
            editor = QPlainTextEdit(answers.get(question.key, ""))
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(64)
            editor.setMaximumHeight(110)
            editor.setAccessibleName(_(question.text))
            editor.setAccessibleDescription(_(question.help))
            caption.setBuddy(editor)
            # QPlainTextEdit.textChanged passes nothing; *_args keeps `key` safe if it ever does.
            editor.textChanged.connect(
                lambda *_args, key=question.key: self.planner.answer_typed(key)
            )
            column.addWidget(caption)
            column.addWidget(hint)
            column.addWidget(editor)
            column.addSpacing(6)
            self.editors[question.key] = editor
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_scrolling(content))

    def answered(self) -> int:
        return sum(1 for e in self.editors.values() if e.toPlainText().strip())


class RulesPage(_Page):
    def __init__(self, step: str, title: str, form: RulesForm) -> None:
        super().__init__()
        self.STEP = step
        self.setTitle(title)
        self.setSubTitle(form.intro.text())
        form.intro.hide()
        self.form = form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_scrolling(form))

    def validatePage(self) -> bool:
        if self.planner.resuming:
            return True
        return self.planner.save_rules(self.form)


class FinishPage(_Page):
    STEP = FINISH

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Finish planning"))
        self.setSubTitle(
            _(
                "You can finish now and come back to any unanswered question later from the "
                "Framework page."
            )
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.write_policy = QCheckBox(_("Write a &draft mentoring policy from my answers"))
        self.write_policy.setAccessibleName(_("Write a draft mentoring policy from my answers"))
        self.policy_note = QLabel(
            _(
                "The draft fills in your organisation's name, your answers and the rules you "
                "chose. You can edit every passage before it is approved and signed."
            )
        )
        self.policy_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addSpacing(12)
        layout.addWidget(self.write_policy)
        layout.addWidget(self.policy_note)
        layout.addStretch(1)

    def initializePage(self) -> None:
        planner = self.planner
        planner.flush()
        done = planner.sections_complete()
        total = len(framework.SECTIONS)
        self.summary.setText(
            _(
                "{done} of {total} planning sections are complete. When you press Finish, "
                "the programme is set up with the rules you chose, and the plan is marked "
                "finished."
            ).format(done=done, total=total)
        )
        has_policy = planner.has_policy()
        self.write_policy.setChecked(not has_policy)
        self.write_policy.setVisible(not has_policy)
        self.policy_note.setVisible(not has_policy)

    def validatePage(self) -> bool:
        return self.planner.finish(self.write_policy.isChecked() and self.write_policy.isVisible())


class PlanningWizard(QWizard):
    """Plan a new programme (programme_id None) or carry on planning an existing one."""

    def __init__(
        self, context: AppContext, programme_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.programme_id = programme_id
        self.resuming = False
        self._dirty: set[str] = set()
        self.setWindowTitle(_("Plan a mentoring programme"))
        self.setObjectName("planning-wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Save and c&lose"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.resize(980, 700)

        details, answers, rules, step = self._load()
        self.details_page = DetailsPage(details)
        self.section_pages = [SectionPage(section, answers) for section in framework.SECTIONS]
        self.rules_pages = [
            RulesPage(step_key, title, cls())
            for step_key, title, cls in zip(RULE_STEPS, form_titles(), FORM_CLASSES, strict=True)
        ]
        for rules_page in self.rules_pages:
            rules_page.form.set_rules(rules)
        self.finish_page = FinishPage()
        self.steps: list[_Page] = [
            self.details_page,
            *self.section_pages,
            *self.rules_pages,
            self.finish_page,
        ]
        for number, page in enumerate(self.steps):
            self.setPage(number, page)

        self.progress = QListWidget()
        self.progress.setAccessibleName(_("Planning progress"))
        self.progress.setAccessibleDescription(
            _("Each step of the plan and whether it is complete. Press Enter to go to a step.")
        )
        # Wide enough for a step's name on one line, but never more than a third of the
        # screen (at 200 % the questions need the room).
        self.progress.setFixedWidth(
            min(
                self.progress.fontMetrics().averageCharWidth() * 44,
                self.screen().availableGeometry().width() // 3,
            )
        )
        self.progress.setWordWrap(True)
        self.progress.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.progress_heading = QLabel()
        self.progress_heading.setWordWrap(True)
        self.progress_heading.setStyleSheet("font-weight: bold;")
        self.progress_heading.setBuddy(self.progress)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 8, 0)
        side_layout.addWidget(self.progress_heading)
        side_layout.addWidget(self.progress, 1)
        legend = QLabel(_("✓ complete   ◐ started   ○ not started   ⚙ rules"))
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #4a5058;")
        side_layout.addWidget(legend)
        self.setSideWidget(side)
        # PySide does not hand the side widget to the wizard: keep it alive here.
        self.side = side
        self.progress.itemActivated.connect(self._jump_to_item)

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.flush)
        self.currentIdChanged.connect(self._step_changed)
        self._update_progress()
        if step:
            self.resume_at(step)

    # --- loading and saving ---------------------------------------------------------------
    def _load(
        self,
    ) -> tuple[ProgrammeDetails | None, dict[str, str], programme_settings.ProgrammeRules, str]:
        if self.programme_id is None:
            return None, {}, programme_settings.ProgrammeRules(), ""
        pid = self.programme_id

        def read(
            s: Session,
        ) -> tuple[ProgrammeDetails, dict[str, str], programme_settings.ProgrammeRules, str]:
            programme = programmes.get_programme(s, pid)
            return (
                programmes.details_of(programme),
                framework.answers(s, pid),
                programme_settings.rules_of(programme),
                framework.planning_state(s, pid).current_step,
            )

        return self.context.ops.read(read)

    def save_details(
        self, details: ProgrammeDetails, on_invalid: Callable[[dict[str, str]], object]
    ) -> bool:
        if self.programme_id is None:
            changes = self.context.ops.run(
                self, lambda s: framework.start_planning(s, details), on_invalid=on_invalid
            )
            if changes is None:
                return False
            self.programme_id = changes.created_id
            self.context.set_programme(self.programme_id)
            return True
        pid = self.programme_id

        def update(s: Session) -> Changes:
            # Only this page's fields: the model and mentoring type may have been changed
            # on the rules pages since the wizard opened.
            current = programmes.details_of(programmes.get_programme(s, pid))
            return programmes.update_programme(
                s,
                pid,
                replace(
                    current,
                    name=details.name,
                    organisation=details.organisation,
                    coordinator=details.coordinator,
                    start_date=details.start_date,
                ),
            )

        return self.context.ops.run(self, update, on_invalid=on_invalid) is not None

    def save_rules(self, form: RulesForm) -> bool:
        if self.programme_id is None:
            return True
        pid = self.programme_id
        values = form.values()
        form.form.clear_errors()
        result = self.context.ops.run(
            self,
            lambda s: programme_settings.update_rules(s, pid, values),
            on_invalid=form.show_errors,
        )
        return result is not None

    def answer_typed(self, key: str) -> None:
        if self.resuming:
            return
        self._dirty.add(key)
        self.save_timer.start()
        self._update_progress()

    def flush(self) -> None:
        """Save every answer changed since the last save (one unit of work)."""
        self.save_timer.stop()
        if not self._dirty or self.programme_id is None:
            return
        pid = self.programme_id
        texts = {}
        for page in self.section_pages:
            for key, editor in page.editors.items():
                if key in self._dirty:
                    texts[key] = editor.toPlainText()
        self._dirty.clear()

        def save(s: Session) -> Changes:
            changes = Changes()
            for key, text in texts.items():
                changes = changes | framework.save_answer(s, pid, key, text)
            return changes

        self.context.ops.run(self, save)

    def has_policy(self) -> bool:
        if self.programme_id is None:
            return False
        pid = self.programme_id
        return bool(self.context.ops.read(lambda s: policy.versions(s, pid)))

    def finish(self, write_policy: bool) -> bool:
        self.flush()
        if self.programme_id is None:
            return False
        pid = self.programme_id

        def done(s: Session) -> Changes:
            changes = framework.finish_planning(s, pid, self.context.today())
            changes = changes | framework.save_step(s, pid, FINISH)
            if write_policy:
                changes = changes | policy.write_draft(s, pid, self.context.today())
            return changes

        return self.context.ops.run(self, done) is not None

    # --- navigation and progress ----------------------------------------------------------
    def current_step(self) -> str:
        page = self.currentPage()
        return page.STEP if isinstance(page, _Page) else ""

    def _step_changed(self, _page_id: int) -> None:
        self.flush()
        self._update_progress()
        if self.resuming or self.programme_id is None or _page_id < 0:
            return  # -1: the wizard is closing; keep the page they were on
        pid, step = self.programme_id, self.current_step()
        self.context.ops.run(self, lambda s: framework.save_step(s, pid, step))

    def resume_at(self, step: str) -> None:
        """Open on `step`, with the pages before it in the Back history."""
        keys = [page.STEP for page in self.steps]
        if step not in keys:
            return
        self.resuming = True
        try:
            if self.currentId() == -1:
                self.restart()
            target = keys.index(step)
            while self.currentId() > target:
                self.back()
            while self.currentId() < target:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
        finally:
            self.resuming = False
        self._update_progress()

    def go_to_step(self, step: str) -> None:
        """Jump to a step: back freely, forwards through each page's checks."""
        self.flush()
        keys = [page.STEP for page in self.steps]
        target = keys.index(step)
        while self.currentId() > target:
            self.back()
        while self.currentId() < target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break  # a page refused (its messages are showing)

    def _jump_to_item(self, item: QListWidgetItem) -> None:
        self.go_to_step(item.data(Qt.ItemDataRole.UserRole))

    def sections_complete(self) -> int:
        return sum(1 for page in self.section_pages if page.answered() == len(page.editors))

    def _update_progress(self) -> None:
        done = self.sections_complete()
        self.progress_heading.setText(
            _("Your pro&gress: {done} of {total} sections complete").format(
                done=done, total=len(self.section_pages)
            )
        )
        current = self.current_step()
        rows: list[tuple[str, str]] = [(DETAILS, _("Your programme"))]
        for page in self.section_pages:
            answered, total = page.answered(), len(page.editors)
            if answered == total:
                status = _("✓ {title} (complete)")
            elif answered:
                status = _("◐ {title} ({answered} of {total})")
            else:
                status = _("○ {title} (not started)")
            rows.append(
                (page.STEP, status.format(title=page.title(), answered=answered, total=total))
            )
        for rules_page in self.rules_pages:
            rows.append((rules_page.STEP, _("⚙ {title}").format(title=rules_page.title())))
        rows.append((FINISH, _("Finish")))
        self.progress.blockSignals(True)
        self.progress.clear()
        for step, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, step)
            if step == current:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setText(_("▸ {text}").format(text=text))
            self.progress.addItem(item)
            if step == current:
                self.progress.setCurrentItem(item)
        self.progress.blockSignals(False)

    def done(self, result: int) -> None:
        """Closing by any route (Finish, Save and close, Escape, the window's X) keeps what
        was typed: the answers, and the details or rules on the page showing if they are
        valid (a new programme is created then, so the plan can be carried on later)."""
        self.flush()
        page = self.currentPage()
        if result != QWizard.DialogCode.Accepted and isinstance(page, DetailsPage):
            details, errors = page.read()
            if not errors and details != page.details:
                self.save_details(details, page.form.show_errors)
        if result != QWizard.DialogCode.Accepted and isinstance(page, RulesPage):
            values = page.form.values()
            if self.programme_id is not None and not programme_settings.validate_rules(
                {**self._current_rules(), **values}
            ):
                self.save_rules(page.form)
        super().done(result)

    def _current_rules(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for page in self.rules_pages:
            values.update(page.form.values())
        return values
