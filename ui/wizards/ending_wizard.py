"""The ending wizard: bringing a match to a close, one step at a time.

Steps: how and why it ended, the final meeting, an exit conversation with each of them, the
rule on contact after closure, what comes next for each, the certificates, and the
coordinator's confirmation. What is typed is saved whenever the page changes and when the
wizard is closed by any route, so it can be left and carried on later from the Matching page;
it reopens where it was left. In between, a draft is kept about once a second, so a crash in
the middle of a page loses at most a second of typing. The list beside the pages shows which
steps are still missing (the same words the service uses to refuse closing) and jumps to a
step with Enter.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model.ending import (
    CLOSURE_PATH_LABELS,
    EARLY_BY_LABELS,
    MENTEE_NEXT_LABELS,
    MENTOR_NEXT_LABELS,
    TAKE_PART_AGAIN_LABELS,
    ClosurePath,
    EarlyBy,
    MenteeNext,
    MentorNext,
    TakePartAgain,
)
from app.model.match import MatchStatus
from app.services import closure_steps, endings
from app.services.endings import ClosureDetails, ClosureView
from ui.context import AppContext
from ui.printing import show_printout
from ui.widgets.date_field import DateField, read_dates
from ui.widgets.drafts import FormDrafts
from ui.widgets.enum_combo import enum_value
from ui.widgets.form import ErrorForm

E = TypeVar("E", bound=enum.Enum)


def _combo(labels: dict[E, str], value: E | None, empty: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(empty, None)
    for member, label in labels.items():
        combo.addItem(_(label), member.value)
    combo.setCurrentIndex(max(0, combo.findData(value.value if value else None)))
    return combo


def _text(value: str, height: int = 64) -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class StepPage(QWizardPage):
    """One step: a form that loads from and reads back into the closure's details."""

    STEP = ""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = ErrorForm()
        holder = QWidget()
        self.body = QVBoxLayout(holder)
        self.body.addLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    @property
    def ender(self) -> EndingWizard:
        wizard = self.wizard()
        assert isinstance(wizard, EndingWizard)
        return wizard

    def read(self, d: ClosureDetails) -> tuple[ClosureDetails, dict[str, str]]:
        """`d` with this page's answers, and messages for fields that cannot be read."""
        return d, {}

    def _dates(self, fields: dict[str, DateField]) -> tuple[dict[str, date | None], dict[str, str]]:
        return read_dates(fields)

    def validatePage(self) -> bool:
        return self.ender.resuming or self.ender.save_page(self)


class HowPage(StepPage):
    STEP = closure_steps.STEP_HOW

    def __init__(self, view: ClosureView) -> None:
        super().__init__(
            _("How the relationship ended"),
            _("Whether it reached its agreed length or ended early, and why, in a few words."),
        )
        d = view.details
        self.path = _combo(CLOSURE_PATH_LABELS, d.path, _("Choose…"))
        self.early_by = _combo(EARLY_BY_LABELS, d.early_by, _("Not an early ending"))
        self.not_a_good_fit = QCheckBox(_("They were not a good fit for each other"))
        self.not_a_good_fit.setChecked(d.not_a_good_fit)
        self.reasons = _text(d.reasons, 90)
        self.end_on = DateField(d.end_on)
        planned = (
            _("The planned end was {on}.").format(on=format_date(view.planned_end_on))
            if view.planned_end_on
            else _("No planned end was recorded.")
        )
        f = self.form
        f.add_field("path", _("&Kind of ending"), self.path, hint=planned)
        f.add_field("early_by", _("&Who or what ended it early"), self.early_by)
        f.add_field("not_a_good_fit", "", self.not_a_good_fit)
        f.add_field("reasons", _("&Reasons"), self.reasons)
        f.add_field("end_on", _("&Ended on"), self.end_on)
        self.not_a_good_fit.setAccessibleName(self.not_a_good_fit.text())
        self.path.currentIndexChanged.connect(self._path_changed)
        self._path_changed()

    def _path_changed(self) -> None:
        early = enum_value(self.path, ClosurePath) is ClosurePath.EARLY
        self.early_by.setEnabled(early)
        self.not_a_good_fit.setEnabled(early)

    def read(self, d: ClosureDetails) -> tuple[ClosureDetails, dict[str, str]]:
        dates, errors = self._dates({"end_on": self.end_on})
        path = enum_value(self.path, ClosurePath)
        early = path is ClosurePath.EARLY
        return (
            replace(
                d,
                path=path,
                early_by=enum_value(self.early_by, EarlyBy) if early else None,
                not_a_good_fit=self.not_a_good_fit.isChecked() and early,
                reasons=self.reasons.toPlainText(),
                end_on=dates.get("end_on"),
            ),
            errors,
        )


