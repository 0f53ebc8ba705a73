"""The register's search results: reached from the search box by keyboard, and explained.

- Down or Enter in the search box moves to the first result (row 0 selected and current),
  instead of ~15 Tabs, after which the first Down used to select the second row.
- The words searched for are marked in the cells on screen (``SearchHighlightDelegate``);
  a row that matched only on something not shown (its description, its latest update, a
  hidden column) says so: "in description" at the end of its title, "Matched in: …" in
  the tooltip.
- A new action that the filter in force hides is announced in the status bar with a
  "Show it" button that clears the filter and selects it.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent

from boardapp.services.plan.filters import describe
from boardapp.ui.common.search_highlight import SearchHighlightDelegate
from boardapp.ui.common.status_notice import show_notice
from boardapp.ui.pages.actions.table_model import COLUMN_KEYS, MATCH_HINT_ROLE

#: Register column key → the name of the searched field it shows (filters.SEARCH_FIELDS).
SEARCHED_COLUMNS = {"ref": "ref", "title": "title", "owner": "owner"}
_TO_RESULTS = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _SearchKeys(QObject):
    """Down / Enter in the search box: to the results."""

    def __init__(self, page: "SearchResultsMixin") -> None:
        super().__init__(page.bar.search)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _TO_RESULTS:
            if event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
                self._page.go_to_results()
                return True
        return False


class SearchResultsMixin:
    """Mixed into ActionsPage (uses its bar, table, model, filters and selection)."""

    bar: Any
    table: Any
    model: Any
    _all: dict[int, Any]
    _last_filter: Any
    _refilter: Any
    clear_filters: Any
    select_action: Any
    window: Any

    def _install_search_results(self) -> None:
        self._highlight = SearchHighlightDelegate(self.table, hint_role=MATCH_HINT_ROLE)
        for key in SEARCHED_COLUMNS:
            self.table.setItemDelegateForColumn(COLUMN_KEYS.index(key), self._highlight)
        self._search_keys = _SearchKeys(self)
        self.bar.search.installEventFilter(self._search_keys)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._show_search())  # also on hide/show

    def _show_search(self) -> None:
        """Tell the cells what was searched for and which searched fields are on screen."""
        # The filter the rows were chosen by (bar.current_filter() would take in a keystroke still
        # waiting for its debounce without refiltering).
        text = self._last_filter.text if self._last_filter is not None else ""
        self._highlight.set_words(text)
        shown = {field for key, field in SEARCHED_COLUMNS.items() if not self.table.isColumnHidden(COLUMN_KEYS.index(key))}
        self.model.set_search(text, shown)
        self.table.viewport().update()

    def go_to_results(self) -> bool:
        """Focus the first result row, selected (False, and the focus stays, when nothing matches)."""
        if self._last_filter != self.bar.current_filter():
            self._refilter()  # a keystroke still waiting for the debounce
        if self.model.rowCount() == 0:
            return False
        header = self.table.horizontalHeader()
        column = next((header.logicalIndex(v) for v in range(header.count())
                       if not header.isSectionHidden(header.logicalIndex(v))), 0)
        index = self.model.index(0, column)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    # --- a new action the filter hides -----------------------------------------------------------
    def _after_save(self, action_id: int, created: bool) -> None:
        if not self.select_action(action_id) and created:
            self.announce_hidden(action_id)

    def announce_hidden(self, action_id: int) -> None:
        row = self._all.get(action_id)
        what = describe(self.bar.current_filter())
        hidden_by = f"the filter in force ({'; '.join(what)})" if what else "the filter in force"
        text = f"{row.ref if row else 'The new action'} was saved, but {hidden_by} hides it."
        notice = show_notice(self.table, text, "&Show it", lambda: self.show_hidden(action_id))
        self.hidden_notice = notice

    def show_hidden(self, action_id: int) -> None:
        """Clear the filter and select the action (the notice's button)."""
        self.clear_filters()
        if self.select_action(action_id):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
