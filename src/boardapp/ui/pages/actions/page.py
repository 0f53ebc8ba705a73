"""The Actions page: the improvement plan's register, its filters, saved views and edits.

Rows are loaded once (on a worker thread: 50,000 actions never freeze the window),
filtered and sorted in Python, and refreshed by id when ``ctx.actions_changed``
names the actions an edit touched. Every edit is an undoable command (``ui.undo``).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from operator import attrgetter, countOf
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QToolButton,
    QVBoxLayout, QWidget,
)

from boardapp.services.plan.filters import (
    ActionFilter, FilterContext, apply_filter, natural_ref_order, row_matches, search_text,
)
from boardapp.services.plan.gc_pause import paused_gc
from boardapp.services.plan.snapshot import RegisterSnapshot, read_snapshot
from boardapp.services.rows import ActionRow, PersonRow
from boardapp.ui.common import msgbox
from boardapp.ui.common.context import AppContext
from boardapp.ui.common.delegates import BragDelegate, ProgressDelegate
from boardapp.ui.common.fitted_fields import FittedCombo
from boardapp.ui.common.flow_layout import FlowLayout
from boardapp.ui.common.frozen_columns import FrozenColumns
from boardapp.ui.pages.actions.table_model import COLUMN_KEYS, COLUMNS, ActionTableModel
from boardapp.ui.pages.actions.filter_bar import ActionFilterBar
from boardapp.ui.pages.actions.edits import ActionEditsMixin
from boardapp.ui.pages.actions.column_views import COLUMNS_KNOWN_KEY, HEADER_KEY, ActionViewsMixin
from boardapp.ui.pages.actions.saved_views import BUILTIN_VIEWS, SavedViews
from boardapp.ui.pages.actions.search_results import SearchResultsMixin

log = logging.getLogger(__name__)


def _load(ctx: AppContext, with_plan_summary: bool) -> RegisterSnapshot:
    """Read everything the register needs (runs on a worker thread; plain rows only)."""
    with ctx.session() as session:
        return read_snapshot(session=session, today=ctx.today(), with_plan_summary=with_plan_summary)


class ActionsPage(ActionEditsMixin, ActionViewsMixin, SearchResultsMixin, QWidget):
    """The register. Public API: ``show_filter``, ``focus_search``, ``new_action``, ``reload``,
    ``edit_selected``, ``delete_selected``, ``restore_selected``, ``bulk_change_selected``,
    ``select_action``, ``selected_rows``; signals ``counts_changed(shown, total, overdue)``
    (total and overdue count the live plan) and ``loaded()``; ``snapshot`` is the last read.

    ``snapshot``: rows already read (by the open, alongside its check) are shown at once
    instead of read again, if they were read for today. ``plan_summary``: every load also
    works out the dashboard's figures, off the UI thread."""

    counts_changed = Signal(int, int, int)
    loaded = Signal()
    meeting_requested = Signal(int, int)  # an action arising's "Go to meeting": meeting id, agenda item id (0: none)
    import_requested = Signal()  # the empty register's "Import your tracker…" (the shell runs File › Import)

    def write_controls(self) -> list[Any]:
        """The commands that write (the shell's write gate disables them while read-only)."""
        return [self.new_button, self.edit_button, self.bulk_button, self.delete_button, self.restore_button]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 background: bool = True, snapshot: RegisterSnapshot | None = None,
                 plan_summary: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.snapshot: RegisterSnapshot | None = None
        self._plan_summary = plan_summary
        self.settings = settings if settings is not None else QSettings()
        self.views = SavedViews(self.settings)
        self._background = background
        self._all: dict[int, ActionRow] = {}
        self._hay: dict[int, str] = {}  # row id → search text, built on the first text search
        self._hay_ready = False
        self._people: list[PersonRow] = []
        self._fctx = FilterContext(ctx.today())
        self._ordered: list[ActionRow] = []
        self._ordered_sort: tuple[str, bool] | None = None
        self._ranked: list[ActionRow] = []  # rows in natural ref order, as read
        self._ref_rank: dict[int, int] | None = None  # id → position in _ranked, worked out on the first sort
        self._as_read = False
        self._last_filter: ActionFilter | None = None  # what the model shows now (None: must refilter all)
        self._generation = 0
        self._task: Any = None
        self._loading = False
        self.editor: Any = None
        self.bulk_dialog: Any = None
        self.setObjectName("actionsPage")
        self.setAccessibleName("Actions")
        if snapshot is not None and snapshot.today != ctx.today():
            snapshot = None  # read before midnight: read again
        if background and snapshot is None:
            self._start_load()  # read the plan on a worker while the widgets are built here
        self._build()
        ctx.actions_changed.connect(self._on_actions_changed)
        ctx.workspace_changed.connect(self.reload)
        self._apply_view(self.views.last(), emit=False)
        if snapshot is not None:
            self._generation += 1
            self._loaded(snapshot, self._generation)
        elif background:
            self._set_busy(True)
        else:
            self.reload()

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.bar = ActionFilterBar(self)
        self.bar.filter_changed.connect(self._filter_changed)
        self.view_combo = FittedCombo([*BUILTIN_VIEWS, "Custom filter"])  # a saved view's longer name is elided
        self.view_combo.setAccessibleName("Saved view")
        self.view_combo.setPlaceholderText("Custom filter")
        self.view_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view_combo.setMinimumContentsLength(12)
        self.view_combo.activated.connect(lambda _i: self._apply_view(self.view_combo.currentText()))
        self.save_view_button = self._button("Save view…", "Save the current filter as a named view", self.save_view)
        self.delete_view_button = self._button("Delete view", "Delete the chosen saved view", self.delete_view)
        self.clear_button = self._button("Clear", "Clear the filters: show all live actions", self.clear_filters)
        self.new_button = self._button("&New action", "Create an action (Ctrl+N)", self.new_action)
        self.edit_button = self._button("Ed&it…", "Edit the selected action (Enter or F2)", self.edit_selected)
        self.bulk_button = self._button("&Bulk change…", "Change owner, BRAG or revised due of the selected actions",
                                        self.bulk_change_selected)
        self.delete_button = self._button("&Delete", "Delete the selected actions (Delete); undo brings them back",
                                          self.delete_selected)
        self.restore_button = self._button("&Restore", "Restore the selected deleted actions", self.restore_selected)

        self.model = ActionTableModel(self)
        self.model.set_ref_rank(self._ranks)
        self.table = QTableView()
        self.table.setObjectName("actionsTable")
        self.table.setAccessibleName("Action register")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setAccessibleName("Columns (click to sort, right-click to choose)")
        self.table.verticalHeader().setAccessibleName("Rows")
        corner = self.table.findChild(QAbstractButton)
        if corner is not None:
            corner.setAccessibleName("Select all actions")
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self._brag_delegate = BragDelegate(self.table)
        self._progress_delegate = ProgressDelegate(self.table)
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("brag"), self._brag_delegate)
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("progress"), self._progress_delegate)
        self._install_search_results()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for i, column in enumerate(COLUMNS):
            self.table.setColumnWidth(i, column.width)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        state = self.settings.value(HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            header.restoreState(state)
        else:  # first run: the theme is the ref's prefix (T2.10) and a filter; its column can be shown
            self.table.setColumnHidden(COLUMN_KEYS.index("theme"), True)
        if str(self.settings.value(COLUMNS_KNOWN_KEY, "")) != ",".join(COLUMN_KEYS):
            # first run, or a header state saved before "Raised at" existed: that column starts hidden
            self.table.setColumnHidden(COLUMN_KEYS.index("raised_at"), True)
            self.settings.setValue(COLUMNS_KNOWN_KEY, ",".join(COLUMN_KEYS))
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen = FrozenColumns(self.table, (COLUMN_KEYS.index("ref"), COLUMN_KEYS.index("title")))
        self.table.selectionModel().currentChanged.connect(lambda current, _previous: self.frozen.reveal(current))
        self._header_save = QTimer(self)
        self._header_save.setSingleShot(True)
        self._header_save.setInterval(400)
        self._header_save.timeout.connect(self.save_settings)
        header.sectionResized.connect(lambda *_: self._header_save.start())
        header.sectionMoved.connect(lambda *_: self._header_save.start())
        header.sortIndicatorChanged.connect(lambda *_: self._header_save.start())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._refresh_buttons())
        self.model.modelReset.connect(self._refresh_buttons)

        self.status_label = QLabel()
        self.status_label.setObjectName("registerCounts")
        self.status_label.setAccessibleName("Actions shown")
        self.busy_label = QLabel("Loading actions…")
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.setAccessibleName("Loading")
        self.busy_label.hide()

        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.busy_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        # One flow for the toolbar and the filters: two lines at 1366 px, wrapping (never squeezing) when narrower.
        self.toolbar = FlowLayout(group_spacing=12)
        layout.addLayout(self.toolbar)
        view_label = QLabel("Vie&w:")  # Alt+E and Alt+V are the Edit and View menus
        view_label.setBuddy(self.view_combo)
        self.toolbar.add_group(view_label, self.view_combo, self.save_view_button, self.delete_view_button)
        self.toolbar.add_group(self.bar.search, self.clear_button, self.bar.raised_combo)
        self.toolbar.add_group(self.new_button, self.edit_button, self.bulk_button, self.delete_button,
                               self.restore_button)
        for number, group in enumerate(self.bar.groups()):  # the filters read as one run, as they did in one row
            self.toolbar.add_group(*group, run_on=number > 0)
        layout.addWidget(self.bar)
        from boardapp.ui.common.empty_state import EmptyState, EmptySwitch

        self.empty = EmptyState(
            "No actions yet",
            "Add an action, or import your tracker from a spreadsheet (.xlsx or .csv): what is to be done, its "
            "owner, theme and due date. Owners and themes come from the People page.",
            [("Add an action", self.new_action), ("Import your tracker…", self.import_requested.emit)],
            name="The register is empty")
        self.switch = EmptySwitch(self.table, self.empty)
        layout.addWidget(self.switch, 1)
        layout.addLayout(bottom)
        # Tab follows reading order: left to right, line by line, however the toolbar wraps.
        order = [*(w for w in self.toolbar.widgets() if w.focusPolicy() != Qt.FocusPolicy.NoFocus), self.table]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self._fill_views()

    def _button(self, text: str, tip: str, slot: Any) -> QToolButton:
        """A toolbar button: as wide as its text (a push button's 80 px minimum would crowd the line)."""
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda _c=False: slot())
        return button

    # --- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read every action again (on a worker thread; the table shows a busy state meanwhile)."""
        self._set_busy(True)
        if not self._background:
            self._generation += 1
            self._loaded(_load(self.ctx, self._plan_summary), self._generation)
            return
        self._start_load()

    def _start_load(self) -> None:
        """Start reading on a worker thread (touches no widget, so it can run before they exist)."""
        from boardapp.ui.common.tasks import Task

        self._generation += 1
        ctx = self.ctx
        with_plan = self._plan_summary
        task = Task(lambda _control: _load(ctx, with_plan))
        # Bound methods, not lambdas: Qt drops these connections if the page is deleted mid-load
        # (another workspace opened), so a late result never reaches a dead widget.
        task.finished.connect(self._task_loaded)
        task.failed.connect(self._task_failed)
        self._task = task
        task.start()

    def _task_loaded(self, data: RegisterSnapshot) -> None:
        if self.sender() is self._task:  # a result from an older load is ignored
            self._loaded(data, self._generation)

    def _task_failed(self, message: str) -> None:
        if self.sender() is self._task:
            self._load_failed(message, self._generation)

    def is_loading(self) -> bool:
        return self._loading

    def wait_loaded(self, msecs: int = 30_000) -> None:
        """Block until a background load has finished and been applied (tests, benchmarks)."""
        if self._task is not None:
            self._task.wait(msecs)
        from PySide6.QtCore import QCoreApplication

        while self._loading:
            QCoreApplication.processEvents()

    def _set_busy(self, busy: bool) -> None:
        self._loading = busy
        self.busy_label.setVisible(busy)
        if busy and not self._all:
            self.status_label.setText("Loading actions…")

    def _load_failed(self, message: str, generation: int) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self._task = None
        msgbox.error(self, "Could not load the actions", message)

    def _loaded(self, data: RegisterSnapshot, generation: int) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        self._task = None
        self.snapshot = data
        with paused_gc():  # 50,000 entries: see gc_pause
            self._all = {r.id: r for r in data.rows}
        self._ranked = data.rows  # read_snapshot sorts them in natural ref order
        self._ref_rank = None
        self._as_read = True  # _all is in natural ref order: no row added, removed or re-referenced since
        self._hay, self._hay_ready = {}, False
        self._people = data.people
        self._fctx = data.context
        self._ordered_sort = None
        self._last_filter = None
        self.bar.set_reference_data(data.themes, data.people)
        self.bar.set_visit(data.context.next_visit_start, data.context.next_visit_area, data.focus_text)
        self.bar.offer_meetings_of(self._all.values())
        self._recount()
        self._set_busy(False)
        self._refilter()
        self._fit_columns_once()
        self.loaded.emit()

    # --- filtering -----------------------------------------------------------------------------
    def current_filter(self) -> ActionFilter:
        return self.bar.current_filter()

    def rows_in_view(self) -> list[ActionRow]:
        """The rows the register shows now, in its order: what File › Export… writes as "this view"."""
        return self.model.rows()

    def show_filter(self, f: ActionFilter) -> None:
        """Show the register filtered to ``f`` (e.g. a dashboard click-through)."""
        self.view_combo.setCurrentIndex(-1)
        self.bar.set_filter(f)

    def focus_search(self) -> None:
        self.bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.bar.search.selectAll()

    def clear_filters(self) -> None:
        self._apply_view("All live actions")

    def _filter_changed(self, f: ActionFilter) -> None:
        name = self.view_combo.currentText() if self.view_combo.currentIndex() >= 0 else ""
        if name and self.views.all_views().get(name) != f:
            self.view_combo.setCurrentIndex(-1)
        self._refilter()

    def _ranks(self) -> dict[int, int]:
        """Row id → position in natural ref order (the tie-breaker of every sort), worked out once per load."""
        if self._ref_rank is None:
            with paused_gc():
                self._ref_rank = {r.id: i for i, r in enumerate(self._ranked)}
        return self._ref_rank

    def _master_rows(self) -> list[ActionRow]:
        """All rows in the table's current sort order (re-sorted only when the sort changed)."""
        sort = self.model.sort_state()
        if self._ordered_sort != sort or len(self._ordered) != len(self._all):
            from boardapp.services.plan.filters import sort_rows

            rows = list(self._all.values())
            if sort == ("ref", False) and self._as_read:
                self._ordered = rows  # as read: already in natural ref order (edits keep each row's place)
            else:
                self._ordered = sort_rows(rows, *sort, self._ranks()) if sort else rows
            self._ordered_sort = sort
        return self._ordered

    def _haystacks(self) -> dict[int, str]:
        """Row id → search text, built on the first text search (it costs ~50 ms at 50,000 rows)."""
        if not self._hay_ready:
            with paused_gc():
                self._hay = {r.id: search_text(r) for r in self._all.values()}
            self._hay_ready = True
        return self._hay

    def _refilter(self) -> None:
        f = self.bar.current_filter()
        last = self._last_filter
        if (last is not None and f.text.casefold().startswith(last.text.casefold())
                and replace(f, text=last.text) == last):
            source = self.model.rows()  # typing on: the matches are among those shown, already sorted
        else:
            source = self._master_rows()
        shown = apply_filter(source, f, self._fctx, self._haystacks() if f.text.strip() else None)
        self._last_filter = f
        self.model.set_rows(shown, presorted=True)
        self._show_search()
        self._refresh_buttons()
        self._emit_counts()

    def _recount(self) -> None:
        rows = self._all.values()
        self._total = len(rows) - sum(map(attrgetter("deleted"), rows))
        self._overdue = countOf(map(attrgetter("overdue", "deleted"), rows), (True, False))

    def _emit_counts(self) -> None:
        shown = self.model.rowCount()
        self.switch.set_empty(not self._all and not self._loading)
        what = "deleted actions" if self.bar.current_filter().deleted else "actions"
        self.status_label.setText(f"Showing {shown:,} of {self._total:,} {what} · {self._overdue:,} overdue")
        self.counts_changed.emit(shown, self._total, self._overdue)

    def counts(self) -> tuple[int, int, int]:
        return self.model.rowCount(), self._total, self._overdue

    # --- changes from anywhere -----------------------------------------------------------------
    def _on_actions_changed(self, ids: list[int]) -> None:
        if not ids or self._loading:  # everything, or a load that may have read before this change
            self.reload()
            return
        from boardapp.services.plan import register_read as action_rows

        with self.ctx.session() as session:
            fresh = action_rows.list_action_rows(session=session, today=self.ctx.today(), include_deleted=True, ids=ids)
        by_id = {r.id: r for r in fresh}
        for i in ids:
            if i not in by_id:
                self._all.pop(i, None)
                self._hay.pop(i, None)
                self._as_read = False
        if any(r.id not in self._all for r in fresh):
            self._as_read = False  # a new action: sort_rows places it by its ref
        if any(r.id in self._all and self._all[r.id].ref != r.ref for r in fresh):
            self._all.update(by_id)
            self._ranked = natural_ref_order(self._all.values())  # a ref changed: the old ranks would misplace it
            self._ref_rank, self._as_read = None, False
        for r in fresh:
            self._all[r.id] = r
            if self._hay_ready:
                self._hay[r.id] = search_text(r)
        self._ordered_sort = None
        self._last_filter = None
        f = self.bar.current_filter()
        keep = [r for r in fresh if row_matches(r, f, self._fctx, self._hay.get(r.id))]
        keep_ids = {r.id for r in keep}
        self.model.remove_ids([i for i in ids if i not in keep_ids])
        missing = set(self.model.replace_rows(keep))
        self.model.append_rows([r for r in keep if r.id in missing])
        if any(r.raised_at_meeting_id is not None for r in fresh) or any(i not in by_id for i in ids):
            self.bar.offer_meetings_of(self._all.values())
        self._recount()
        self._refresh_buttons()
        self._emit_counts()

    # --- selection -----------------------------------------------------------------------------
    def all_rows(self) -> list[ActionRow]:
        """Every row the register has read (live and deleted), e.g. for the dashboard to share."""
        return list(self._all.values())

    def selected_rows(self) -> list[ActionRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows if r < self.model.rowCount()]

    def select_action(self, action_id: int) -> bool:
        pos = self.model.position_of(action_id)
        if pos is None:
            return False
        index = self.model.index(pos, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _refresh_buttons(self) -> None:
        deleted_view = self.bar.current_filter().deleted
        count = len(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else 0
        self.edit_button.setEnabled(count == 1 and not deleted_view)
        self.bulk_button.setEnabled(count >= 1 and not deleted_view)
        self.delete_button.setEnabled(count >= 1 and not deleted_view)
        self.delete_button.setVisible(not deleted_view)
        self.restore_button.setVisible(deleted_view)
        self.restore_button.setEnabled(count >= 1)
        name = self.current_view()
        self.delete_view_button.setEnabled(bool(name) and not self.views.is_builtin(name or ""))

    # --- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                    self.edit_selected()
                    return True
                if key == Qt.Key.Key_Delete:
                    self.restore_selected() if self.bar.current_filter().deleted else self.delete_selected()
                    return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - shortcuts the shell has not claimed
        if event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            if event.key() == Qt.Key.Key_N:
                self.new_action()
                return
            if event.key() == Qt.Key.Key_F:
                self.focus_search()
                return
        if event.key() == Qt.Key.Key_Escape and self.bar.search.hasFocus() and self.bar.search.text():
            self.bar.search.clear()
            return
        super().keyPressEvent(event)
