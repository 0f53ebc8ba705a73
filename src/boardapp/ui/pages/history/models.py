"""The History table model: keyset pages fetched as the view scrolls (canFetchMore / fetchMore).

A text search makes every page a scan (SQLite cannot index LIKE '%word%'), so the page can hand
the model a *background* fetcher: ``fetchMore`` then starts it and returns at once, and the rows
arrive through :meth:`HistoryTableModel.deliver` when the worker is done. A delivery for an
earlier filter (the user typed on) is dropped by its generation number.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from boardapp.services.history import HistoryEntry, HistoryPage
from boardapp.services.history_values import display_field

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("When", "Who", "What", "Field", "Old", "New")

#: ``fetch(cursor) -> HistoryPage``: the next page after ``cursor`` (None for the first).
Fetcher = Callable[[tuple[datetime, int] | None], HistoryPage]
#: ``start(cursor, generation)``: fetch the page after ``cursor`` off the UI thread, then call
#: ``model.deliver(generation, page)`` back on the UI thread.
BackgroundFetcher = Callable[[tuple[datetime, int] | None, int], None]


def _text(value: str | None) -> str:
    if value is None or value == "":
        return "—"
    return value if len(value) <= 120 else value[:119] + "…"


class HistoryTableModel(QAbstractTableModel):
    """Rows arrive one page at a time; the view asks for more as it scrolls to the end."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryEntry] = []
        self._cursor: tuple[datetime, int] | None = None
        self._more = False
        self._fetch: Fetcher | None = None
        self._background: BackgroundFetcher | None = None
        self._generation = 0
        self._pending = False

    @property
    def generation(self) -> int:
        """Bumped by every reset: a page fetched for an older generation is stale."""
        return self._generation

    @property
    def fetching(self) -> bool:
        """Whether a background page is on its way."""
        return self._pending

    def reset(self, fetch: Fetcher | None, *, first: HistoryPage | None = None,
              background: BackgroundFetcher | None = None) -> None:
        """Start again with a new filter: ``first`` if already read, else the first page now."""
        self.beginResetModel()
        self._generation += 1
        self._fetch, self._background, self._pending = fetch, background, False
        self._rows, self._cursor, self._more = [], None, False
        page = first if first is not None else (fetch(None) if fetch is not None else None)
        if page is not None:
            self._rows = list(page.entries)
            self._cursor, self._more = page.cursor, page.cursor is not None
        self.endResetModel()

    def deliver(self, generation: int, page: HistoryPage) -> None:
        """A background page has arrived: append it, unless the filter changed since it was asked for."""
        if generation != self._generation:
            return
        self._pending = False
        self._append(page)

    def fetch_failed(self, generation: int) -> None:
        """The background page could not be read: stop asking (the page says why)."""
        if generation == self._generation:
            self._pending, self._more = False, False

    def row_at(self, row: int) -> HistoryEntry:
        return self._rows[row]

    # -- Qt ---------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return (not parent.isValid() and self._more and not self._pending
                and (self._fetch is not None or self._background is not None))

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        if self._background is not None:
            self._pending = True
            self._background(self._cursor, self._generation)
            return
        assert self._fetch is not None
        self._append(self._fetch(self._cursor))

    def _append(self, page: HistoryPage) -> None:
        self._cursor, self._more = page.cursor, page.cursor is not None
        if page.entries:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
            self._rows.extend(page.entries)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        if role == ROW_ROLE:
            return e
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.at.astimezone().strftime("%d/%m/%Y %H:%M"), e.who or "—", e.what, display_field(e.field),
                    _text(e.old_text), _text(e.new_text))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return e.at.astimezone().strftime("%d/%m/%Y %H:%M:%S %Z")
            if col in (4, 5):
                value = e.old_text if col == 4 else e.new_text
                return value or "(empty)"
            if col == 2:
                return e.what
        return None