class FinalMeetingPage(StepPage):
    STEP = closure_steps.STEP_FINAL_MEETING

    def __init__(self, view: ClosureView) -> None:
        super().__init__(
            _("The final meeting"),
            _(
                "A last meeting to look back on what was achieved and say goodbye. If there "
                "was none, say why."
            ),
        )
        d = view.details
        self.final_meeting_on = DateField(d.final_meeting_on)
        self.no_final_meeting = _text(d.no_final_meeting)
        logged = (
            ngettext(
                "{n} meeting logged; the last on {on}.",
                "{n} meetings logged; the last on {on}.",
                view.meetings,
            ).format(n=view.meetings, on=format_date(view.last_met_on))
            if view.last_met_on
            else _("No meetings have been logged.")
        )
        self.form.add_field("final_meeting_on", _("&Final meeting on"), self.final_meeting_on)
        self.form.add_field(
            "no_final_meeting", _("&Why there was none"), self.no_final_meeting, hint=logged
        )

    def read(self, d: ClosureDetails) -> tuple[ClosureDetails, dict[str, str]]:
        dates, errors = self._dates({"final_meeting_on": self.final_meeting_on})
        return (
            replace(
                d,
                final_meeting_on=dates.get("final_meeting_on"),
                no_final_meeting=self.no_final_meeting.toPlainText(),
            ),
            errors,
        )


class ExitPage(StepPage):
    """The exit conversation with one of them (`who` is "mentor" or "mentee")."""

    def __init__(self, view: ClosureView, who: str) -> None:
        name = view.mentor_name if who == "mentor" else view.mentee_name
        super().__init__(
            _("Exit conversation with {name}").format(name=name),
            _(
                "A short talk, on their own, about how it went. Write their answers in their "
                "words. If it could not happen, say why."
            ),
        )
        self.who = who
        self.STEP = (
            closure_steps.STEP_EXIT_MENTOR if who == "mentor" else closure_steps.STEP_EXIT_MENTEE
        )
        d = view.details
        self.held_on = DateField(getattr(d, f"{who}_exit_on"))
        self.missed = _text(getattr(d, f"{who}_exit_missed"), 48)
        self.went_well = _text(getattr(d, f"{who}_went_well"))
        self.changed = _text(getattr(d, f"{who}_changed"))
        self.better = _text(getattr(d, f"{who}_better"))
        self.again = _combo(TAKE_PART_AGAIN_LABELS, getattr(d, f"{who}_again"), _("Not asked"))
        f = self.form
        f.add_field(f"{who}_exit_on", _("&Held on"), self.held_on)
        f.add_field(f"{who}_went_well", _("What went &well?"), self.went_well)
        f.add_field(f"{who}_changed", _("What has &changed for you?"), self.changed)
        f.add_field(f"{who}_better", _("What could have been &better?"), self.better)
        f.add_field(f"{who}_again", _("Would you take part &again?"), self.again)
        f.add_field(f"{who}_exit_missed", _("If it could not happen, &why"), self.missed)

    def read(self, d: ClosureDetails) -> tuple[ClosureDetails, dict[str, str]]:
        w = self.who
        dates, errors = self._dates({f"{w}_exit_on": self.held_on})
        answers = {
            f"{w}_exit_on": dates.get(f"{w}_exit_on"),
            f"{w}_exit_missed": self.missed.toPlainText(),
            f"{w}_went_well": self.went_well.toPlainText(),
            f"{w}_changed": self.changed.toPlainText(),
            f"{w}_better": self.better.toPlainText(),
            f"{w}_again": enum_value(self.again, TakePartAgain),
        }
        return replace(d, **answers), errors  # type: ignore[arg-type]


