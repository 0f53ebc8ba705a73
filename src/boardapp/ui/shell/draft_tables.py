"""The wizard's editable grids: members (typed, or pasted from Excel) and themes, before anything is saved.

``DraftTableModel`` holds plain dict rows keyed by column; ``ChoiceDelegate`` edits a cell with
a combo box (roles to choose from or type; a lead from the members; an ILACS area).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DraftColumn:
    key: str
    header: str
    labels: dict[Any, str] | None = None  # stored value → what the cell shows (e.g. an ILACS area)
    check: bool = False  # a tick box (Yes/No)


class DraftTableModel(QAbstractTableModel):
    """Rows being typed in: every cell editable, rows added and removed freely."""

    def __init__(self, columns: Sequence[DraftColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[dict[str, Any]] = []

    def blank(self) -> dict[str, Any]:
        return {c.key: (True if c.check else ("" if c.labels is None else None)) for c in self.columns}

    # -- rows -----------------------------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def filled_rows(self) -> list[tuple[int, dict[str, Any]]]:
        """(row number from 1, row) of the rows with anything typed in them."""
        return [(i, dict(r)) for i, r in enumerate(self._rows, start=1)
                if any(str(r[c.key] or "").strip() for c in self.columns if not c.check)]

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [{**self.blank(), **r} for r in rows]
        self.endResetModel()

    def append_rows(self, rows: Sequence[dict[str, Any]]) -> int:
        """Add rows at the end (filling a trailing blank row first); returns the first new row's index."""
        while self._rows and not any(str(v or "").strip() for k, v in self._rows[-1].items()
                                     if not self._column(k).check):
            self.removeRows(len(self._rows) - 1, 1)
        first = len(self._rows)
        if rows:
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend({**self.blank(), **r} for r in rows)
            self.endInsertRows()
        return first

    def _column(self, key: str) -> DraftColumn:
        return next(c for c in self.columns if c.key == key)

    # -- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        value = self._rows[index.row()][column.key]
        if column.check:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return "Yes" if value else "No"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.labels.get(value, "") if column.labels is not None else str(value or "")
        if role == Qt.ItemDataRole.EditRole:
            return value
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        column = self.columns[index.column()]
        if column.check and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif not column.check and column.labels is None:
            value = "" if value is None else str(value)
        self._rows[index.row()][column.key] = value
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.columns[index.column()].check:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: N802,B008
        if parent.isValid() or count < 1 or not 0 <= row <= len(self._rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for _ in range(count):
            self._rows.insert(row, self.blank())
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: N802,B008
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row:row + count]
        self.endRemoveRows()
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """Edit a cell with a combo box of ``options()`` (label, value); ``editable`` lets any text be typed."""

    def __init__(self, options: Callable[[], list[tuple[str, Any]]], *, editable: bool = False,
                 name: str = "Choose", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.editable = editable
        self.name = name

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        box.setAccessibleName(self.name)
        box.setEditable(self.editable)
        for label, value in self.options():
            box.addItem(label, value)
        if self.editable:
            from boardapp.ui.common.form_dialog import suggest_only

            suggest_only(box)  # a typed "Partner" stays "Partner", not the first longer role
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        found = editor.findData(value)
        if found < 0 and value not in (None, ""):
            found = editor.findText(str(value))
        if found >= 0:
            editor.setCurrentIndex(found)
        elif self.editable:
            editor.setEditText(str(value or ""))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        if self.editable:
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
