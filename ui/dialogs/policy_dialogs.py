"""Editing the draft policy passage by passage, and approving it.

The editor keeps the draft as the coordinator types: a moment after they stop, the passage is
handed to the `save_passage` callback the Framework page gives it (which calls the policy
service), so nothing typed is lost. The approval dialog only collects and checks values.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_date
from app.i18n import _
from app.policy_template import gap_mark
from app.services.policy import PolicyVersionView
from ui.widgets.accessible import describe
from ui.widgets.date_field import DateField
from ui.widgets.form import ErrorForm

SAVE_DELAY_MS = 700


class PolicyEditorDialog(QDialog):
    """Edit a draft version's title and passages; every change is saved as it is typed."""

    def __init__(
        self,
        draft: PolicyVersionView,
        *,
        save_passage: Callable[[str, str], bool],
        save_title: Callable[[str], bool],
        template_wording: Callable[[str], str | None],
        approved_note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("policy-editor")
        self.setWindowTitle(_("Edit the policy – draft version {n}").format(n=draft.number))
        self.resize(980, 680)
        self._save_passage = save_passage
        self._save_title = save_title
        self._template_wording = template_wording
        self.texts = {p.key: p.body for p in draft.passages}
        self.headings = {p.key: p.heading for p in draft.passages}
        self.keys = [p.key for p in draft.passages]
        self._dirty: set[str] = set()
        self._title_dirty = False

        intro = QLabel(
            _(
                "This is draft version {n}. Your changes are saved as you type. Lines "
                "starting with “- ” print as bullet points, and a blank line starts a new "
                "paragraph. Fill in anything marked “{mark} …]” before the policy can be "
                "approved."
            ).format(n=draft.number, mark=gap_mark())
            + ((" " + approved_note) if approved_note else "")
        )
        intro.setWordWrap(True)

        self.title = QLineEdit(draft.title)
        title_label = QLabel(_("Policy &title"))
        title_label.setBuddy(self.title)
        self.title.setAccessibleName(_("Policy title"))
        self.title.textEdited.connect(self._title_edited)
        title_row = QHBoxLayout()
        title_row.addWidget(title_label)
        title_row.addWidget(self.title, 1)

        self.passages = QListWidget()
        self.passages.setAccessibleName(_("Passages of the policy"))
        self.passages.setWordWrap(True)
        self.passages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, key in enumerate(self.keys, start=1):
            self.passages.addItem(self._list_text(number, key))
        passages_label = QLabel(_("&Passages"))
        passages_label.setBuddy(self.passages)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(passages_label)
        left_layout.addWidget(self.passages)

        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        self.heading.setBuddy(self.editor)
        self.editor.textChanged.connect(self._text_changed)
        self.reset_button = QPushButton(_("Put &back the template wording"))
        self.reset_button.setAccessibleName(_("Put back the template wording for this passage"))
        self.reset_button.clicked.connect(self.reset_passage)
        self.status = QLabel(_("All changes saved."))
        describe(self.status, _("Save status"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.addWidget(self.reset_button)
        row.addStretch(1)
        row.addWidget(self.status)
        right_layout.addLayout(row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 640])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(title_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self._loading = False
        self.passages.currentRowChanged.connect(self._show_passage)
        self.passages.setCurrentRow(0)
        self.editor.setFocus()

    def _list_text(self, number: int, key: str) -> str:
        text = _("{number}. {heading}").format(number=number, heading=self.headings[key])
        if gap_mark() in self.texts[key]:
            text = _("{text} (to fill in)").format(text=text)
        return text

    def current_key(self) -> str:
        return self.keys[max(0, self.passages.currentRow())]

    def _show_passage(self, row: int) -> None:
        if row < 0:
            return
        self.flush()
        key = self.keys[row]
        self._loading = True
        self.heading.setText(self.headings[key])
        self.editor.setPlainText(self.texts[key])
        self.editor.setAccessibleName(_("Wording of {heading}").format(heading=self.headings[key]))
        self._loading = False

    def _text_changed(self) -> None:
        if self._loading:
            return
        key = self.current_key()
        self.texts[key] = self.editor.toPlainText()
        self._dirty.add(key)
        self.status.setText(_("Saving…"))
        self.timer.start()

    def _title_edited(self, _text: str) -> None:
        self._title_dirty = True
        self.status.setText(_("Saving…"))
        self.timer.start()

    def set_passage_text(self, text: str) -> None:
        """Replace the current passage's wording (as if typed)."""
        self.editor.setPlainText(text)

    def reset_passage(self) -> None:
        wording = self._template_wording(self.current_key())
        if wording is None:
            return
        answer = QMessageBox.question(
            self,
            _("Put back the template wording?"),
            _(
                "The wording of “{heading}” will be replaced by the template's, filled in "
                "from your answers and rules. Your own wording of this part will be lost."
            ).format(heading=self.headings[self.current_key()]),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.set_passage_text(wording)

    def flush(self) -> bool:
        """Save what changed; False if something could not be saved (the user was told)."""
        self.timer.stop()
        ok = True
        if self._title_dirty:
            if self._save_title(self.title.text()):
                self._title_dirty = False
            else:
                ok = False
        for key in list(self._dirty):
            if self._save_passage(key, self.texts[key]):
                self._dirty.discard(key)
                row = self.keys.index(key)
                self.passages.item(row).setText(self._list_text(row + 1, key))
            else:
                ok = False
        self.status.setText(_("All changes saved.") if ok else _("Not saved – see the message."))
        return ok

    def done(self, result: int) -> None:
        self.flush()
        super().done(result)


class ApprovePolicyDialog(QDialog):
    """Record the approval of a draft: when, and by whom. Validates in accept()."""

    def __init__(
        self,
        version: int,
        approved_by: str = "",
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Approve version {n} of the policy").format(n=version))
        self.setMinimumWidth(480)
        explain = QLabel(
            _(
                "Approving fixes the wording of version {n} and the date it was adopted. "
                "It cannot be changed afterwards: later changes make a new version. Once "
                "it is approved, print it for signing."
            ).format(n=version)
        )
        explain.setWordWrap(True)
        self.form = ErrorForm()
        self.approved_on = DateField(today)
        self.approved_by = QLineEdit(approved_by)
        self.form.add_field("approved_on", _("&Approved on"), self.approved_on)
        self.form.add_field(
            "approved_by",
            _("Approved &by"),
            self.approved_by,
            hint=_("The person or group who approved it, for example the owner or the board."),
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.approve_button = buttons.addButton(
            _("A&pprove"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self._values: tuple[date, str] | None = None

    def values(self) -> tuple[date, str]:
        assert self._values is not None
        return self._values

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)

    def accept(self) -> None:
        errors: dict[str, str] = {}
        try:
            when = self.approved_on.value()
        except ValueError as exc:
            errors["approved_on"] = str(exc)
            when = None
        if when is None and "approved_on" not in errors:
            errors["approved_on"] = _("Give the date the policy was approved.")
        who = self.approved_by.text().strip()
        if not who:
            errors["approved_by"] = _("Say who approved the policy (a name or a role).")
        if errors:
            self.form.show_errors(errors)
            return
        assert when is not None
        self._values = (when, who)
        super().accept()


def approved_note(previous: PolicyVersionView | None) -> str:
    if previous is None or previous.approved_on is None:
        return ""
    return _("Version {n}, approved on {date}, stays exactly as it was approved.").format(
        n=previous.number, date=format_date(previous.approved_on)
    )