class ContactPage(StepPage):
    STEP = closure_steps.STEP_CONTACT

    def __init__(self, view: ClosureView) -> None:
        super().__init__(
            _("Contact after closure"),
            _(
                "Explain the programme's rule on keeping in touch once the match has "
                "closed. Then record when each of them said they understood it."
            ),
        )
        d = view.details
        self.rule = _text(d.contact_rule, 100)
        self.mentor_on = DateField(d.mentor_acknowledged_on)
        self.mentee_on = DateField(d.mentee_acknowledged_on)
        self.missed = _text(d.acknowledgement_missed, 48)
        f = self.form
        f.add_field("contact_rule", _("The &rule"), self.rule)
        f.add_field(
            "mentor_acknowledged_on",
            _("{name} &understood it on").format(name=view.mentor_name),
            self.mentor_on,
        )
        f.add_field(
            "mentee_acknowledged_on",
            _("{name} u&nderstood it on").format(name=view.mentee_name),
            self.mentee_on,
        )
        f.add_field("acknowledgement_missed", _("If someone could not be asked, &why"), self.missed)

    def read(self, d: ClosureDetails) -> tuple[ClosureDetails, dict[str, str]]:
        dates, errors = self._dates(
            {"mentor_acknowledged_on": self.mentor_on, "mentee_acknowledged_on": self.mentee_on}
        )
        return (
            replace(
                d,
                contact_rule=self.rule.toPlainText(),
                mentor_acknowledged_on=dates.get("mentor_acknowledged_on"),
                mentee_acknowledged_on=dates.get("mentee_acknowledged_on"),
                acknowledgement_missed=self.missed.toPlainText(),
            ),
            errors,
        )


class NextPage(StepPage):
    STEP = closure_steps.STEP_NEXT

    def __init__(self, view: ClosureView) -> None:
        super().__init__(
            _("What comes next"),
            _(
                "Whether the mentee gets a new mentor, and whether the mentor goes on "
                "mentoring. Decide this with care, with each of them."
            ),
        )
        d = view.details
        self.mentee_next = _combo(MENTEE_NEXT_LABELS, d.mentee_next, _("Choose…"))
        self.caution = _note("")
        self.caution.setStyleSheet(
            "background: #fff4e0; border: 1px solid #c77700; padding: 6px; color: #4a3000;"
        )
        self.caution_read = QCheckBox(_("I have read the caution and talked it over with them"))
        self.caution_read.setAccessibleName(self.caution_read.text())
        self.caution_read.setChecked(d.caution_acknowledged)
        self.mentor_next = _combo(MENTOR_NEXT_LABELS, d.mentor_next, _("Choose…"))
        self.note = _text(d.next_note)
        f = self.form
        f.add_field(
            "mentee_next", _("The &mentee, {name}").format(name=view.mentee_name), self.mentee_next
        )
        f.addRow(self.caution)
        f.addRow(self.caution_read)
        f.add_field(
            "mentor_next", _("The men&tor, {name}").format(name=view.mentor_name), self.mentor_next
        )
        f.add_field("next_note", _("A &note about next steps"), self.note)
        self.mentee_next.currentIndexChanged.connect(self.show_caution)

    def initializePage(self) -> None:
        self.show_caution()

    def show_caution(self) -> None:
        """The caution shows when an early-ended mentee is to be re-matched."""
        caution = endings.caution_of(self.ender.details)
        rematch = enum_value(self.mentee_next, MenteeNext) is MenteeNext.REMATCH
        visible = caution is not None and rematch
        self.caution.setText(_("⚠ {caution}").format(caution=caution or ""))
        self.caution.setVisible(visible)
        self.caution_read.setVisible(visible)

    def read(self, d: ClosureDetails) -> tuple[ClosureDetails, dict[str, str]]:
        return (
            replace(
                d,
                mentee_next=enum_value(self.mentee_next, MenteeNext),
                mentor_next=enum_value(self.mentor_next, MentorNext),
                caution_acknowledged=self.caution_read.isChecked(),
                next_note=self.note.toPlainText(),
            ),
            {},
        )


