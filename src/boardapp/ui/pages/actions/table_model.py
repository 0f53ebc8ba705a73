"""The action register's table model: a list of frozen ActionRow, sorted in Python.

Sorting is ``services.action_filter.sort_rows`` plus ``layoutChanged`` (never
Qt's sort-filter proxy model, which calls ``data()`` once per comparison). An edit
replaces one row in place by id and emits ``dataChanged`` for that row only.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt,
)
from PySide6.QtGui import QColor

from boardapp.domain.dates import days_in_words
from boardapp.domain.enums import ActionStatus, Brag, Direction
from boardapp.services.plan.filters import hidden_matches, sort_rows
from boardapp.services.rows import ActionRow
from boardapp.ui.common.colours import BRAG_COLOURS

ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Custom role: the frozen ActionRow behind a cell."""
SORT_KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""Custom role: the column key (e.g. "brag") of a header section or cell."""
MATCH_HINT_ROLE = int(Qt.ItemDataRole.UserRole) + 3
"""Custom role (title cells): where the search matched a row outside the columns shown, e.g. "description"."""

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter

# Default widths fit the register in a 1366-pixel-wide window beside the navigation list.
COLUMNS: tuple[Column, ...] = (
    Column("ref", "Ref", 52),
    Column("title", "Title", 226),
    Column("theme", "Theme", 60),
    Column("owner", "Owner", 122),
    Column("due", "Due / revised due", 190),
    Column("days", "Days left", 98, _RIGHT),
    Column("status", "Status", 88),
    Column("brag", "BRAG", 66, _CENTRE),
    Column("progress", "Progress", 74, _CENTRE),
    Column("direction", "Direction", 88),
    Column("last_update", "Updated", 88),
    Column("raised_at", "Raised at", 118),  # hidden at first (ActionsPage): the meeting · item of an action arising
)
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)

_ARROWS = {
    Direction.BETTER.value: "↑ Better", Direction.WORSE.value: "↓ Worse",
    Direction.SAME.value: "→ Same", Direction.NEW.value: "• New",
}


def uk_date(d: date | None) -> str:
    """dd/mm/yyyy, or empty for no date."""
    return d.strftime("%d/%m/%Y") if d else ""


def due_text(row: ActionRow) -> str:
    """The due date, showing the original when it has been revised: '12/03/2025 → 30/06/2025'."""
    if row.revised_due_date and row.revised_due_date != row.due_date:
        return f"{uk_date(row.due_date)} → {uk_date(row.revised_due_date)}"
    return uk_date(row.due_date)


def days_text(row: ActionRow) -> str:
    """'12 days left', '45 days overdue', '2 y 5 m overdue' (long spans in months and years)."""
    if row.status == ActionStatus.COMPLETE:
        return "—"
    n = row.days_left
    if n == 0:
        return "Due today"
    return f"{days_in_words(n)} {'overdue' if n < 0 else 'left'}"


def days_tooltip(row: ActionRow) -> str:
    """The exact count behind the compact text: '894 days overdue (due 01/04/2022)'."""
    if row.status == ActionStatus.COMPLETE:
        return "Complete"
    n = row.days_left
    exact = "Due today" if n == 0 else f"{abs(n):,} day{'s' if abs(n) != 1 else ''} {'overdue' if n < 0 else 'left'}"
    return f"{exact} (due {uk_date(row.effective_due)})"


def brag_label(brag: str) -> str:
    try:
        return Brag(brag).label
    except ValueError:
        return brag


def status_label(status: str) -> str:
    try:
        return ActionStatus(status).label
    except ValueError:
        return status


def direction_text(row: ActionRow) -> str:
    return _ARROWS.get(row.direction, str(row.direction))


def _display(row: ActionRow, key: str) -> str:
    if key == "ref":
        return row.ref
    if key == "title":
        return row.title
    if key == "theme":
        return row.theme_code
    if key == "owner":
        return row.owner_name
    if key == "due":
        return due_text(row)
    if key == "days":
        return days_text(row)
    if key == "status":
        return status_label(row.status)
    if key == "brag":
        return brag_label(row.brag)
    if key == "progress":
        return f"{row.progress}%"
    if key == "direction":
        return direction_text(row)
    if key == "last_update":
        return uk_date(row.latest_update_date)
    if key == "raised_at":
        return row.raised_at
    return ""


def _tooltip(row: ActionRow, key: str) -> str:
    if key == "title":
        tip = f"{row.ref} {row.title}"
        if row.latest_update:
            tip += f"\nLatest update ({uk_date(row.latest_update_date)}): {row.latest_update}"
        return tip
    if key == "theme":
        return row.theme_title
    if key == "due":
        if row.revised_due_date and row.revised_due_date != row.due_date:
            return f"Originally due {uk_date(row.due_date)}; revised to {uk_date(row.revised_due_date)}"
        return f"Due {uk_date(row.due_date)}"
    if key in ("brag", "direction"):
        before = brag_label(row.previous_brag) if row.previous_brag else "not yet created"
        return f"BRAG {brag_label(row.brag)}; at the last board meeting: {before}"
    if key == "last_update":
        return row.latest_update
    if key == "days":
        return days_tooltip(row)
    if key == "raised_at":
        if not row.raised_at:
            return "Not raised at a board meeting"
        day, _dot, item = row.raised_at.partition(" · ")
        return f"Raised at the board meeting of {day}" + (f", agenda item {item}" if item else "")
    return _display(row, key)


class ActionTableModel(QAbstractTableModel):
    """Rows of the register (already filtered); sort in Python, update rows in place by id."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []
        self._pos: dict[int, int] | None = {}  # id → row, worked out when first needed after a reset
        self._sort: tuple[str, bool] | None = None
        self._ref_rank: Callable[[], Mapping[int, int] | None] = lambda: None
        self._unsorted = False  # rows edited or added in place since the last sort
        self._search = ""
        self._shown_fields: frozenset[str] = frozenset()
        self._hints: dict[int, str] = {}  # row id → "description, latest update", worked out as cells are painted

    # --- reading ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, key)
        if role == MATCH_HINT_ROLE:
            return self.match_hint(row) if key == "title" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            hint = self.match_hint(row) if key == "title" else ""
            return f"Matched in: {hint}\n{_tooltip(row, key)}" if hint else _tooltip(row, key)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _display(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[index.column()].align
        if role == ROW_ROLE:
            return row
        if role == SORT_KEY_ROLE:
            return key
        if key == "brag" and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = BRAG_COLOURS.get(row.brag)
            if colours is None:
                return None
            return QColor(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
        if key == "days" and role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QColor("#b3261e")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        role = int(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            if COLUMNS[section].key == "direction":
                return "Direction of travel: BRAG now against BRAG at the last board meeting (click to sort)"
            if COLUMNS[section].key == "last_update":
                return "Date of the latest progress update (click to sort)"
            if COLUMNS[section].key == "raised_at":
                return "The board meeting and agenda item an action arising was raised at (click to sort)"
            return f"Sort by {COLUMNS[section].title.lower()}"
        if role == SORT_KEY_ROLE:
            return COLUMNS[section].key
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # --- search ----------------------------------------------------------------------------
    def set_search(self, text: str, shown_fields: Iterable[str]) -> None:
        """The search in force and the searched fields on screen ("ref", "title", "owner"…), for the hints."""
        shown = frozenset(shown_fields)
        if (text, shown) == (self._search, self._shown_fields):
            return
        self._search, self._shown_fields, self._hints = text, shown, {}
        if self._rows:
            column = COLUMN_KEYS.index("title")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column),
                                  [MATCH_HINT_ROLE, int(Qt.ItemDataRole.ToolTipRole)])

    def match_hint(self, row: ActionRow) -> str:
        """'' when the row matched on what is shown (or there is no search), else where it matched."""
        if not self._search.strip():
            return ""
        hint = self._hints.get(row.id)
        if hint is None:
            hint = self._hints[row.id] = ", ".join(hidden_matches(row, self._search, self._shown_fields))
        return hint

    # --- access ----------------------------------------------------------------------------
    def rows(self) -> list[ActionRow]:
        return list(self._rows)

    def row_at(self, position: int) -> ActionRow:
        return self._rows[position]

    def position_of(self, action_id: int) -> int | None:
        return self._positions().get(action_id)

    def sort_state(self) -> tuple[str, bool] | None:
        """(column key, descending) of the current sort, or None."""
        return self._sort

    # --- changing --------------------------------------------------------------------------
    def set_ref_rank(self, ranks: Callable[[], Mapping[int, int] | None]) -> None:
        """Where to get row id → position in natural ref order: the tie-breaker of every sort
        (saves ref parsing). A callable, so the owner can work the ranks out on the first sort."""
        self._ref_rank = ranks

    def set_rows(self, rows: Iterable[ActionRow], *, presorted: bool = False) -> None:
        """Replace every row, keeping the current sort (``presorted``: the caller already sorted them)."""
        self.beginResetModel()
        self._hints = {}
        self._rows = sort_rows(rows, *self._sort, self._ref_rank()) if self._sort and not presorted else list(rows)
        self._unsorted = False
        self._reindex()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python, then ``layoutChanged`` with persistent indexes (selection) carried over."""
        if not 0 <= column < len(COLUMNS):
            return
        wanted = (COLUMNS[column].key, order == Qt.SortOrder.DescendingOrder)
        if wanted == self._sort and not self._unsorted:
            return  # QTableView.sortByColumn can ask twice for the same order
        self._sort = wanted
        self._unsorted = False
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.id for r in self._rows]
        self._rows = sort_rows(self._rows, *self._sort, self._ref_rank())
        self._reindex()
        persistent = self.persistentIndexList()
        if persistent:
            new_indexes = []
            for idx in persistent:
                new_row = self._positions().get(old_ids[idx.row()]) if 0 <= idx.row() < len(old_ids) else None
                new_indexes.append(QModelIndex() if new_row is None else self.index(new_row, idx.column()))
            self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()

    def replace_rows(self, rows: Sequence[ActionRow]) -> list[int]:
        """Put fresh versions of rows already shown in place (dataChanged per row); return ids not shown."""
        missing: list[int] = []
        last = len(COLUMNS) - 1
        for row in rows:
            pos = self._positions().get(row.id)
            if pos is None:
                missing.append(row.id)
                continue
            self._rows[pos] = row
            self._hints.pop(row.id, None)
            self._unsorted = True
            self.dataChanged.emit(self.index(pos, 0), self.index(pos, last))
        return missing

    def remove_ids(self, ids: Iterable[int]) -> None:
        """Take rows out (e.g. no longer matching the filter), one contiguous block at a time."""
        positions = sorted((p for i in ids if (p := self._positions().get(i)) is not None), reverse=True)
        for pos in positions:
            self.beginRemoveRows(QModelIndex(), pos, pos)
            del self._rows[pos]
            self.endRemoveRows()
        if positions:
            self._reindex()

    def append_rows(self, rows: Sequence[ActionRow]) -> None:
        """Add rows at the end (a new or restored action shows where the eye is led to it)."""
        new = [r for r in rows if r.id not in self._positions()]
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self._unsorted = True
        positions = self._positions()
        for offset, r in enumerate(new):
            positions[r.id] = first + offset
        self.endInsertRows()

    def _reindex(self) -> None:
        self._pos = None  # 50,000 rows take ~10 ms to index: only when an edit or a selection needs it

    def _positions(self) -> dict[int, int]:
        if self._pos is None:
            self._pos = {r.id: i for i, r in enumerate(self._rows)}
        return self._pos
