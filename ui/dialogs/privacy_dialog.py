"""People's rights over their data, in the window: a subject access export, erasure on request,
and the retention review (app.services.privacy does the work)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import glossary
from app.formatting import format_date
from app.i18n import _
from app.services import privacy
from ui.context import AppContext


class PrivacyDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacy")
        self.setWindowTitle(_("People's rights over their data"))
        self.context = context
        tabs = QTabWidget()
        tabs.addTab(self._person_tab(), _("One person"))
        tabs.addTab(self._retention_tab(), _("Retention review"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(640, 460)

    # --- one person ----------------------------------------------------------------------
    def _person_tab(self) -> QWidget:
        tab = QWidget()
        self.person = QComboBox()
        self.person.setAccessibleName(_("Person"))
        self._fill_people()
        label = QLabel(_("&Person"))
        label.setBuddy(self.person)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.person, 1)
        explain = QLabel(
            _(
                "A subject access export holds everything kept about the person: a PDF to "
                "read, and a JSON file for a computer. Other people in their matches "
                "appear as 'your mentor' or 'your mentee'. Private meeting notes are left "
                "out.\n\nErasing takes their name, contact details and the words about them "
                "out of everything held. The dates and numbers the reports count are kept. "
                "Safeguarding concerns are kept as they are. A backup is made first."
            )
        )
        explain.setWordWrap(True)
        explain.setToolTip(glossary.explain(glossary.SUBJECT_ACCESS, glossary.JSON))
        self.export_button = QPushButton(_("&Export everything held…"))
        self.export_button.setToolTip(glossary.explain(glossary.SUBJECT_ACCESS))
        self.erase_button = QPushButton(_("E&rase on request…"))
        self.export_button.setAccessibleName(_("Export everything held"))
        self.erase_button.setAccessibleName(_("Erase on request"))
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        self.erase_button.clicked.connect(lambda _checked=False: self.erase())
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.erase_button)
        actions.addStretch(1)
        column = QVBoxLayout(tab)
        column.addLayout(row)
        column.addWidget(explain)
        column.addLayout(actions)
        column.addStretch(1)
        return tab

    def _fill_people(self) -> None:
        self.person.clear()
        for person_id, name in self.context.ops.read(privacy.people_choices):
            self.person.addItem(name, person_id)

    def chosen(self) -> int | None:
        value = self.person.currentData()
        return int(value) if value is not None else None

    def export(self, folder: str | None = None) -> list[Path]:
        from app.printouts import subject_access

        person_id = self.chosen()
        if person_id is None:
            return []
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, _("Export everything held to"))
            if not folder:
                return []
        today = self.context.today()
        export = self.context.ops.read(lambda s: privacy.subject_access(s, person_id, today))
        stem = Path(folder) / f"subject-access-{person_id}"
        written = [stem.with_suffix(".json"), stem.with_suffix(".pdf")]
        written[0].write_text(export.json(), encoding="utf-8")
        written[1].write_bytes(subject_access.render(export.data, today))
        self.context.notify(_("Written {path}").format(path=written[1]))
        return written

    def erase(self) -> bool:
        person_id = self.chosen()
        if person_id is None:
            return False
        plan = self.context.ops.read(lambda s: privacy.erasure_plan(s, person_id))
        question = _(
            "Erase {name}? {n} entries will change. Only the backup made first can undo this."
        ).format(name=plan.name, n=plan.rows)
        if plan.kept:
            question += "\n\n" + "\n".join(plan.kept)
        question += "\n\n" + _("Why are they being erased? (Kept in the audit trail.)")
        reason, ok = QInputDialog.getText(self, _("Erase on request"), question)
        if not ok or not reason.strip():
            return False
        self.context.database.backup("before-erasure")
        done = self.context.ops.run(self, lambda s: privacy.erase_person(s, person_id, reason))
        if done is None:
            return False
        self._fill_people()
        self._fill_due()
        self.context.notify(
            _("Erased. Their details are gone, and the report figures are unchanged.")
        )
        return True

    # --- retention -----------------------------------------------------------------------
    def _retention_tab(self) -> QWidget:
        tab = QWidget()
        explain = QLabel(
            _(
                "People whose programme's retention period has ended since they left, or "
                "since their last match ended. Anonymising keeps the counts, hours and "
                "outcomes the reports need. A backup is made first."
            )
        )
        explain.setWordWrap(True)
        explain.setToolTip(glossary.explain(glossary.ANONYMISE))
        self.due_list = QListWidget()
        self.due_list.setAccessibleName(_("People past the retention period"))
        self.anonymise_button = QPushButton(_("&Anonymise everyone listed…"))
        self.anonymise_button.setAccessibleName(_("Anonymise everyone listed"))
        self.anonymise_button.setToolTip(glossary.explain(glossary.ANONYMISE))
        self.anonymise_button.clicked.connect(lambda _checked=False: self.anonymise_due())
        column = QVBoxLayout(tab)
        column.addWidget(explain)
        column.addWidget(self.due_list, 1)
        column.addWidget(self.anonymise_button)
        self._fill_due()
        return tab

    def _fill_due(self) -> None:
        today = self.context.today()
        self.due = self.context.ops.read(lambda s: privacy.retention_due(s, today))
        self.due_list.clear()
        for d in self.due:
            self.due_list.addItem(
                _("{name}: since {since}, due {due}").format(
                    name=d.name,
                    since=format_date(d.since),
                    due=format_date(d.due_on),
                )
            )
        if not self.due:
            self.due_list.addItem(_("Nobody's retention period is over."))
        self.anonymise_button.setEnabled(bool(self.due))

    def anonymise_due(self) -> int:
        if not self.due:
            return 0
        answer = QMessageBox.question(
            self,
            _("Anonymise"),
            _("Anonymise the {n} people listed? A backup is made first.").format(n=len(self.due)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        today = self.context.today()
        self.context.database.backup("before-retention")
        done = self.context.ops.run(self, lambda s: privacy.apply_retention(s, today))
        self._fill_due()
        self._fill_people()
        return len(done or [])
