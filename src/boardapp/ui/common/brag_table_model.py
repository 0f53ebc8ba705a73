"""A RowTableModel whose BRAG column carries its colours (for ``delegates.BragDelegate``)
and whose rows can be greyed or flagged: shared by the Inspections and Readiness pages."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from boardapp.ui.common.colours import BRAG_COLOURS
from boardapp.ui.common.row_table_model import Column, RowTableModel

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
FLAG_INK = QColor("#b3261e")
GREY_INK = QColor("#6f777b")


class BragTableModel(RowTableModel[R]):
    """``brag_column``: index of the column showing ``brag_of(row)`` as a chip.
    ``flagged(row, column)``: bold red text (the word carries the meaning too); ``greyed(row)``: grey."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None, *, brag_column: int | None = None,
                 brag_of: Callable[[R], str] | None = None, flagged: Callable[[R, int], bool] | None = None,
                 greyed: Callable[[R], bool] | None = None) -> None:
        super().__init__(columns, parent)
        self.brag_column = brag_column
        self._brag_of = brag_of
        self._flagged = flagged
        self._greyed = greyed

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        styled = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)
        if role not in styled or not index.isValid() or not 0 <= index.row() < self.rowCount():
            return super().data(index, role)
        row = self.row_at(index.row())
        column = index.column()
        if column == self.brag_column and self._brag_of is not None and role != Qt.ItemDataRole.FontRole:
            colours = BRAG_COLOURS.get(self._brag_of(row))
            if colours is not None:
                return QColor(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
            return None
        flagged = self._flagged is not None and self._flagged(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._greyed is not None and self._greyed(row):
                return GREY_INK
            return FLAG_INK if flagged else None
        if role == Qt.ItemDataRole.FontRole and flagged:
            font = QFont()
            font.setBold(True)
            return font
        return None
