"""An action's history (progress updates and field changes, newest first) as a table model."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timezone
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from boardapp.services.rows import HistoryRow

_Index = QModelIndex | QPersistentModelIndex
_HEADERS = ("When", "What", "Who", "Details")
_FIELD_NAMES = {
    "created": "Created", "deleted_at": "Deleted / restored", "update_removed": "Update removed",
    "brag": "BRAG", "revised_due_date": "Revised due", "due_date": "Due", "start_date": "Start",
    "owner_id": "Owner", "theme_id": "Theme", "findings": "Linked findings", "kpis": "Linked measures",
}


def history_details(h: HistoryRow) -> str:
    """One readable line for a history entry."""
    if h.kind == "update":
        parts = [p for p in (h.brag.title() if h.brag else "", f"{h.progress}%" if h.progress is not None else "") if p]
        return f"[{', '.join(parts)}] {h.text}" if parts else h.text
    name = _FIELD_NAMES.get(h.field, h.field.replace("_", " ").capitalize())
    if h.field == "created":
        return f"Created as {h.new}"
    if h.field == "deleted_at":
        return "Deleted" if h.new else "Restored"
    if h.field == "update_removed":
        return f"Update removed: {h.old}"
    return f"{name}: {h.old or '—'} → {h.new or '—'}"


class HistoryTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow] = []

    def set_rows(self, rows: Iterable[HistoryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[HistoryRow]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        h = self._rows[index.row()]
        if int(role) in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = index.column()
            if col == 0:
                when = h.when.astimezone(timezone.utc) if h.when.tzinfo else h.when
                return when.strftime("%d/%m/%Y %H:%M")
            if col == 1:
                return "Update" if h.kind == "update" else "Change"
            if col == 2:
                return h.who
            return history_details(h)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and int(role) == Qt.ItemDataRole.DisplayRole and 0 <= section < len(_HEADERS):
            return _HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
