"""The agenda as a table: number, clock time, title, presenter, purpose, minutes, theme, pack section, Part B.

Rows are the service's ``AgendaItemRow`` in display order (3, 3.1, 3.2, 4). Dragging a row and
dropping it on another asks for a move (``move_requested(item_id, target_row)``); the tab works
out where that puts the item and runs the undoable move, then the agenda reloads. The model
never rearranges rows itself.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal

from boardapp.domain.enums import AgendaPurpose
from boardapp.services.meetings.queries import AgendaItemRow
from boardapp.services.meetings.sections import section_label

Index = QModelIndex | QPersistentModelIndex
MIME = "application/x-boardapp-agenda-item"
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def clock(row: AgendaItemRow) -> str:
    return f"{row.starts:%H:%M}" if row.starts is not None else ""


COLUMNS: list[tuple[str, Any]] = [
    ("No.", lambda r: r.number),
    ("Time", clock),
    ("Title", lambda r: ("    " if r.depth else "") + r.title),
    ("Presenter", lambda r: r.presenter_name),
    ("Purpose", lambda r: AgendaPurpose(r.purpose).label),
    ("Mins", lambda r: str(r.duration_minutes)),
    ("Theme · pack section", lambda r: " · ".join(x for x in (r.theme_code, section_label(r.pack_section)) if x)),
    ("Part B, papers", lambda r: " · ".join(x for x in ("Part B" if r.confidential else "",
                                                          f"{r.papers} paper{'s' if r.papers != 1 else ''}"
                                                          if r.papers else "") if x)),
]


class AgendaModel(QAbstractTableModel):
    move_requested = Signal(int, int)  # item id, the display row it was dropped on (len(rows): the end)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaItemRow] = []

    def set_rows(self, rows: Sequence[AgendaItemRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AgendaItemRow]:
        return list(self._rows)

    def row_at(self, row: int) -> AgendaItemRow:
        return self._rows[row]

    def row_of(self, item_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == item_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.ToolTipRole:
            ends = f"–{row.ends:%H:%M}" if row.ends is not None else ""
            return f"{row.number} {row.title} ({clock(row)}{ends}, {row.duration_minutes} minutes)"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 1, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.column() == 2 and any(r.parent_id == row.id for r in self._rows):
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)

    # -- drag and drop ---------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME, QByteArray(str(self._rows[rows[0]].id).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return data.hasFormat(MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        """Dropped on a row: the item goes before it; below the last row: to the end."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            item_id = int(bytes(data.data(MIME).data()).decode())
        except ValueError:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        self.move_requested.emit(item_id, target)
        return False  # the rows move when the agenda reloads, not by the view removing them


# -- where a move puts an item (pure: over the rows in display order) ----------------------------
Target = tuple[int | None, int]  # (parent id or None, index among those siblings, the item itself left out)


def _siblings(rows: Sequence[AgendaItemRow], parent_id: int | None, but: int) -> list[int]:
    return [r.id for r in rows if r.parent_id == parent_id and r.id != but]


def _has_children(rows: Sequence[AgendaItemRow], item_id: int) -> bool:
    return any(r.parent_id == item_id for r in rows)


def drop_target(rows: Sequence[AgendaItemRow], item_id: int, target_row: int) -> Target | None:
    """Where dropping ``item_id`` on the row ``target_row`` puts it: before that row, among its siblings
    (a heading with sub-items stays at the top level); None when it would not move."""
    moving = next((r for r in rows if r.id == item_id), None)
    if moving is None:
        return None
    if target_row >= len(rows):
        result: Target = (None, len(_siblings(rows, None, item_id)))
    else:
        target = rows[target_row]
        if target.id == item_id:
            return None
        if target.parent_id is None or _has_children(rows, item_id):
            anchor = target.id if target.parent_id is None else target.parent_id
            top = _siblings(rows, None, item_id)
            at = top.index(anchor) if anchor in top else len(top)
            result = (None, at + (1 if target.parent_id is not None else 0))
        else:
            siblings = _siblings(rows, target.parent_id, item_id)
            result = (target.parent_id, siblings.index(target.id))
    return None if result == current_place(rows, item_id) else result


def current_place(rows: Sequence[AgendaItemRow], item_id: int) -> Target:
    row = next(r for r in rows if r.id == item_id)
    siblings = [r.id for r in rows if r.parent_id == row.parent_id]
    return row.parent_id, siblings.index(item_id)


def step_target(rows: Sequence[AgendaItemRow], item_id: int, step: int) -> Target | None:
    """Ctrl+Up (-1) / Ctrl+Down (+1): one place among its siblings; None at the end of the list."""
    parent, index = current_place(rows, item_id)
    count = len(_siblings(rows, parent, item_id)) + 1
    new = index + step
    return None if not 0 <= new < count else (parent, new)


def indent_target(rows: Sequence[AgendaItemRow], item_id: int) -> Target | None:
    """Ctrl+Right: a top-level item becomes the last sub-item of the one above it (3 → 2.1)."""
    parent, index = current_place(rows, item_id)
    if parent is not None or index == 0 or _has_children(rows, item_id):
        return None
    above = _siblings(rows, None, item_id)[index - 1]
    return above, len(_siblings(rows, above, item_id))


def outdent_target(rows: Sequence[AgendaItemRow], item_id: int) -> Target | None:
    """Ctrl+Left: a sub-item becomes a top-level item right after its heading (2.1 → 3)."""
    parent, _index = current_place(rows, item_id)
    if parent is None:
        return None
    top = _siblings(rows, None, item_id)
    return None, top.index(parent) + 1
