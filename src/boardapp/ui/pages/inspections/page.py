"""Inspections: every inspection and visit, its findings, and the actions answering each finding.

The link is shown both ways: choose a finding to see the actions that answer it,
and open one of those actions in the register (the action editor shows, from the
other side, the findings an action answers).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.linked_actions import LinkedActionsPanel
from boardapp.ui.common.table_page import TablePage, fit_columns, heading, make_table, select_first

if TYPE_CHECKING:
    from sqlmodel import Session

_KIND = {"STRENGTH": "Strength", "AREA_FOR_DEVELOPMENT": "Area for development", "RECOMMENDATION": "Recommendation"}
_AREA = {
    "LEADERS": "Impact of leaders", "HELP_AND_PROTECTION": "Help and protection", "CHILDREN_IN_CARE": "Children in care",
    "CARE_LEAVERS": "Care leavers", "OVERALL": "Overall effectiveness",
}
_GRADE = {"OUTSTANDING": "Outstanding", "GOOD": "Good", "REQUIRES_IMPROVEMENT": "Requires improvement", "INADEQUATE": "Inadequate"}

INSPECTION_COLUMNS: list[Column[Any]] = [
    Column("Inspection", lambda r: r.label, tooltip=lambda r: r.summary or r.label),
    Column("From", lambda r: r.start_date),
    Column("To", lambda r: r.end_date),
    Column("Focus area", lambda r: r.focus_area, tooltip=lambda r: r.focus_area),
    Column("Status", lambda r: r.status.capitalize()),
    Column("Letter published", lambda r: r.published_date),
    Column("Overall", lambda r: _GRADE.get(r.overall_grade or "", "")),
    Column("Strengths", lambda r: r.strengths),
    Column("For development", lambda r: r.areas_for_development),
    Column("Recommendations", lambda r: r.recommendations),
]
FINDING_COLUMNS: list[Column[Any]] = [
    Column("Kind", lambda r: _KIND.get(r.kind, r.kind)),
    Column("ILACS area", lambda r: _AREA.get(r.ilacs_area or "", "")),
    Column("Finding", lambda r: r.text, tooltip=lambda r: r.text),
    Column("Actions", lambda r: r.action_count),
]


class InspectionsPage(TablePage):
    """Inspections (top), findings of the chosen one (bottom left), actions of the chosen finding (bottom right)."""

    title = "Inspections"
    blurb = "The ILACS judgement, the monitoring visits and their findings. Choose a finding to see the actions that answer it."
    action_requested = Signal(object, int)  # ActionFilter, action id: open it in the register

    def build(self) -> None:
        self.inspections, self.inspection_model = make_table("Inspections", INSPECTION_COLUMNS)
        fit_columns(self.inspections, (210, 90, 90, 300, 90, 130, 110, 80, 130))
        self.findings, self.finding_model = make_table("Findings of the chosen inspection", FINDING_COLUMNS)
        fit_columns(self.findings, (150, 170, 420))
        self.linked_panel = LinkedActionsPanel("Actions answering this finding", "Actions answering the chosen finding")
        self.linked_panel.action_requested.connect(self.action_requested)
        self.grades = QLabel("")
        self.grades.setWordWrap(True)
        self.grades.setObjectName("muted")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading("Findings", "sectionTitle"))
        left_layout.addWidget(self.grades)
        left_layout.addWidget(self.findings, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(left)
        bottom.addWidget(self.linked_panel)
        bottom.setSizes([700, 350])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.inspections)
        split.addWidget(bottom)
        split.setSizes([260, 400])
        self.body.addWidget(split, 1)

        self.inspections.selectionModel().currentRowChanged.connect(self._inspection_chosen)
        self.findings.selectionModel().currentRowChanged.connect(self._finding_chosen)

    def load(self, session: "Session") -> None:
        from boardapp.services.inspections.queries import list_inspections

        rows = list_inspections(session=session)
        newest_first = list(reversed(rows))
        self.inspection_model.set_rows(newest_first)
        # Start on the newest inspection that has findings (a planned visit has none yet).
        with_findings = [i for i, r in enumerate(newest_first) if r.strengths + r.areas_for_development + r.recommendations]
        if with_findings:
            self.inspections.selectRow(with_findings[0])
        else:
            select_first(self.inspections)

    def _inspection_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from boardapp.services.inspections.queries import inspection_detail

        if not current.isValid():
            return
        row = self.inspection_model.row_at(current.row())
        with self.ctx.session() as session:
            detail = inspection_detail(row.id, session=session)
        judgements = "; ".join(f"{g.area_label}: {g.grade_label}" for g in detail.grades)
        self.grades.setText(f"{row.label}. Judgements — {judgements}" if judgements else row.label)
        self.finding_model.set_rows(list(detail.findings))
        self.linked_panel.set_actions([])
        select_first(self.findings)

    def _finding_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from boardapp.services.plan.queries import actions_for_finding

        if not current.isValid():
            return
        finding = self.finding_model.row_at(current.row())
        with self.ctx.session() as session:
            self.linked_panel.set_actions(actions_for_finding(finding.id, session=session))
