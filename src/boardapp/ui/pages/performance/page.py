"""Performance: the scorecard of measures with latest value, target, RAG and direction."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QSplitter

from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.linked_actions import LinkedActionsPanel
from boardapp.ui.common.table_page import TablePage, fit_columns, make_table, select_first

if TYPE_CHECKING:
    from sqlmodel import Session

_DIRECTION = {"BETTER": "↑ Better", "WORSE": "↓ Worse", "SAME": "→ Same", "NEW": "• New"}


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()


def _polarity(polarity: str) -> str:
    return "Higher is better" if polarity == "HIGHER_IS_BETTER" else "Lower is better"


def _number(name: str, header: str) -> Column[Any]:
    """A value column shown with the measure's unit, sorted by the number."""
    return Column(header, lambda r: _value(getattr(r, name), r.unit), align=_RIGHT, sort_key=lambda r: getattr(r, name))


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

COLUMNS: list[Column[Any]] = [
    Column("Code", lambda r: r.code),
    Column("Measure", lambda r: r.title, tooltip=lambda r: f"{r.title} ({_polarity(r.polarity).lower()})"),
    Column("Theme", lambda r: r.theme_code),
    Column("Month", lambda r: r.latest_period, fmt=lambda d: f"{d:%b %Y}" if d else ""),
    _number("latest_value", "Latest"),
    _number("target", "Target"),
    _number("floor", "Floor"),
    Column("RAG", lambda r: r.rag.label if r.rag else "No target", tooltip=lambda r: r.rag_reason),
    Column("Direction", lambda r: _DIRECTION.get(r.direction or "", ""),
           tooltip=lambda r: f"Previous value {_value(r.previous_value, r.unit) or '—'}; {_polarity(r.polarity).lower()}"),
    _number("neighbours", "Neighbours"),
    _number("england", "England"),
]


class PerformancePage(TablePage):
    """The scorecard (top) and the actions linked to the chosen measure (bottom)."""

    title = "Performance"
    blurb = "The scorecard: each measure's latest month against its target, its RAG rating and its direction of travel."
    action_requested = Signal(object, int)  # ActionFilter, action id: open it in the register

    def build(self) -> None:
        self.table, self.model = make_table("Performance scorecard", COLUMNS)
        fit_columns(self.table, (60, 320, 60, 80, 90, 80, 80, 80, 100, 100))
        self.linked_panel = LinkedActionsPanel("Actions linked to this measure", "Actions linked to the chosen measure")
        self.linked_panel.action_requested.connect(self.action_requested)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.linked_panel)
        split.setSizes([420, 200])
        self.body.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(self._measure_chosen)

    def load(self, session: "Session") -> None:
        from boardapp.services.performance.queries import scorecard

        self.model.set_rows(scorecard(session=session))
        select_first(self.table)

    def _measure_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from boardapp.services.plan.queries import actions_for_kpi

        if not current.isValid():
            return
        measure = self.model.row_at(current.row())
        with self.ctx.session() as session:
            self.linked_panel.set_actions(actions_for_kpi(measure.id, session=session))
