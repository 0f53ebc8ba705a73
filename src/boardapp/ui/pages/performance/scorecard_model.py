"""The scorecard table: value, target and floor beside the RAG (a chip with its word), directions, comparators."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from boardapp.domain.enums import Polarity
from boardapp.services.performance.queries import ScorecardRow
from boardapp.ui.common.colours import BRAG_COLOURS
from boardapp.ui.common.row_table_model import Column, RowTableModel
from boardapp.ui.pages.performance.figures_model import figure_text, grid_text

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_DIRECTION = {"BETTER": "↑ Better", "WORSE": "↓ Worse", "SAME": "→ Same", "NEW": "• New"}


def _polarity(polarity: str) -> str:
    return Polarity(polarity).label.lower()


def _number(name: str, header: str, tip: Any = None) -> Column[ScorecardRow]:
    """A value column, sorted by the number: % written, other units (children, days) in the tooltip."""
    def tooltip(r: ScorecardRow) -> str:
        text = figure_text(getattr(r, name), r.unit) or "none"
        return f"{header}: {text}" + (f" — {tip(r)}" if tip is not None else "")

    return Column(header, lambda r: grid_text(getattr(r, name), r.unit), align=_RIGHT,
                  sort_key=lambda r: getattr(r, name), tooltip=tooltip)


def _previous_tip(r: ScorecardRow) -> str:
    when = f" ({r.previous_period:%b %Y})" if r.previous_period else ""
    return f"Previous figure{when}: {figure_text(r.previous_value, r.unit) or 'none'}; {_polarity(r.polarity)}"


def _year_tip(r: ScorecardRow) -> str:
    if r.latest_period is None:
        return "No figures yet"
    return (f"A year before ({r.latest_period.year - 1} {r.latest_period:%b}): "
            f"{figure_text(r.year_ago_value, r.unit) or 'no figure'}; {_polarity(r.polarity)}")


def _comparator_tip(r: ScorecardRow) -> str:
    if not r.comparator_period:
        return "No published comparators yet (File › Import comparators…)"
    region = f"; region {r.region_name}" if r.region_name else ""
    return f"Published period {r.comparator_period}{region}"


COLUMNS: list[Column[ScorecardRow]] = [
    Column("Code", lambda r: r.code),
    Column("Measure", lambda r: r.title, tooltip=lambda r: f"{r.title} ({r.unit}; {_polarity(r.polarity)})"
           + (f"; {r.period_note}" if r.period_note else "")),
    Column("Month", lambda r: r.latest_period, fmt=lambda d: f"{d:%b %Y}" if d else "—"),
    _number("latest_value", "Value"),
    _number("target", "Target"),
    _number("floor", "Floor"),
    Column("RAG", lambda r: r.rag.label if r.rag else "No RAG", tooltip=lambda r: r.rag_reason,
           sort_key=lambda r: {"RED": 0, "AMBER": 1, "GREEN": 2}.get(r.rag.value if r.rag else "", 3)),
    Column("Previous", lambda r: _DIRECTION.get(r.direction or "", "—"), tooltip=_previous_tip),
    Column("Last year", lambda r: _DIRECTION.get(r.year_direction or "", "—"), tooltip=_year_tip),
    _number("england", "England", _comparator_tip),
    _number("region", "Region", _comparator_tip),
    _number("neighbours", "Neighbours", _comparator_tip),
]


class ScorecardModel(RowTableModel[ScorecardRow]):
    """RowTableModel with the RAG column's colours for the chip delegate."""

    RAG_COLUMN = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and index.isValid()
                and index.column() == self.RAG_COLUMN and 0 <= index.row() < self.rowCount()):
            rag = self.row_at(index.row()).rag
            if rag is None:
                return QColor("#e0e0e0") if role == Qt.ItemDataRole.BackgroundRole else QColor("#1a1a1a")
            fill, ink = BRAG_COLOURS[rag.value]
            return QColor(fill if role == Qt.ItemDataRole.BackgroundRole else ink)
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and index.column() == self.RAG_COLUMN:
            row = self.row_at(index.row())
            return row.rag_reason
        return super().data(index, role)

    def row_of(self, kpi_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == kpi_id), -1)
