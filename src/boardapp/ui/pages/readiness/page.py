"""Readiness for the next visit: days to go, the findings in its focus area from earlier visits
and the ILACS, the actions answering them and their measures, and what is due before it.

Every summary figure is a card: click it (or Tab to it and press Space) to list what it
counts; its tooltip gives the exact definition (``inspections.readiness.FIGURES``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from boardapp.services.inspections.readiness import (
    BEFORE_VISIT_DEFINITION, FIGURES, NEXT_VISIT_DEFINITION, Readiness,
)
from boardapp.services.plan.filters import ActionFilter
from boardapp.ui.common.delegates import BragDelegate
from boardapp.ui.common.empty_state import EmptyState, EmptySwitch
from boardapp.ui.common.figure_card import FigureCard
from boardapp.ui.common.table_page import TablePage, fit_columns, heading
from boardapp.ui.pages.readiness.models import (
    BeforeVisitModel, FocusFindingsModel, ReadinessActionsModel, owner_lines,
)

if TYPE_CHECKING:
    from sqlmodel import Session

#: What the lists show when no figure is chosen.
ALL = "findings_in_focus"
_LIST_TITLES = {
    "findings_in_focus": "Findings in focus", "findings_without_action": "Findings in focus with no action",
    "linked_actions": "Every linked action", "on_track_share": "Linked actions on track (Blue or Green)",
    "red": "Red linked actions", "overdue": "Overdue linked actions",
    "due_after_visit": "Linked actions due after the visit", "without_evidence": "Linked actions with no evidence of impact",
}


def _view(name: str, model: Any, *, sortable: bool = True) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    if sortable:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    return view


class ReadinessPage(TablePage):
    """Summary cards, then the list behind the chosen figure, and "Before the visit" by owner."""

    title = "Readiness for the next visit"
    blurb = ""
    action_requested = Signal(object, int)  # ActionFilter, action id: open it in the register
    loaded = Signal()  # a read (off the UI thread) has been shown
    new_visit_requested = Signal()  # the empty state's "Add the next visit…" (the Inspections page does it)

    def write_controls(self) -> list[Any]:
        """None: it reads; "Add the next visit" goes to the Inspections page's gated command."""
        return []

    def build(self) -> None:
        self.readiness: Readiness | None = None
        self._task: object | None = None
        self.figure = ALL
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        self.subtitle.setAccessibleName("The next visit")
        self.subtitle.setToolTip(f"The next visit: {NEXT_VISIT_DEFINITION}")
        self.body.addWidget(self.subtitle)
        cards = QGridLayout()
        cards.setSpacing(6)
        self.cards: dict[str, FigureCard] = {}
        self.card_group = QButtonGroup(self)
        self.card_group.setExclusive(True)
        for n, figure in enumerate(FIGURES):
            card = FigureCard(figure.caption, f"{figure.caption}: list them", figure.definition, checkable=True)
            card.clicked.connect(lambda _=False, key=figure.key: self.show_figure(key))
            self.card_group.addButton(card)
            self.cards[figure.key] = card
            cards.addWidget(card, 0, n)
        self.body.addLayout(cards)

        self.findings_model = FocusFindingsModel(self)
        self.findings = _view("Findings in focus", self.findings_model)
        fit_columns(self.findings, (104, 150, 120))
        self.findings_title = heading("Findings in focus", "sectionTitle")
        self.show_all = QPushButton("Show all findings")
        self.show_all.setAccessibleName("Show all the findings in focus")
        self.show_all.clicked.connect(lambda _=False: self.show_figure(ALL))
        self.actions_model = ReadinessActionsModel(self)
        self.actions = _view("Actions answering the findings", self.actions_model)
        self.actions.setItemDelegateForColumn(ReadinessActionsModel.BRAG_COLUMN, BragDelegate(self.actions))
        fit_columns(self.actions, (50, 190, 120, 70, 84, 80, 150))
        self.actions_title = heading("Actions", "sectionTitle")
        self.open_button = QPushButton("Show in the register")
        self.open_button.setAccessibleName("Show the chosen action in the register")
        self.open_button.clicked.connect(lambda _=False: self.open_action())

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.findings_title)
        row.addStretch(1)
        row.addWidget(self.show_all)
        left_layout.addLayout(row)
        left_layout.addWidget(self.findings, 2)
        row = QHBoxLayout()
        row.addWidget(self.actions_title)
        row.addStretch(1)
        row.addWidget(self.open_button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.actions, 3)

        self.before_model = BeforeVisitModel(self)
        self.before = _view("Before the visit: open actions due by its first day, by owner", self.before_model,
                            sortable=False)
        self.before.setItemDelegateForColumn(BeforeVisitModel.BRAG_COLUMN, BragDelegate(self.before))
        fit_columns(self.before, (124, 46, 70, 84))
        self.before_title = heading("Before the visit", "sectionTitle")
        self.before_title.setToolTip(BEFORE_VISIT_DEFINITION)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.before_title)
        right_layout.addWidget(self.before, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([820, 360])
        self.no_visit = EmptyState(
            "No visit expected yet",
            "Readiness is worked out for the next monitoring visit or inspection. Add the visit Ofsted has "
            "told you of, or the one you expect, with its ILACS area, and this page lists the findings in "
            "that area, the actions answering them and what is due before the visit.",
            [("Add the next &visit…", self.new_visit_requested.emit)], name="No visit expected")
        self.content = EmptySwitch(split, self.no_visit)
        self.body.addWidget(self.content, 1)
        self.findings.selectionModel().currentRowChanged.connect(self._finding_chosen)
        self.actions.activated.connect(lambda _i: self.open_action())
        self.before.activated.connect(lambda index: self._open_before(index.row()))
        self.ctx.changed.connect(lambda kind: self.mark_stale() if kind in ("inspections", "performance") else None)
        self.ctx.actions_changed.connect(lambda _ids: self.mark_stale())

    # -- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read readiness off the UI thread (a big plan takes a second or two); the figures shown stay
        until the new ones arrive, and only the latest read is shown."""
        from boardapp.services.readiness_read import read_readiness_file
        from boardapp.ui.common.tasks import Task

        self._stale = False
        path, today = self.ctx.db_path, self.ctx.today()
        if self.readiness is None:
            self.subtitle.setText("Reading the findings and actions…")
        task = Task(lambda _control: read_readiness_file(path, today=today), self)
        task.finished.connect(lambda result, t=task: self._loaded(result) if t is self._task else None)
        task.failed.connect(lambda message: self.subtitle.setText(f"Readiness could not be read: {message}"))
        self._task = task.start()

    def _loaded(self, readiness: Readiness) -> None:
        self.set_readiness(readiness)
        self.loaded.emit()

    def load(self, session: "Session") -> None:
        """The same read on the caller's session (tests and callers that already hold one)."""
        from boardapp.services.readiness_read import read_readiness

        self.set_readiness(read_readiness(session=session, today=self.ctx.today()))

    def set_readiness(self, readiness: Readiness) -> None:
        self.readiness = readiness
        self.findings_model.readiness = readiness
        visit = readiness.next_visit
        for figure in FIGURES:
            self.cards[figure.key].setEnabled(visit is not None)
        self.content.set_empty(visit is None)
        if visit is None:
            self.subtitle.setText(f"No monitoring visit or inspection is expected or scheduled after "
                                  f"{readiness.today:%d/%m/%Y}. Add the next one on the Inspections page.")
            for card in self.cards.values():
                card.set_figure("—")
        else:
            days = readiness.days_to_go or 0
            when = "under way" if days < 0 else "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} to go"
            area = readiness.focus_area_label or "no ILACS area chosen: edit the visit on the Inspections page"
            self.subtitle.setText(
                f"{visit.label} · {visit.status.capitalize()} · {visit.start_date:%d/%m/%Y} to "
                f"{visit.end_date:%d/%m/%Y} · {when} · Focus: {visit.focus_area or 'not yet announced'} · "
                f"ILACS area: {area} · as at {readiness.today:%d/%m/%Y}")
            details = {"on_track_share": f"{len(readiness.action_ids('on_track_share'))} of {len(readiness.actions)}"}
            for figure in FIGURES:
                self.cards[figure.key].set_figure(readiness.value_text(figure.key), details.get(figure.key, ""))
        n = readiness.before_visit_count
        self.before_title.setText(f"Before the visit ({n})" if visit else "Before the visit")
        self.before_model.set_rows(owner_lines(readiness))
        self.show_figure(self.figure)

    def show_figure(self, key: str) -> None:
        """List what a figure counts: findings for the finding figures, linked actions for the rest."""
        self.figure = key
        r = self.readiness
        card = self.cards.get(key)
        if card is not None:
            card.setChecked(True)
        if r is None:
            return
        if key.startswith("findings"):
            ids = set(r.finding_ids(key))
            rows = [f for f in r.findings if f.id in ids]
            self.findings_model.set_rows(rows)
            self.findings_title.setText(f"{_LIST_TITLES[key]} ({len(rows)})")
            self.show_all.setVisible(key != ALL)
            if rows:
                self.findings.selectRow(0)
                self._show_finding_actions(rows[0].id)
            else:
                self._show_actions([], "No finding is chosen")
            return
        self.findings_model.set_rows(list(r.findings))
        self.findings_title.setText(f"Findings in focus ({len(r.findings)})")
        self.show_all.setVisible(False)
        self.findings.clearSelection()
        ids = set(r.action_ids(key))
        self._show_actions([a for a in r.actions if a.id in ids], f"{_LIST_TITLES[key]} ({len(ids)})")

    def _finding_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_finding_actions(self.findings_model.row_at(current.row()).id)

    def _show_finding_actions(self, finding_id: int) -> None:
        r = self.readiness
        finding = next((f for f in r.findings if f.id == finding_id), None) if r else None
        if r is None or finding is None:
            return
        actions = [a for a in (r.action(i) for i in finding.action_ids) if a is not None]
        title = f"Actions answering the chosen finding ({len(actions)})" if actions else \
            "No action answers the chosen finding"
        self._show_actions(actions, title)

    def _show_actions(self, actions: list[Any], title: str) -> None:
        self.actions_model.set_rows(actions)
        self.actions_title.setText(title)
        self.open_button.setEnabled(bool(actions))

    def open_action(self) -> None:
        index = self.actions.currentIndex()
        if not index.isValid() and self.actions_model.rowCount():
            index = self.actions_model.index(0, 0)
        if index.isValid():
            self.action_requested.emit(ActionFilter(), self.actions_model.row_at(index.row()).id)

    def _open_before(self, row: int) -> None:
        if 0 <= row < self.before_model.rowCount():
            self.action_requested.emit(ActionFilter(before_next_visit=True), self.before_model.row_at(row).action.id)
