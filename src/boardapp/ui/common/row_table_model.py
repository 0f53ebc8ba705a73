"""One generic table model over a list of frozen rows, used by every read-only page.

Columns are declared as data (header, getter, alignment, tooltip); sorting runs in
Python (``list.sort`` + ``layoutChanged``), never through Qt's sort-filter proxy model,
which would call ``data()`` once per comparison.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

#: Role under which ``data()`` hands back the frozen row itself.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role under which ``data()`` hands back the raw value (for delegates and tests).
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: what it is called and how to read it from a row."""

    header: str
    getter: Callable[[R], Any]
    align: Qt.AlignmentFlag | None = None  # default: numbers right, the rest left
    tooltip: Callable[[R], str] | None = None
    sort_key: Callable[[R], Any] | None = None  # default: the getter's value
    fmt: Callable[[Any], str] | None = None  # default: UK dates, thousands separators


def format_value(value: Any) -> str:
    """How a plain value reads in a table cell (UK day-first dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def _null_safe(value: Any) -> tuple[int, Any]:
    """Sort key that puts blanks last and never compares None with a value."""
    if value is None or value == "":
        return (1, 0)
    if isinstance(value, str):
        return (0, value.casefold())
    return (0, value)


class RowTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of frozen rows with Python-side sorting."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- the rows ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row (keeps the current sort)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def columns(self) -> list[Column[R]]:
        return list(self._columns)

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(self._columns)):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = column.getter(row)
            return column.fmt(value) if column.fmt else format_value(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align is not None:
                return int(column.align)
            value = column.getter(row)
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            return int(_RIGHT if numeric else _LEFT)
        if role == ROW_ROLE:
            return row
        if role == VALUE_ROLE:
            return column.getter(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [self._rows[p.row()] if 0 <= p.row() < len(self._rows) else None for p in persistent]
        self._sort = (column, order)
        self._sort_rows(column, order)
        position = {id(r): i for i, r in enumerate(self._rows)}
        new = [
            self.index(position[id(r)], p.column()) if r is not None and id(r) in position else QModelIndex()
            for p, r in zip(persistent, before)
        ]
        self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        """Stable sort on the column's key; blanks stay last in both directions."""
        spec = self._columns[column]
        key = spec.sort_key or spec.getter
        keyed = [(_null_safe(key(r)), r) for r in self._rows]
        filled = [pair for pair in keyed if pair[0][0] == 0]
        blank = [r for k, r in keyed if k[0] == 1]
        filled.sort(key=lambda pair: pair[0], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [r for _, r in filled] + blank
