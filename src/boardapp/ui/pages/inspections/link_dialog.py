"""Choose the actions that answer a finding: every live action, searchable, ticked ones linked.

The model holds frozen rows and a set of ticked ids (fast at 50,000 actions: no item per row);
searching filters the row list in Python and resets the model.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget,
)

from boardapp.services.inspections.queries import ActionChoice
from boardapp.ui.common.colours import BRAG_WORDS
from boardapp.ui.common.screen_fit import resize_to_fit

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Ref", "Action", "BRAG", "Owner")


class ActionChoiceModel(QAbstractTableModel):
    """Live actions with a tick box in the first column; ``ticked()`` is the chosen set."""

    ticks_changed = Signal()

    def __init__(self, rows: Sequence[ActionChoice], ticked: set[int], parent: Any = None) -> None:
        super().__init__(parent)
        self._all = list(rows)
        self._rows = list(rows)
        self._ticked = set(ticked)

    def ticked(self) -> set[int]:
        return set(self._ticked)

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        self.beginResetModel()
        self._rows = [r for r in self._all
                      if all(w in f"{r.ref} {r.title} {r.owner_name}".casefold() for w in words)]
        self.endResetModel()

    def row_at(self, row: int) -> ActionChoice:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (r.ref, r.title, BRAG_WORDS.get(r.brag, r.brag), r.owner_name)[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if r.id in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return r.title
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        action_id = self._rows[index.row()].id
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        (self._ticked.add if checked else self._ticked.discard)(action_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticks_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def toggle(self, row: int) -> None:
        index = self.index(row, 0)
        current = self.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        self.setData(index, Qt.CheckState.Unchecked if current else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


class LinkActionsDialog(QDialog):
    """Tick the actions answering a finding; Space ticks the current row, typing searches, Enter is OK."""

    def __init__(self, choices: Sequence[ActionChoice], linked: set[int], finding_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Actions answering this finding")
        self.setAccessibleName("Link actions to the finding")
        resize_to_fit(self, 760, 560)
        layout = QVBoxLayout(self)
        about = QLabel(f"“{finding_text}”")
        about.setWordWrap(True)
        layout.addWidget(about)
        self.search = QLineEdit()
        self.search.setAccessibleName("Search actions")
        self.search.setPlaceholderText("Search by ref, title or owner")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = ActionChoiceModel(choices, linked, self)
        self.table = QTableView()
        self.table.setAccessibleName("Actions: tick the ones that answer the finding")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 90)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("How many actions are ticked")
        layout.addWidget(self.count_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.model.set_search)
        self.model.ticks_changed.connect(self._show_count)
        # Space ticks the current row (the view's own), a double-click ticks a row; Enter is OK.
        self.table.doubleClicked.connect(lambda index: self.model.toggle(index.row()) if index.column() else None)
        self._show_count()
        self.search.setFocus()

    def _show_count(self) -> None:
        n = len(self.model.ticked())
        self.count_label.setText(f"{n} action{'s' if n != 1 else ''} ticked")

    def chosen(self) -> set[int]:
        return self.model.ticked()
