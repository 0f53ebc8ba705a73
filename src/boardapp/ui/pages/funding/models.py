"""Table models of the Funding page: grants and lines as frozen rows, money UK style, problems in red."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from boardapp.domain.money import format_pence
from boardapp.services.funding.queries import GrantLineRow, GrantRow
from boardapp.ui.common.row_table_model import Column, Index, RowTableModel
from boardapp.ui.common.table_page import align_right

WARNING_INK = QColor("#b3261e")
DELETED_INK = QColor("#6b6b6b")


def _money(pence: int) -> str:
    return format_pence(pence)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _grant_state(g: GrantRow) -> str:
    if g.deleted:
        return "Deleted"
    if g.over_allocated_pence:
        return f"Lines {format_pence(g.over_allocated_pence)} over"
    if any(line.overspent_pence for line in g.lines):
        return "A line is overspent"
    return ""


def _line_remaining(line: GrantLineRow) -> str:
    if line.overspent_pence:
        return f"Overspent by {format_pence(line.overspent_pence)}"
    return format_pence(line.remaining_pence)


GRANT_COLUMNS: list[Column[GrantRow]] = [
    Column("Grant", lambda g: g.name + (" (deleted)" if g.deleted else ""), tooltip=lambda g: g.notes or g.name),
    Column("Funder", lambda g: g.funder),
    Column("Period", lambda g: g.period, sort_key=lambda g: g.start_date),
    Column("Total", lambda g: g.allocated_pence, align=align_right(), fmt=_money),
    Column("Lines", lambda g: g.lines_allocated_pence, align=align_right(), fmt=_money,
           tooltip=lambda g: g.allocation_warning or f"{format_pence(g.unallocated_pence)} not yet given to a line"),
    Column("Spent", lambda g: g.spent_pence, align=align_right(), fmt=_money,
           tooltip=lambda g: f"Spent to date: {format_pence(g.spent_pence)}"),
    Column("Remaining", lambda g: g.remaining_pence, align=align_right(), fmt=_money),
    Column("% spent", lambda g: g.spent_share, align=align_right(),
           sort_key=lambda g: _ratio(g.spent_pence, g.allocated_pence)),
    Column("Check", _grant_state, tooltip=lambda g: "\n".join(g.warnings) or "The figures add up"),
]

LINE_COLUMNS: list[Column[GrantLineRow]] = [
    Column("Purpose", lambda r: r.purpose + (" (deleted)" if r.deleted else ""), tooltip=lambda r: r.purpose),
    Column("Owner", lambda r: r.owner_name),
    Column("Allocated", lambda r: r.allocated_pence, align=align_right(), fmt=_money),
    Column("Spent to date", lambda r: r.spent_pence, align=align_right(), fmt=_money,
           tooltip=lambda r: r.warning or f"{r.spent_share or '0%'} of the allocation"),
    Column("Remaining", _line_remaining, align=align_right(), sort_key=lambda r: r.remaining_pence,
           tooltip=lambda r: r.warning or "Allocation less spend to date"),
    Column("% spent", lambda r: r.spent_share, align=align_right(),
           sort_key=lambda r: _ratio(r.spent_pence, r.allocated_pence)),
    Column("Linked actions", lambda r: r.action_refs,
           tooltip=lambda r: "\n".join(f"{a.ref} {a.title}" for a in r.actions) or "No linked actions"),
]


class _FlaggedModel(RowTableModel[Any]):
    """Deleted rows in grey; a row's problem cells in bold red."""

    def _problem(self, row: Any, column: int) -> bool:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            if not index.isValid() or not 0 <= index.row() < self.rowCount():
                return None
            row = self.row_at(index.row())
            if row.deleted:
                return DELETED_INK if role == Qt.ItemDataRole.ForegroundRole else None
            if self._problem(row, index.column()):
                if role == Qt.ItemDataRole.ForegroundRole:
                    return WARNING_INK
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)

    def row_of(self, row_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == row_id:
                return i
        return -1


class GrantTableModel(_FlaggedModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(GRANT_COLUMNS, parent)

    def _problem(self, row: GrantRow, column: int) -> bool:
        if column == 4:  # given to lines
            return bool(row.over_allocated_pence)
        return column == 8 and bool(row.warnings)


class LineTableModel(_FlaggedModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(LINE_COLUMNS, parent)

    def _problem(self, row: GrantLineRow, column: int) -> bool:
        return column in (3, 4) and bool(row.overspent_pence)  # spent to date, remaining
