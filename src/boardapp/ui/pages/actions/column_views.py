"""The Actions page's saved views (named filters) and column choice, both remembered between runs."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from boardapp.ui.common import msgbox
from boardapp.ui.pages.actions.table_model import COLUMNS

#: QSettings key of the register's header state (column order, widths, visibility, sort).
HEADER_KEY = "actions/header_state"


class ActionViewsMixin:
    """Mixed into ActionsPage (uses its views, view_combo, bar, table and settings)."""

    views: Any
    view_combo: Any
    bar: Any
    table: Any
    settings: Any
    _header_save: Any
    _refresh_buttons: Any
    _show_search: Any

    # --- saved views ---------------------------------------------------------------------------
    def _fill_views(self) -> None:
        current = self.view_combo.currentText() if self.view_combo.currentIndex() >= 0 else None
        self.view_combo.blockSignals(True)
        self.view_combo.clear()
        for name in self.views.all_views():
            self.view_combo.addItem(name)
        self.view_combo.setCurrentIndex(self.view_combo.findText(current) if current else -1)
        self.view_combo.blockSignals(False)
        self._refresh_buttons()

    def _apply_view(self, name: str, *, emit: bool = True) -> None:
        f = self.views.all_views().get(name)
        if f is None:
            return
        self.view_combo.setCurrentIndex(self.view_combo.findText(name))
        self.views.set_last(name)
        self.bar.set_filter(f, emit=emit)
        self._refresh_buttons()

    def current_view(self) -> str | None:
        return self.view_combo.currentText() if self.view_combo.currentIndex() >= 0 else None

    def save_view(self, name: str | None = None) -> None:
        """Save the current filter under a name (asked for when not given)."""
        if name is None:
            name = msgbox.get_text(self, "Save view", "Name for this view of the register:", self.current_view() or "")
        if not name or not name.strip():
            return
        name = name.strip()
        if self.views.is_builtin(name):
            msgbox.warning(self, "Save view", f"“{name}” is a built-in view. Choose another name.")
            return
        if name in self.views.user_views() and not msgbox.question(self, "Save view", f"Replace the view “{name}”?"):
            return
        self.views.save(name, self.bar.current_filter())
        self._fill_views()
        self._apply_view(name, emit=False)

    def delete_view(self) -> None:
        name = self.current_view()
        if not name or self.views.is_builtin(name):
            return
        if msgbox.question(self, "Delete view", f"Delete the saved view “{name}”? The actions are not affected."):
            self.views.delete(name)
            self._fill_views()
            self._apply_view("All live actions")

    # --- columns -------------------------------------------------------------------------------
    def _header_menu(self, pos: Any) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        """Show/hide columns (ref and title always stay)."""
        menu = QMenu(self)
        menu.setAccessibleName("Columns")
        for i, column in enumerate(COLUMNS):
            action = QAction(column.title, menu)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(i))
            action.setEnabled(column.key not in ("ref", "title"))
            action.toggled.connect(lambda on, col=i: self.set_column_visible(col, on))
            menu.addAction(action)
        return menu

    def set_column_visible(self, column: int, visible: bool) -> None:
        self.table.setColumnHidden(column, not visible)
        if visible and self.table.columnWidth(column) < 20:
            self.table.setColumnWidth(column, COLUMNS[column].width)
        self._show_search()  # a search match may now be in a column no longer shown, or back on screen
        self.save_settings()

    def save_settings(self) -> None:
        """Persist column order, widths, visibility and sort (also done on every change)."""
        self._header_save.stop()
        self.settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        self.settings.sync()
