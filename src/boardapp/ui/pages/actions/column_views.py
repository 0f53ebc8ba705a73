"""The Actions page's saved views (named filters) and column choice, both remembered between runs."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from boardapp.ui.common import msgbox
from boardapp.ui.common.table_page import fit_columns_to_header_and_content, header_and_content_width
from boardapp.ui.pages.actions.table_model import COLUMN_KEYS, COLUMNS

#: QSettings key of the register's header state (column order, widths, visibility, sort).
HEADER_KEY = "actions/header_state"
#: Set once the columns were fitted to their headers and contents (widths the user sets later are kept).
FITTED_KEY = "actions/columns_fitted"
#: The column keys the saved header state knew of (a column added since starts hidden).
COLUMNS_KNOWN_KEY = "actions/columns_known"
FIT_VERSION = 2
#: The widest a fitted column gets from its cells (its header still wins); the owner's names elide sooner.
FIT_CAP, OWNER_FIT_CAP = 200, 150


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
    frozen: Any

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
        fit = QAction("Fit columns to their contents", menu)
        fit.triggered.connect(lambda _c=False: self.fit_columns())
        menu.addAction(fit)
        menu.addSeparator()
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
        if visible:
            if self.table.columnWidth(column) < 20:
                self.table.setColumnWidth(column, COLUMNS[column].width)
            # Never narrower than its header and values: the fit left it out while hidden, and its
            # default width (e.g. Raised at's 118 px) was a guess made for one font.
            needed = header_and_content_width(self.table, column, maximum=self._fit_maximum(column),
                                              minimum=self._fit_minimums().get(column, 0))
            if self.table.columnWidth(column) < needed:
                self.table.setColumnWidth(column, needed)
        self._show_search()  # a search match may now be in a column no longer shown, or back on screen
        self.frozen.sync()
        if visible:
            self.frozen.reveal_column(column)  # in a narrow window it may be off to the right
        self.save_settings()

    def fit_columns(self) -> None:
        """Every column as wide as its header and its cells; the title takes the rest of the width."""
        title = COLUMN_KEYS.index("title")
        widths = fit_columns_to_header_and_content(self.table, maximum=FIT_CAP, minimums=self._fit_minimums(),
                                                   maximums={COLUMN_KEYS.index("owner"): OWNER_FIT_CAP})
        others = sum(w for column, w in widths.items() if column != title)
        viewport = self.table.viewport().width()
        room_left = viewport - others - 6 if viewport > 400 else 0  # a few pixels spare: no needless scroll bar
        # The title takes what the others leave, within reason; past that the register scrolls
        # sideways with Ref and Title kept in view (FrozenColumns).
        self.table.setColumnWidth(title, max(180, min(room_left, max(widths.get(title, 0), 180), 420)))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.frozen.sync()
        self.save_settings()

    def _fit_minimums(self) -> dict[int, int]:
        """Room for values that may not be on screen when a column is fitted (column → pixels)."""
        metrics = self.table.fontMetrics()
        return {
            COLUMN_KEYS.index("days"): metrics.horizontalAdvance("99 days overdue") + 12,
            COLUMN_KEYS.index("due"): metrics.horizontalAdvance("00/00/0000 → 00/00/0000") + 12,
            COLUMN_KEYS.index("raised_at"): metrics.horizontalAdvance("00/00/0000 · 00.0") + 12,
        }

    @staticmethod
    def _fit_maximum(column: int) -> int:
        return OWNER_FIT_CAP if column == COLUMN_KEYS.index("owner") else FIT_CAP

    def _fit_columns_once(self) -> None:
        """After the first load with rows (and after an upgrade from widths that clipped the headers)."""
        if str(self.settings.value(FITTED_KEY, "")) == str(FIT_VERSION) or not self.table.model().rowCount():
            return
        self.fit_columns()
        self.settings.setValue(FITTED_KEY, FIT_VERSION)
        self.settings.sync()

    def save_settings(self) -> None:
        """Persist column order, widths, visibility and sort (also done on every change)."""
        self._header_save.stop()
        self.settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        self.settings.sync()
