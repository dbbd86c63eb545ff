"""Matching: the board (waiting mentees, mentors with free places, the fit of any pair,
suggestions and open matches), each match's steps, and the waiting list.

Moves on the board (proposing a pair, accepting or rejecting a suggestion) go through an undo
stack, so Undo puts the board back as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.formatting import format_date
from app.i18n import _, ngettext
from app.model import MatchStatus, ReviewDecision
from app.services import endings, matching, programmes, reviews
from app.services.changes import Changes
from app.services.fit import Pair
from ui.context import AppContext
from ui.dialogs.match_dialogs import (
    AgreementDialog,
    IntroductionDialog,
    MatchDialog,
    PriorityDialog,
    RiskDialog,
    SignaturesDialog,
    StatusDialog,
)
from ui.dialogs.review_dialog import ReviewDialog
from ui.models.matching_models import (
    ID_ROLE,
    SORT_ROLE,
    MatchTableModel,
    MentorModel,
    WaitingModel,
    WaitingTableModel,
)
from ui.pages.base import Page
from ui.printing import show_printout
from ui.widgets.accessible import announce, describe
from ui.widgets.board import MenteeList, MentorList
from ui.widgets.fit_view import FitView
from ui.widgets.reflow import ReflowSplitter, flow_row
from ui.wizards.ending_wizard import EndingWizard


class ProposeCommand(QUndoCommand):
    """Propose a pair; undo takes the proposal back. If the service refuses, the command is
    marked obsolete and the undo stack drops it."""

    def __init__(self, page: MatchingPage, mentee_id: int, mentor_id: int, text: str) -> None:
        super().__init__(text)
        self.page = page
        self.mentee_id = mentee_id
        self.mentor_id = mentor_id
        self.match_id: int | None = None
        self.draft: Pair | None = None

    def redo(self) -> None:
        changes = self.page.run(
            lambda s: matching.propose_match(
                s,
                self.page.programme_id(),
                self.mentor_id,
                self.mentee_id,
                self.page.today(),
                self.page.who(),
            )
        )
        if changes is None:
            self.setObsolete(True)
            return
        self.match_id = changes.created_id
        if self.draft is not None:
            self.page.drafts = [d for d in self.page.drafts if d != self.draft]
            self.page.show_drafts()
        self.page.select_match(self.match_id)

    def undo(self) -> None:
        if self.match_id is None:
            return
        match_id = self.match_id
        if self.page.run(lambda s: matching.withdraw_proposal(s, match_id)) is None:
            return
        self.match_id = None
        if self.draft is not None:
            self.page.drafts = sorted({*self.page.drafts, self.draft})
            self.page.show_drafts()
        self.page.select_waiting(self.mentee_id)


class RejectDraftCommand(QUndoCommand):
    def __init__(self, page: MatchingPage, draft: Pair, text: str) -> None:
        super().__init__(text)
        self.page = page
        self.draft = draft

    def redo(self) -> None:
        self.page.drafts = [d for d in self.page.drafts if d != self.draft]
        self.page.show_drafts()

    def undo(self) -> None:
        self.page.drafts = sorted({*self.page.drafts, self.draft})
        self.page.show_drafts()


T = TypeVar("T")


def _accepted(value: T | None) -> T:
    """A match dialog's value once exec() has returned Accepted (its accept() set it)."""
    assert value is not None
    return value


