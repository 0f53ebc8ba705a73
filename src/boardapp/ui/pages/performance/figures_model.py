"""The values grid as a Qt model: months down, measures across; typing and pasting write through a command.

The model holds a ``ValuesGrid`` (frozen rows from the service). An edit is parsed here (UK numbers,
``%``, DfE marks) and handed to ``writer`` — the page, which runs one undoable command — so the
model never writes itself; a cell that is not a figure is refused with its reason in ``refused``.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from boardapp.domain.kpi_values import SUPPRESSION_MARKS, Column, FigureError, parse_figure
from boardapp.services.performance.values import EMPTY, Cell, FigureChange, ValuesGrid

Index = QModelIndex | QPersistentModelIndex
Writer = Callable[[list[FigureChange], str], bool]

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_MARK_INK = QColor("#5f6368")


def figure_text(value: float | None, unit: str) -> str:
    """A figure as the scorecard writes it: 93.3%, 1,234, 16.3 children."""
    if value is None:
        return ""
    text = f"{value:,.1f}".removesuffix(".0")
    if unit == "%":
        return f"{text}%"
    return text if unit in ("number", "") else f"{text} {unit}"


def grid_text(value: float | None, unit: str) -> str:
    """A figure in the grid: the unit is in the column's header, only % is written (as Excel shows it)."""
    return figure_text(value, unit if unit == "%" else "")


def month_label(period: date) -> str:
    return f"{period:%b %Y}"


class FiguresModel(QAbstractTableModel):
    """Rows: months (oldest first). Columns: the live measures in scorecard order."""

    refused = Signal(str)  # what is wrong with a typed cell, in words

    def __init__(self, writer: Writer | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._grid = ValuesGrid((), (), {})
        self._writer = writer

    def set_grid(self, grid: ValuesGrid) -> None:
        self.beginResetModel()
        self._grid = grid
        self.endResetModel()

    def grid(self) -> ValuesGrid:
        return self._grid

    def period_at(self, row: int) -> date:
        return self._grid.periods[row]

    def measure_at(self, column: int) -> Any:
        return self._grid.measures[column]

    def column_of(self, kpi_id: int) -> int:
        return next((i for i, m in enumerate(self._grid.measures) if m.id == kpi_id), -1)

    def cell_at(self, row: int, column: int) -> Cell:
        return self._grid.cell(self._grid.measures[column].id, self._grid.periods[row])

    def row_labels(self) -> list[str]:
        return [month_label(p) for p in self._grid.periods]

    def columns(self) -> list[Column]:
        return [Column(f"{m.code} {m.title}", m.unit) for m in self._grid.measures]

    # -- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.periods)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.measures)

    def _valid(self, index: Index) -> bool:
        return (index.isValid() and 0 <= index.row() < len(self._grid.periods)
                and 0 <= index.column() < len(self._grid.measures))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        measure = self._grid.measures[index.column()]
        cell = self.cell_at(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if cell.mark:
                return f"{cell.mark} (not published)" if role == Qt.ItemDataRole.AccessibleTextRole else cell.mark
            return grid_text(cell.value, measure.unit)
        if role == Qt.ItemDataRole.EditRole:
            return cell.text()
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{measure.code} {measure.title}, {month_label(self._grid.periods[index.row()])}"
            if cell.mark:
                return f"{where}: not published ({cell.mark}: {SUPPRESSION_MARKS.get(cell.mark, '')})"
            return f"{where}: {figure_text(cell.value, measure.unit) or 'no figure'}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ForegroundRole and cell.mark:
            return QBrush(_MARK_INK)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._grid.measures):
                return None
            m = self._grid.measures[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return m.code
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{m.code} {m.title} ({m.unit})"
            return None
        if not 0 <= section < len(self._grid.periods):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return month_label(self._grid.periods[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A typed cell: parsed, then written by the page as one undoable edit (empty text clears it)."""
        if role != Qt.ItemDataRole.EditRole or not self._valid(index) or self._writer is None:
            return False
        measure = self._grid.measures[index.column()]
        period = self._grid.periods[index.row()]
        text = "" if value is None else str(value)
        try:
            figure = parse_figure(text, measure.unit)
        except FigureError as exc:
            self.refused.emit(f"{month_label(period)}, {measure.code} {measure.title}: “{text.strip()}” {exc}")
            return False
        cell = EMPTY if figure.blank else Cell(figure.value, figure.mark)
        if cell == self.cell_at(index.row(), index.column()):
            return True
        return self._writer([FigureChange(measure.id, period, cell)],
                            f"Set {measure.code} for {month_label(period)}")

    def changes_for(self, cells: Sequence[tuple[int, int]], make: Callable[[int, int], Cell]) -> list[FigureChange]:
        """The changes that would set each (row, column) to ``make(row, column)``, leaving equal cells out."""
        out = []
        for row, column in cells:
            new = make(row, column)
            if new != self.cell_at(row, column):
                out.append(FigureChange(self._grid.measures[column].id, self._grid.periods[row], new))
        return out