class CertificatesPage(StepPage):
    STEP = closure_steps.STEP_CERTIFICATES

    def __init__(self, view: ClosureView) -> None:
        super().__init__(
            _("Certificates"),
            _(
                "Mark the end: a certificate of achievement for the mentee and one of thanks "
                "for the mentor, signed and handed over. Print them here."
            ),
        )
        d = view.details
        self.mentee_button = QPushButton(_("Print the &mentee's certificate…"))
        self.mentor_button = QPushButton(_("Print the m&entor's certificate…"))
        self.mentee_button.clicked.connect(lambda: self.ender.print("certificate-mentee"))
        self.mentor_button.clicked.connect(lambda: self.ender.print("certificate-mentor"))
        row = QHBoxLayout()
        row.addWidget(self.mentee_button)
        row.addWidget(self.mentor_button)
        row.addStretch(1)
        self.body.insertLayout(0, row)
        self.given_on = DateField(d.certificates_on)
        self.none_why = _text(d.no_certificates, 48)
        self.form.add_field("certificates_on", _("&Given on"), self.given_on)
        self.form.add_field("no_certificates", _("If there are none, &why"), self.none_why)

    def read(self, d: ClosureDetails) -> tuple[ClosureDetails, dict[str, str]]:
        dates, errors = self._dates({"certificates_on": self.given_on})
        return (
            replace(
                d,
                certificates_on=dates.get("certificates_on"),
                no_certificates=self.none_why.toPlainText(),
            ),
            errors,
        )


class ConfirmPage(StepPage):
    STEP = closure_steps.STEP_CONFIRM

    def __init__(self, view: ClosureView, who: str) -> None:
        super().__init__(
            _("Confirm and close"),
            _(
                "Confirm that the closure steps were followed. Closing the match is the "
                "last step. Until then, you can come back and change anything."
            ),
        )
        d = view.details
        self.missing = _note("")
        self.body.insertWidget(0, self.missing)
        self.confirmed_on = DateField(d.confirmed_on)
        self.confirmed_by = QLineEdit(d.confirmed_by or who)
        self.print_button = QPushButton(_("Print the &closure record…"))
        self.print_button.clicked.connect(lambda: self.ender.print("closure-record"))
        self.form.add_field(
            "confirmed_on", _("Procedure followed, &confirmed on"), self.confirmed_on
        )
        self.form.add_field("confirmed_by", _("Confirmed &by"), self.confirmed_by)
        self.body.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)

    def initializePage(self) -> None:
        self.show_missing()

    def show_missing(self) -> None:
        missing = endings.missing_steps_of(self.ender.details)
        before_confirm = [m for m in missing if m.step != closure_steps.STEP_CONFIRM]
        if before_confirm:
            lines = [_("Still to do before the match can close:")]
            lines += [_("• {step}").format(step=m.text) for m in before_confirm]
            self.missing.setText("\n".join(lines))
        else:
            self.missing.setText(
                _("Every step is done. Confirm below, then press Close the match.")
            )

    def read(self, d: ClosureDetails) -> tuple[ClosureDetails, dict[str, str]]:
        dates, errors = self._dates({"confirmed_on": self.confirmed_on})
        return (
            replace(
                d, confirmed_on=dates.get("confirmed_on"), confirmed_by=self.confirmed_by.text()
            ),
            errors,
        )

    def validatePage(self) -> bool:
        return self.ender.save_page(self) and self.ender.close_match()


