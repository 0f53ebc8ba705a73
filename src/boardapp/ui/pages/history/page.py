"""History: every change in the workspace (who, when, what, field, old → new), newest first.

The table pages through the audit trail as it scrolls (keyset pages of 200 from
``services.history``), so half a million entries open as fast as fifty. Filters: kind, person,
a date range (UK day-first) and text (debounced; a text search scans the whole trail, so it and
its further pages run off the UI thread, see ``search.py``). "Show in register" opens an action's entry on
the Actions page; "Export to CSV…" writes what the filter matches, off the UI thread.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableView, QWidget

from boardapp.services.history import ENTITY_LABELS, HistoryFilter, count_entries, entity_kinds, history_page
from boardapp.services.history import people_in_history
from boardapp.services.plan.filters import ActionFilter
from boardapp.ui.common import msgbox
from boardapp.ui.common.date_fields import UkDateField
from boardapp.ui.common.empty_state import EmptyState, EmptySwitch
from boardapp.ui.common.table_page import TablePage
from boardapp.ui.common.tasks import run_with_progress
from boardapp.ui.pages.history.models import ROW_ROLE, HistoryTableModel
from boardapp.ui.pages.history.search import HistorySearch, describe_failure

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.history import HistoryEntry
    from boardapp.ui.common.context import AppContext

SEARCH_DEBOUNCE_MS = 250
_ALL = ""


class HistoryPage(TablePage):
    title = "History"
    blurb = ("Every change made in this workspace, newest first: who made it, when, to what, and the value "
             "before and after. Narrow it by kind, person, dates or text; export what you see to CSV.")
    action_requested = Signal(object, int)  # ActionFilter, action id: open it in the register

    def write_controls(self) -> list[Any]:
        """None: the history is read-only by nature (its CSV export writes a file, not the workspace)."""
        return []

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        self.dialog: Any = None
        self.export_task: Any = None
        self.searcher = HistorySearch(lambda: self.ctx.engine)
        super().__init__(ctx, parent)
        ctx.changed.connect(lambda _what: self.mark_stale())
        ctx.actions_changed.connect(lambda _ids: self.mark_stale())

    # -- building -------------------------------------------------------------------------------
    def build(self) -> None:
        bar = QHBoxLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of record")
        self.person_combo = QComboBox()
        self.person_combo.setAccessibleName("Changed by")
        self.since_field = UkDateField(accessible_name="From date", optional=True)
        self.until_field = UkDateField(accessible_name="To date", optional=True)
        for f in (self.since_field, self.until_field):
            f.line_edit.setFixedWidth(f.line_edit.fontMetrics().horizontalAdvance("30/09/20277") + 16)
            f.setSizePolicy(f.sizePolicy().horizontalPolicy().Fixed, f.sizePolicy().verticalPolicy())
        self.search = QLineEdit()
        self.search.setAccessibleName("Search history")
        self.search.setPlaceholderText("Search old/new values, fields, people…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        for label, widget in (("&Kind", self.kind_combo), ("&Person", self.person_combo),
                              ("Fro&m", self.since_field), ("&To", self.until_field)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        self.body.addLayout(bar)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.person_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.since_field.changed.connect(self.apply_filter)
        self.until_field.changed.connect(self.apply_filter)

        self.model = HistoryTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName("History")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((140, 150, 330, 120, 190)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _i: self.show_in_register())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.empty = EmptyState("No changes to show", "", name="No history")
        self.switch = EmptySwitch(self.table, self.empty)
        self.body.addWidget(self.switch, 1)

        foot = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.count_label.setAccessibleName("How many changes")
        self.register_button = QPushButton("Show in &register")
        self.register_button.setAccessibleName("Show in register")
        self.register_button.setToolTip("Open this action on the Actions page (Ctrl+Return)")
        self.register_button.clicked.connect(lambda _c=False: self.show_in_register())
        self.export_button = QPushButton("E&xport to CSV…")
        self.export_button.setAccessibleName("Export history to CSV")
        self.export_button.setToolTip("Write the changes this filter shows to a CSV file (Ctrl+Shift+H)")
        self.export_button.clicked.connect(lambda _c=False: self.export_csv())
        self.export_label = QLabel()
        self.export_label.setObjectName("muted")
        self.export_label.setAccessibleName("Export result")
        foot.addWidget(self.count_label)
        foot.addWidget(self.export_label, 1)
        foot.addWidget(self.register_button)
        foot.addWidget(self.export_button)
        self.body.addLayout(foot)

        for text, keys, slot in (("Find", "Ctrl+F", self._focus_search),
                                 ("Show in register", "Ctrl+Return", self.show_in_register),
                                 ("Export to CSV", "Ctrl+Shift+H", self.export_csv)):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _c=False, slot=slot: slot())
            self.addAction(act)
        self._update_buttons()

    # -- reading --------------------------------------------------------------------------------
    def load(self, session: "Session") -> None:
        self._fill_combo(self.kind_combo, [(ENTITY_LABELS.get(k, k), k) for k in entity_kinds(session=session)],
                         "All kinds")
        self._fill_combo(self.person_combo, [(p, p) for p in people_in_history(session=session)], "Everyone")
        self._reload(session)

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, str]], everything: str) -> None:
        keep = combo.currentData() or _ALL
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, _ALL)
        for label, value in items:
            combo.addItem(label, value)
        found = combo.findData(keep)
        combo.setCurrentIndex(found if found >= 0 else 0)
        combo.blockSignals(False)

    def current_filter(self) -> HistoryFilter:
        return HistoryFilter(
            entity=self.kind_combo.currentData() or "", who=self.person_combo.currentData() or "",
            since=self.since_field.peek(), until=self.until_field.peek(), text=self.search.text().strip(),
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        with self.ctx.session() as session:
            self._reload(session)

    def _reload(self, session: "Session") -> None:
        flt = self.current_filter()
        if flt.text:
            self._search_in_background(flt)
            return
        self.searcher.cancel()
        total = count_entries(flt, session=session)
        self.model.reset(self._fetcher(flt))
        self._show_count(flt, total)

    def _search_in_background(self, flt: HistoryFilter) -> None:
        """Count and first page of a text search on a worker; the table keeps its rows until then."""
        self.count_label.setText("Searching…")

        def done(total: int, first: Any) -> None:
            if flt != self.current_filter():
                return  # the user changed the filter meanwhile; its own search is on its way
            self.model.reset(None, first=first, background=lambda cursor, gen: self._next_page(flt, cursor, gen))
            self._show_count(flt, total)

        def failed(message: str) -> None:
            if flt == self.current_filter():
                self.count_label.setText(describe_failure(message))

        self.searcher.search(flt, done, failed)

    def _next_page(self, flt: HistoryFilter, cursor: Any, generation: int) -> None:
        def failed(message: str) -> None:
            self.model.fetch_failed(generation)
            self.count_label.setText(describe_failure(message))

        self.searcher.next_page(flt, cursor, lambda page: self.model.deliver(generation, page), failed)

    def _show_count(self, flt: HistoryFilter, total: int) -> None:
        filtered = flt != HistoryFilter()
        self.count_label.setText(f"{total:,} change{'s' if total != 1 else ''}"
                                 + (" match the filter" if filtered else " in this workspace"))
        if filtered:
            self.empty.set_text("No changes match", "Clear the search or widen the dates to see more.")
        else:
            self.empty.set_text("No changes yet", "Every edit, import and status change will be listed here.")
        self.switch.set_empty(total == 0)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _fetcher(self, flt: HistoryFilter) -> Any:
        def fetch(cursor: Any) -> Any:
            with self.ctx.session() as session:
                return history_page(flt, session=session, after=cursor)
        return fetch

    # -- acting ---------------------------------------------------------------------------------
    def current_entry(self) -> "HistoryEntry | None":
        index = self.table.currentIndex()
        return self.model.data(self.model.index(index.row(), 0), ROW_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        entry = self.current_entry()
        self.register_button.setEnabled(entry is not None and entry.entity == "action")
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_in_register(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.entity != "action":
            return
        self.action_requested.emit(ActionFilter(), entry.entity_id)

    def export_csv(self) -> None:
        if self.model.rowCount() == 0:
            return
        path = msgbox.save_file(self, "Export history to CSV", Path.home() / "history.csv", "CSV files (*.csv)")
        if path is None:
            return
        from boardapp.exchange.history_csv import export_history_csv

        flt, engine = self.current_filter(), self.ctx.engine

        def work(control: Any) -> int:
            return export_history_csv(engine, flt, path, progress=lambda p: control.progress(p, "Writing rows…"),
                                      cancelled=control.is_cancelled)

        def done(rows: int) -> None:
            self.export_label.setText(f"Exported {rows:,} change{'s' if rows != 1 else ''} to {path.name}")

        self.export_task = run_with_progress(self, "Exporting history", work, on_done=done)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