def _button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _group(title: str, *widgets: QWidget, hint: str = "") -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    if hint:
        label = QLabel(hint)
        label.setWordWrap(True)
        label.setProperty("role", "hint")
        layout.addWidget(label)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class MatchingPage(Page):
    KEY = "matching"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.TITLE = _("Matching")
        #: The day the page works on: the application's clock (MENTORDESK_TODAY may set it).
        self.today: Callable[[], date] = context.today
        self.board: matching.Board | None = None
        self.drafts: list[Pair] = []
        self.undo_stack = QUndoStack(self)

        heading = QLabel(_("Matching"))
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "Drag a waiting mentee onto a mentor to propose a match. Or choose both "
                "and press Propose (or Enter on a mentee, then Enter on a mentor). The "
                "right-hand side explains how well the chosen pair fit."
            )
        )
        intro.setWordWrap(True)

        # --- the board: waiting mentees, mentors, fit and suggestions -----------------------
        self.waiting_model = WaitingModel()
        self.waiting_view = MenteeList(_("Waiting mentees"))
        self.waiting_view.setModel(self.waiting_model)
        self.mentor_model = MentorModel()
        self.mentor_view = MentorList(_("Mentors"))
        self.mentor_view.setModel(self.mentor_model)
        self.mentor_model.mentee_dropped.connect(self.propose)
        self.waiting_view.activated.connect(lambda _i: self._mentee_chosen())
        self.mentor_view.activated.connect(lambda _i: self.propose_selected())
        self.waiting_view.selectionModel().currentChanged.connect(lambda *_a: self._pair_changed())
        self.mentor_view.selectionModel().currentChanged.connect(lambda *_a: self._pair_changed())

        self.fit_view = FitView()
        self.drafts_list = QListWidget()
        self.drafts_list.setAccessibleName(_("Suggested pairs"))
        self.drafts_list.currentRowChanged.connect(lambda _r: self._draft_chosen())
        self.accept_button = _button(_("&Accept"), _("Accept suggestion"), self.accept_draft)
        self.reject_button = _button(_("Re&ject"), _("Reject suggestion"), self.reject_draft)
        draft_buttons = QWidget()
        draft_buttons.setLayout(flow_row(self.accept_button, self.reject_button))

        self.suggest_button = _button(
            _("&Suggest matches"), _("Suggest matches for everyone waiting"), self.suggest
        )
        self.propose_button = _button(
            _("Pr&opose match"), _("Propose the chosen mentee and mentor"), self.propose_selected
        )
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button = _button(_("Undo"), _("Undo the last board move"), self.undo_stack.undo)
        self.redo_button = _button(_("Redo"), _("Redo the board move"), self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        # Straight to the buttons' own slots, so nothing is called once they are gone.
        self.undo_stack.undoTextChanged.connect(self.undo_button.setToolTip)
        self.undo_stack.redoTextChanged.connect(self.redo_button.setToolTip)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        # After Undo or Redo the board message says what was taken back, never a stale result.
        self._board_index = 0
        self._pushing = False
        self.undo_stack.indexChanged.connect(self._board_moved)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_group(_("How well they fit"), self.fit_view))
        right.addWidget(
            _group(
                _("Suggested pairs"),
                self.drafts_list,
                draft_buttons,
                hint=_("Drafts only: accept or reject each one."),
            )
        )
        right.setSizes([330, 170])
        right.setChildrenCollapsible(False)
        self.drafts_list.setMinimumHeight(60)
        # Three columns when there is room; one under another on a narrow screen.
        columns = ReflowSplitter(side_by_side_from=720)
        columns.addWidget(_group(_("Waiting mentees"), self.waiting_view))
        columns.addWidget(_group(_("Mentors"), self.mentor_view))
        columns.addWidget(right)
        columns.setStretchFactor(0, 3)
        columns.setStretchFactor(1, 3)
        columns.setStretchFactor(2, 4)
        columns.setChildrenCollapsible(False)

        # --- open matches ------------------------------------------------------------------
        self.match_model = MatchTableModel()
        self.match_proxy = QSortFilterProxyModel(self)
        self.match_proxy.setSourceModel(self.match_model)
        self.match_proxy.setSortRole(SORT_ROLE)
        self.match_table = QTableView()
        self.match_table.setTabKeyNavigation(False)  # Tab leaves the table
        self.match_table.setModel(self.match_proxy)
        self.match_table.setAccessibleName(_("Open matches"))
        self.match_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.match_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.match_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.match_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.match_table.setSortingEnabled(True)
        self.match_table.verticalHeader().hide()
        self.match_table.setWordWrap(False)
        header = self.match_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 170)
        header.resizeSection(1, 170)
        header.resizeSection(2, 90)
        header.resizeSection(3, 90)
        self.match_table.selectionModel().selectionChanged.connect(lambda *_a: self._match_chosen())
        self.match_table.doubleClicked.connect(lambda _i: self.next_step())

        self.risk_button = _button(_("&Risk assessment…"), _("Risk assessment"), self.edit_risk)
        self.intro_button = _button(_("&Introduction…"), _("Introduction meeting"), self.edit_intro)
        self.agreement_button = _button(
            _("Agree&ment…"), _("Draw up the agreement"), self.edit_agreement
        )
        self.signatures_button = _button(
            _("Sig&natures…"), _("Record signatures"), self.edit_signatures
        )
        self.status_button = _button(_("Change s&tatus…"), _("Change status"), self.change_status)
        self.review_button = _button(_("Re&view…"), _("Record a review"), self.review)
        self.ending_button = _button(
            _("&Ending…"), _("Begin or carry on the ending"), self.end_match
        )
        self.print_button = _button(
            _("Print agreement…"), _("Print the agreement"), self.print_agreement
        )
        self.more_print_button = QPushButton(_("More printouts"))
        self.more_print_button.setAccessibleName(_("More printouts for the chosen match"))
        self.print_menu = QMenu(self.more_print_button)
        self.print_actions: dict[str, QAction] = {}
        for key, text in (
            ("review-latest", _("The latest review record")),
            ("review-blank", _("A blank review record")),
            ("closure-record", _("The closure record")),
            ("certificate-mentee", _("The mentee's certificate")),
            ("certificate-mentor", _("The mentor's certificate")),
        ):
            action = self.print_menu.addAction(text)
            action.triggered.connect(lambda _c=False, k=key: self.print_more(k))
            self.print_actions[key] = action
        self.more_print_button.setMenu(self.print_menu)
        self.match_buttons = (
            self.risk_button,
            self.intro_button,
            self.agreement_button,
            self.signatures_button,
            self.status_button,
            self.review_button,
            self.ending_button,
            self.print_button,
            self.more_print_button,
        )
        match_buttons = QWidget()
        match_buttons.setLayout(flow_row(*self.match_buttons))
        self.history_label = QLabel()
        self.history_label.setWordWrap(True)
        self.history_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        describe(self.history_label, _("The chosen match's history"))
        # A long history scrolls rather than squeezing the table of matches.
        history = QScrollArea()
        history.setWidgetResizable(True)
        history.setFrameShape(QFrame.Shape.NoFrame)
        history.setWidget(self.history_label)
        history.setMaximumHeight(120)
        matches_box = _group(
            _("Proposed and active matches"), self.match_table, match_buttons, history
        )

        board = QSplitter(Qt.Orientation.Vertical)
        board.addWidget(columns)
        board.addWidget(matches_box)
        board.setStretchFactor(0, 1)
        board.setStretchFactor(1, 1)
        board.setSizes([480, 360])
        board.setChildrenCollapsible(False)

        # --- the waiting list --------------------------------------------------------------
        self.waiting_table_model = WaitingTableModel()
        self.waiting_table = QTableView()
        self.waiting_table.setTabKeyNavigation(False)  # Tab leaves the table
        self.waiting_table.setModel(self.waiting_table_model)
        self.waiting_table.setAccessibleName(_("Waiting list"))
        self.waiting_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.waiting_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.waiting_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.waiting_table.verticalHeader().hide()
        self.waiting_table.setWordWrap(False)
        wheader = self.waiting_table.horizontalHeader()
        wheader.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        wheader.setStretchLastSection(True)
        for column, width in enumerate((80, 170, 220, 100, 100, 90)):
            wheader.resizeSection(column, width)
        self.priority_button = _button(
            _("Match &first…"), _("Mark as a priority to match"), self.mark_priority
        )
        self.unpriority_button = _button(
            _("Remove priority"), _("Remove the priority mark"), self.clear_priority
        )
        self.waiting_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        waiting_page = QWidget()
        waiting_layout = QVBoxLayout(waiting_page)
        waiting_hint = QLabel(
            _("Everyone waiting for a mentor: priorities first, then the longest wait.")
        )
        waiting_hint.setWordWrap(True)
        waiting_layout.addWidget(waiting_hint)
        waiting_layout.addWidget(self.waiting_table)
        waiting_layout.addLayout(flow_row(self.priority_button, self.unpriority_button))

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Matching views"))
        self.tabs.addTab(board, _("&Board"))
        self.tabs.addTab(waiting_page, _("&Waiting list"))

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        describe(self.status_label, _("Board messages"))
        toolbar = flow_row(
            self.suggest_button,
            self.propose_button,
            self.undo_button,
            self.redo_button,
            self.status_label,
        )

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(toolbar)
        layout.addWidget(self.tabs, 1)
        self._update_buttons()

    # --- plumbing ---------------------------------------------------------------------------
    def programme_id(self) -> int:
        assert self.context.programme_id is not None
        return self.context.programme_id

    def who(self) -> str:
        name = self.context.preferences.coordinator_name.strip()
        return name or (self.board.coordinator if self.board else "")

    def run(
        self,
        fn: Callable[[Session], Any],
        on_invalid: Callable[[dict[str, str]], None] | None = None,
    ) -> Any:
        return self.context.ops.run(self, fn, on_invalid=on_invalid)

    def is_affected_by(self, changes: Changes) -> bool:
        return changes.matches or changes.people or changes.programmes or changes.screening

    def _programme_changed(self, programme_id: object) -> None:
        self.undo_stack.clear()
        self.drafts = []
        super()._programme_changed(programme_id)

    # --- reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        programme_id = self.context.programme_id
        mentee = self.selected_mentee()
        mentor = self.selected_mentor()
        match = self.selected_match()
        waiting_row = self._selected_waiting_row()
        if programme_id is None:
            self.board = None
            for model in (self.waiting_model, self.mentor_model):
                model.set_rows([])
            self.match_model.set_rows([])
            self.waiting_table_model.set_rows([])
            self.fit_view.show_message(_("Create a programme first, on the Programmes page."))
            self._update_buttons()
            return
        today = self.today()
        self.board = self.context.ops.read(lambda s: self._read_board(s, programme_id, today))
        self.waiting_model.set_rows(self.board.waiting)
        self.mentor_model.set_rows(self.board.mentors)
        self.match_model.set_rows(self.board.matches)
        self.waiting_table_model.set_rows(self.board.waiting)
        waiting_ids = {w.participant_id for w in self.board.waiting}
        free = {m.participant_id for m in self.board.mentors if m.remaining and m.ready}
        self.drafts = [d for d in self.drafts if d.mentee_id in waiting_ids and d.mentor_id in free]
        self.show_drafts()
        self._select(self.waiting_view, self.waiting_model.row_of(mentee))
        self._select(self.mentor_view, self.mentor_model.row_of(mentor))
        self.select_match(match)
        row = self.waiting_table_model.row_of(waiting_row)
        if row >= 0:
            self.waiting_table.selectRow(row)
        self._pair_changed()
        self._update_buttons()

    @staticmethod
    def _read_board(s: Session, programme_id: int, today: date) -> matching.Board:
        board = matching.board(s, programme_id, today)
        due = reviews.reviews_due(s, programme_id, today)
        return replace(board, matches=reviews.mark_reviews_due(board.matches, due))

    def _select(self, view: QAbstractItemView, row: int) -> None:
        if row < 0:
            return
        index = view.model().index(row, 0)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def selected_mentee(self) -> int | None:
        index = self.waiting_view.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def selected_mentor(self) -> int | None:
        index = self.mentor_view.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def selected_match(self) -> int | None:
        rows = self.match_table.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def _selected_waiting_row(self) -> int | None:
        rows = self.waiting_table.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def select_waiting(self, mentee_id: int) -> None:
        self._select(self.waiting_view, self.waiting_model.row_of(mentee_id))

    def select_match(self, match_id: int | None) -> None:
        source_row = self.match_model.row_of(match_id)
        if source_row < 0:
            self.match_table.clearSelection()
            return
        row = self.match_proxy.mapFromSource(self.match_model.index(source_row, 0)).row()
        self.match_table.selectRow(row)

    def _name(self, rows: list[Any], participant_id: int | None) -> str:
        return next((r.name for r in rows if r.participant_id == participant_id), "")

    def _pair_changed(self) -> None:
        mentee, mentor = self.selected_mentee(), self.selected_mentor()
        self._update_buttons()
        if self.board is None or mentee is None or mentor is None:
            if mentee is not None and self.board is not None:
                self.fit_view.show_message(
                    _("Now choose a mentor for {name}.").format(
                        name=self._name(self.board.waiting, mentee)
                    )
                )
            else:
                self.fit_view.show_message(
                    _("Choose a waiting mentee and a mentor to see how well they fit.")
                )
            return
        programme_id, today = self.programme_id(), self.today()
        fit = self.context.ops.read(
            lambda s: matching.explain(s, programme_id, mentor, mentee, today)
        )
        self.fit_view.show_fit(
            self._name(self.board.mentors, mentor), self._name(self.board.waiting, mentee), fit
        )

    def _update_buttons(self) -> None:
        has_programme = self.board is not None
        self.suggest_button.setEnabled(has_programme)
        self.propose_button.setEnabled(
            self.selected_mentee() is not None and self.selected_mentor() is not None
        )
        draft = self.drafts_list.currentRow() >= 0
        self.accept_button.setEnabled(draft)
        self.reject_button.setEnabled(draft)
        row = self._match_row()
        open_steps = row is not None and row.status in (
            MatchStatus.PROPOSED,
            MatchStatus.INTRODUCED,
        )
        self.risk_button.setEnabled(row is not None)
        self.intro_button.setEnabled(open_steps)
        self.agreement_button.setEnabled(open_steps)
        self.signatures_button.setEnabled(row is not None)
        self.status_button.setEnabled(row is not None)
        reviewed = row is not None and row.status in reviews.REVIEWED_STATUSES
        self.review_button.setEnabled(reviewed)
        self.ending_button.setEnabled(row is not None and row.status in endings.ENDABLE)
        self.print_button.setEnabled(row is not None)
        self.more_print_button.setEnabled(row is not None)
        waiting = self._waiting_table_row()
        self.priority_button.setEnabled(waiting is not None)
        self.unpriority_button.setEnabled(waiting is not None and waiting.priority)

    def _match_row(self) -> matching.MatchRow | None:
        match_id = self.selected_match()
        return next((m for m in self.match_model.rows if m.match_id == match_id), None)

    def _waiting_table_row(self) -> matching.WaitingRow | None:
        pid = self._selected_waiting_row()
        return next((w for w in self.waiting_table_model.rows if w.participant_id == pid), None)

    def _match_chosen(self) -> None:
        self._update_buttons()
        match_id = self.selected_match()
        if match_id is None:
            self.history_label.clear()
            return
        details = self.context.ops.read(lambda s: matching.match_details(s, match_id))
        lines = [
            _("{mentee} with {mentor}. Next: {step}").format(
                mentee=details.mentee_name, mentor=details.mentor_name, step=details.next_step
            )
        ]
        for h in details.history:
            line = _("{date}: {change}").format(date=format_date(h.on), change=h.text)
            if h.by:
                line += _(" (by {name})").format(name=h.by)
            if h.note:
                line += f" – {h.note}"
            lines.append(line)
        held, next_on = self.context.ops.read(
            lambda s: (reviews.reviews_of(s, match_id), reviews.next_review_for(s, match_id))
        )
        for r in held:
            line = _("{date}: Review – {summary}")
            lines.append(line.format(date=format_date(r.held_on), summary=r.summary))
        if next_on is not None:
            lines.append(_("Next review: {date}").format(date=format_date(next_on)))
        self.history_label.setText("\n".join(lines))

    # --- board messages ---------------------------------------------------------------------
    def say(self, message: str) -> None:
        """Show a board message and have a screen reader announce it."""
        self.status_label.setText(message)
        announce(self.status_label, message)

    def _push(self, command: QUndoCommand) -> None:
        self._pushing = True
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing = False
            self._board_index = self.undo_stack.index()

    def _board_moved(self, index: int) -> None:
        before, self._board_index = self._board_index, index
        if self._pushing or self.undo_stack.count() == 0:
            return  # a new move says its own message; a cleared stack keeps the last one
        if index < before:
            self.say(_("Undone: {move}.").format(move=self.undo_stack.text(index)))
        elif index > before:
            self.say(_("Done again: {move}.").format(move=self.undo_stack.text(index - 1)))

    # --- board moves ------------------------------------------------------------------------
    def _mentee_chosen(self) -> None:
        mentee = self.selected_mentee()
        if mentee is None:
            return
        self.mentor_view.setFocus()
        if not self.mentor_view.currentIndex().isValid() and self.mentor_model.rowCount():
            self._select(self.mentor_view, 0)
        self.say(
            _("Choose a mentor for {name} and press Enter.").format(
                name=self._name(self.board.waiting if self.board else [], mentee)
            )
        )

    def propose_selected(self) -> None:
        mentee, mentor = self.selected_mentee(), self.selected_mentor()
        if mentee is None or mentor is None:
            self.say(_("Choose a waiting mentee and a mentor first."))
            return
        self.propose(mentee, mentor)

    def propose(self, mentee_id: int, mentor_id: int, draft: Pair | None = None) -> bool:
        board = self.board
        names = {
            "mentee": self._name(board.waiting if board else [], mentee_id),
            "mentor": self._name(board.mentors if board else [], mentor_id),
        }
        command = ProposeCommand(
            self, mentee_id, mentor_id, _("propose {mentee} with {mentor}").format(**names)
        )
        command.draft = draft
        self._push(command)
        done = command.match_id is not None
        if done:
            self.say(_("Proposed {mentee} with {mentor}.").format(**names))
        return done

    def suggest(self) -> None:
        programme_id, today = self.programme_id(), self.today()

        def work() -> list[Pair]:
            with self.context.database.session() as s:
                return matching.suggestions(s, programme_id, today)

        def done(pairs: list[Pair]) -> None:
            self.drafts = pairs
            self.show_drafts()
            self.say(
                ngettext("{n} pair suggested.", "{n} pairs suggested.", len(pairs)).format(
                    n=len(pairs)
                )
                if pairs
                else _("No pairs to suggest: nobody ready is waiting for a free mentor.")
            )
            if pairs:
                self.drafts_list.setCurrentRow(0)
                self.drafts_list.setFocus()

        def failed(error: BaseException) -> None:
            raise error

        self.context.tasks.submit(self, _("Working out the best pairs…"), work, done, failed)

    def show_drafts(self) -> None:
        current = self.drafts_list.currentRow()
        self.drafts_list.clear()
        board = self.board
        for draft in self.drafts:
            text = _("{mentee} with {mentor} (fit {score})").format(
                mentee=self._name(board.waiting if board else [], draft.mentee_id),
                mentor=self._name(board.mentors if board else [], draft.mentor_id),
                score=round(draft.score),
            )
            QListWidgetItem(text, self.drafts_list)
        if self.drafts:
            self.drafts_list.setCurrentRow(min(max(current, 0), len(self.drafts) - 1))
        self._update_buttons()

    def _draft_chosen(self) -> None:
        row = self.drafts_list.currentRow()
        if 0 <= row < len(self.drafts):
            draft = self.drafts[row]
            self.select_waiting(draft.mentee_id)
            self._select(self.mentor_view, self.mentor_model.row_of(draft.mentor_id))
        self._update_buttons()

    def accept_draft(self) -> None:
        row = self.drafts_list.currentRow()
        if 0 <= row < len(self.drafts):
            draft = self.drafts[row]
            self.propose(draft.mentee_id, draft.mentor_id, draft)

    def reject_draft(self) -> None:
        row = self.drafts_list.currentRow()
        if 0 <= row < len(self.drafts):
            draft = self.drafts[row]
            self._push(RejectDraftCommand(self, draft, _("reject a suggestion")))
            self.say(_("Suggestion rejected."))

    # --- one match --------------------------------------------------------------------------
    def _pair_text(self, row: matching.MatchRow) -> str:
        return _("{mentee} with {mentor}").format(mentee=row.mentee_name, mentor=row.mentor_name)

    def _edit(
        self, dialog: MatchDialog, save: Callable[[Session], Any], moves_on: bool = True
    ) -> bool:
        """Open `dialog` until its values save (service messages go under the fields)."""
        while dialog.exec() == QDialog.DialogCode.Accepted:
            result = self.run(save, on_invalid=dialog.show_errors)
            if result is not None:
                if moves_on:
                    # The match has moved on: earlier board moves can no longer be taken back.
                    self.undo_stack.clear()
                return True
        return False

    def edit_risk(self) -> None:
        row = self._match_row()
        if row is None:
            return
        today, who = self.today(), self.who()
        details = self.context.ops.read(
            lambda s: matching.risk_details(s, row.match_id, today, who)
        )
        dialog = RiskDialog(self._pair_text(row), details, self)
        self._edit(
            dialog,
            lambda s: matching.record_risk_assessment(s, row.match_id, _accepted(dialog.value)),
        )

    def edit_intro(self) -> None:
        row = self._match_row()
        if row is None:
            return
        today, who = self.today(), self.who()
        details = self.context.ops.read(
            lambda s: matching.introduction_details(s, row.match_id, today)
        )
        if not details.staff_present:
            details = matching.IntroductionDetails(details.held_on, who, details.outcome, "")
        dialog = IntroductionDialog(self._pair_text(row), details, self)
        self._edit(
            dialog,
            lambda s: matching.record_introduction(
                s, row.match_id, _accepted(dialog.value), today, who
            ),
        )

    def edit_agreement(self) -> None:
        row = self._match_row()
        if row is None:
            return
        today, who = self.today(), self.who()

        def read(s: Session) -> tuple[matching.AgreementDetails, list[tuple[str, str]]]:
            details = matching.agreement_details(s, row.match_id, today)
            programme = programmes.get_programme(s, self.programme_id())
            return details, programmes.rules_for_print(programme)[:6]

        details, rules = self.context.ops.read(read)
        dialog = AgreementDialog(self._pair_text(row), details, rules, self)
        if self._edit(
            dialog,
            lambda s: matching.draw_up_agreement(
                s, row.match_id, _accepted(dialog.value), today, who
            ),
        ):
            self.say(_("Agreement saved: print it for signing."))

    def edit_signatures(self) -> None:
        row = self._match_row()
        if row is None:
            return
        today, who = self.today(), self.who()
        details = self.context.ops.read(lambda s: matching.match_details(s, row.match_id))
        if details.signatures is None:
            self.say(_("Draw up the agreement before recording signatures."))
            return
        coordinator = self.board.coordinator if self.board else ""
        dialog = SignaturesDialog(
            self._pair_text(row),
            (details.mentor_name, details.mentee_name, coordinator),
            details.signatures,
            self,
        )
        self._edit(
            dialog,
            lambda s: matching.record_signatures(
                s, row.match_id, _accepted(dialog.value), today, who
            ),
        )

    def change_status(self) -> None:
        row = self._match_row()
        if row is None:
            return
        today, who = self.today(), self.who()
        details = self.context.ops.read(lambda s: matching.match_details(s, row.match_id))
        if not details.allowed:
            self.say(_("Nothing to change: {step}").format(step=details.next_step))
            return
        allowed = details.allowed
        if details.started_on is not None:
            # A relationship that started ends through the ending wizard, step by step.
            allowed = tuple(a for a in allowed if a not in (MatchStatus.ENDING, MatchStatus.CLOSED))
        if not allowed:
            self.end_match()
            return
        dialog = StatusDialog(self._pair_text(row), allowed, today, self)

        def save(s: Session) -> Changes:
            status, on, note, ending = _accepted(dialog.value)
            return matching.change_status(s, row.match_id, status, on, today, who, note, ending)

        self._edit(dialog, save)

    def next_step(self) -> None:
        row = self._match_row()
        if row is None:
            return
        step = {
            matching.NEXT_RISK: self.edit_risk,
            matching.NEXT_INTRO: self.edit_intro,
            matching.NEXT_AGREEMENT: self.edit_agreement,
            matching.NEXT_SIGNATURES: self.edit_signatures,
            matching.NEXT_ENDING: self.end_match,
            reviews.NEXT_REVIEW: self.review,
        }.get(row.next_key, self.change_status)
        step()

    def review(self) -> None:
        row = self._match_row()
        if row is None:
            return
        today, who = self.today(), self.who()
        context = self.context.ops.read(lambda s: reviews.review_context(s, row.match_id, today))
        dialog = ReviewDialog(context, today, self)
        if self._edit(
            dialog,
            lambda s: reviews.record_review(s, row.match_id, _accepted(dialog.value), today, who),
        ):
            value = _accepted(dialog.value)
            if value.decision is ReviewDecision.MOVE_TO_ENDING:
                self.say(_("Review saved; the match is now ending. Press Ending… to carry on."))
            else:
                self.say(_("Review saved. To print it for signing, use More printouts."))

    def end_match(self) -> None:
        """Open the ending wizard (it begins the ending the first time)."""
        row = self._match_row()
        if row is None or row.status not in endings.ENDABLE:
            return
        if row.status is not MatchStatus.ENDING:
            answer = QMessageBox.question(
                self,
                _("Begin the ending"),
                _(
                    "Begin the ending of {pair}? The match shows as ending while you go "
                    "through the steps. You can stop at any point and carry on later."
                ).format(pair=self._pair_text(row)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.ending_wizard = EndingWizard(self.context, row.match_id, self.who(), self)
        self.ending_wizard.open()

    def print_more(self, key: str) -> None:
        match_id = self.selected_match()
        if match_id is None:
            return
        if key == "review-blank":
            show_printout(self, self.context, "review-record", 0)
            return
        if key == "review-latest":
            rows = self.context.ops.read(lambda s: reviews.reviews_of(s, match_id))
            if not rows:
                self.say(_("No review has been recorded for this match yet."))
                return
            show_printout(self, self.context, "review-record", rows[-1].id)
            return
        show_printout(self, self.context, key, match_id)

    def print_agreement(self) -> None:
        match_id = self.selected_match()
        if match_id is not None:
            show_printout(self, self.context, "agreement", match_id)

    # --- the waiting list -------------------------------------------------------------------
    def mark_priority(self) -> None:
        row = self._waiting_table_row()
        if row is None:
            return
        dialog = PriorityDialog(row.name, row.priority_note, self)
        today = self.today()
        self._edit(
            dialog,
            lambda s: matching.set_priority(s, row.participant_id, True, dialog.value, today),
            moves_on=False,
        )

    def clear_priority(self) -> None:
        row = self._waiting_table_row()
        if row is not None:
            today = self.today()
            self.run(lambda s: matching.set_priority(s, row.participant_id, False, "", today))