class EndingWizard(QWizard):
    """Carry a match through its ending; reopens on the step where it was left."""

    def __init__(
        self, context: AppContext, match_id: int, who: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.match_id = match_id
        self.closed = False
        self.resuming = False
        self.setObjectName("ending-wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Save and c&lose"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Close the &match"))
        self.resize(940, 640)
        self.view = self._load()
        self.details = self.view.details
        self.setWindowTitle(
            _("Ending: {mentee} with {mentor}").format(
                mentee=self.view.mentee_name, mentor=self.view.mentor_name
            )
        )
        self.steps: list[StepPage] = [
            HowPage(self.view),
            FinalMeetingPage(self.view),
            ExitPage(self.view, "mentor"),
            ExitPage(self.view, "mentee"),
            ContactPage(self.view),
            NextPage(self.view),
            CertificatesPage(self.view),
            ConfirmPage(self.view, who),
        ]
        for number, page in enumerate(self.steps):
            page.body.addStretch(1)  # the fields sit at the top, whatever the window's height
            self.setPage(number, page)

        self.progress = QListWidget()
        self.progress.setAccessibleName(_("Steps of the ending"))
        self.progress.setAccessibleDescription(
            _("Each step and whether it is done. Press Enter to go to a step.")
        )
        self.progress.setFixedWidth(self.progress.fontMetrics().averageCharWidth() * 34)
        self.progress.setWordWrap(True)
        self.progress.itemActivated.connect(self._jump)
        self.setSideWidget(self.progress)
        self.currentIdChanged.connect(lambda _id: self._update_progress())
        self._resume(self.details.step)
        self._update_progress()
        # Between page changes what is typed is kept as a draft once a second, so a crash
        # mid-page loses at most a second; it is put back when the wizard opens again.
        showing = self.currentPage()
        self.drafts = FormDrafts(
            self,
            "ending",
            key=f"ending:{match_id}",
            banner_layout=showing.body if isinstance(showing, StepPage) else None,
        )

    def _load(self) -> ClosureView:
        today, match_id = self.context.today(), self.match_id
        view = self.context.ops.read(lambda s: endings.closure_view(s, match_id))
        if view.status is not MatchStatus.ENDING:
            self.context.ops.run(self, lambda s: endings.begin_ending(s, match_id, today))
            view = self.context.ops.read(lambda s: endings.closure_view(s, match_id))
        return view

    # --- saving -----------------------------------------------------------------------------
    def _read_page(self, page: StepPage) -> dict[str, str]:
        self.details, errors = page.read(self.details)
        return errors

    def _show_errors(self, page: StepPage, errors: dict[str, str]) -> None:
        page.form.show_errors(errors)

    def save_page(self, page: StepPage) -> bool:
        """Save the answers so far with this page as the step to reopen on."""
        errors = self._read_page(page)
        if errors:
            self._show_errors(page, errors)
            return False
        page.form.clear_errors()
        self.details = replace(self.details, step=page.STEP)
        details, match_id, today = self.details, self.match_id, self.context.today()
        result = self.context.ops.run(
            self,
            lambda s: endings.save_closure(s, match_id, details, today),
            on_invalid=lambda e: self._show_errors(page, e),
        )
        self._update_progress()
        if result is not None and hasattr(self, "drafts"):
            self.drafts.reset()  # saved: the draft is no longer needed
        return result is not None

    def close_match(self) -> bool:
        match_id, today, who = self.match_id, self.context.today(), self.details.confirmed_by
        result = self.context.ops.run(self, lambda s: endings.close_match(s, match_id, today, who))
        self.closed = result is not None
        return self.closed

    def done(self, result: int) -> None:
        """Closing by any route keeps what was typed on the page showing, if it can be read."""
        page = self.currentPage()
        if result != QWizard.DialogCode.Accepted and isinstance(page, StepPage) and not self.closed:
            errors = self._read_page(page)
            if not errors:
                self.save_page(page)
        super().done(result)

    def print(self, kind: str) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage) and not self.save_page(page):
            return
        show_printout(self, self.context, kind, self.match_id)

    # --- navigation and progress ------------------------------------------------------------
    def _resume(self, step: str) -> None:
        """Reopen on `step`, with the pages before it in the Back history."""
        keys = [page.STEP for page in self.steps]
        if step not in keys:
            return
        self.resuming = True
        try:
            self.restart()
            while self.currentId() < keys.index(step):
                self.next()
        finally:
            self.resuming = False

    def _jump(self, item: QListWidgetItem) -> None:
        keys = [page.STEP for page in self.steps]
        target = keys.index(item.data(Qt.ItemDataRole.UserRole))
        while self.currentId() > target:
            self.back()
        while self.currentId() < target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break  # the page could not be saved: its messages are showing

    def _update_progress(self) -> None:
        missing = endings.missing_steps_of(self.details)
        open_steps = {m.step for m in missing}
        current = self.currentPage()
        self.progress.blockSignals(True)
        self.progress.clear()
        for page in self.steps:
            mark = "○" if page.STEP in open_steps else "✓"
            item = QListWidgetItem(_("{mark} {title}").format(mark=mark, title=page.title()))
            item.setData(Qt.ItemDataRole.UserRole, page.STEP)
            if page is current:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.progress.addItem(item)
            if page is current:
                self.progress.setCurrentItem(item)
        self.progress.blockSignals(False)
        confirm = self.steps[-1]
        assert isinstance(confirm, ConfirmPage)
        if current is confirm:
            confirm.show_missing()
