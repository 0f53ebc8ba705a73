"""The application shell: navigation, pages, menus, status bar.

The window is built and shown before the workspace is opened (and before
SQLModel is imported): pages are created in :meth:`MainWindow.attach` once the
engine exists. Long operations live in :mod:`boardapp.ui.shell.operations`; the menus
(:mod:`~boardapp.ui.shell.window_menus`), the status bar (:mod:`~boardapp.ui.shell.status_bar`) and
who-is-editing (:mod:`~boardapp.ui.shell.who_and_board`) are mixins of their own.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QTableView, QVBoxLayout,
    QWidget,
)

from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.shell.status_bar import StatusBarMixin
from boardapp.ui.shell.window_menus import PAGE_NAMES, MenusMixin
from boardapp.ui.shell.who_and_board import WhoAndBoardMixin

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from boardapp.services.plan.filters import ActionFilter
    from boardapp.services.plan.snapshot import RegisterSnapshot
    from boardapp.services.rows import WorkspaceSummary
    from boardapp.ui.common.context import AppContext

SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_STATE = "main_window/state"
SETTINGS_PAGE = "main_window/page"


def _page_factories() -> list[Callable[["AppContext", QWidget], QWidget]]:
    """The page classes, imported when a workspace is attached (after first paint)."""
    from boardapp.ui.pages.actions.page import ActionsPage
    from boardapp.ui.pages.dashboard.page import DashboardPage
    from boardapp.ui.pages.funding.page import FundingPage
    from boardapp.ui.pages.history.page import HistoryPage
    from boardapp.ui.pages.inspections.page import InspectionsPage
    from boardapp.ui.pages.meetings.page import MeetingsPage
    from boardapp.ui.pages.people.page import PeoplePage
    from boardapp.ui.pages.performance.page import PerformancePage
    from boardapp.ui.pages.readiness.page import ReadinessPage
    from boardapp.ui.pages.risks.page import RisksPage

    return [DashboardPage, ActionsPage, InspectionsPage, ReadinessPage, MeetingsPage, PerformancePage, RisksPage,
            FundingPage, PeoplePage, HistoryPage]


def warm_up_orm() -> None:
    """Import SQLAlchemy, SQLModel and the models on a background thread once the data is on screen,
    so the first edit does not wait ~0.65 s for them (the open itself never imports them)."""
    import threading

    def load() -> None:
        import boardapp.db.engine  # noqa: F401
        import boardapp.db.models  # noqa: F401
        import boardapp.services.plan.commands  # noqa: F401

    threading.Thread(target=load, name="warm up the ORM", daemon=True).start()


class MainWindow(MenusMixin, StatusBarMixin, WhoAndBoardMixin, QMainWindow):
    """Navigation list on the left, the current page on the right, status bar below."""

    workspace_attached = Signal(object)  # AppContext
    data_ready = Signal()  # the register has its rows, after a workspace is attached
    open_failed = Signal(str)  # a workspace could not be opened (the message says why)

    def __init__(self, parent: QWidget | None = None, *, interactive: bool = True) -> None:
        super().__init__(parent)
        #: False in --smoke runs: problems are reported through signals, not message boxes.
        self.interactive = interactive
        self.opening = False
        self.ctx: AppContext | None = None
        self.pages: dict[str, QWidget] = {}
        self.summary: WorkspaceSummary | None = None
        self.counts: tuple[int, int, int] | None = None
        self._data_ready_sent = False
        self._undo_actions: list[QAction] = []
        self.wizard: Any = None  # File › New workspace's wizard while it is open
        self.dialog: Any = None  # Board settings or Preferences while open
        self.who_prompt: Any = None
        self.setWindowTitle("boardapp")
        self.setAccessibleName("boardapp main window")
        from boardapp.ui.shell.auto_backup import AutoBackup

        self.auto_backup = AutoBackup(self)  # every 30 minutes when something changed, and on close
        self.auto_backup.failed.connect(lambda why: self.statusBar().showMessage(f"Automatic backup failed: {why}", 30_000))
        self._build_body()
        self._build_status_bar()
        self._build_menus()
        self._set_workspace_actions_enabled(False)
        self._restore_settings()
        self._ask_who_is_editing()

    # -- construction -----------------------------------------------------------------------------
    def _build_body(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navigation")
        self.navigation.setFixedWidth(170)
        for i, name in enumerate(PAGE_NAMES, start=1):
            item = QListWidgetItem(name)
            item.setToolTip(f"{name} (Ctrl+{i % 10})")  # the tenth page is Ctrl+0
            self.navigation.addItem(item)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Pages")
        # An explicit minimum: one wide page must not push the window past a 1366-pixel screen.
        self.stack.setMinimumSize(480, 360)
        self.loading = QWidget()
        loading_layout = QVBoxLayout(self.loading)
        self.loading_label = QLabel("Opening the workspace…")
        self.loading_label.setObjectName("pageTitle")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading_layout.addWidget(self.loading_label)
        self.stack.addWidget(self.loading)
        layout.addWidget(self.navigation)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.banner = QVBoxLayout()  # non-modal prompts (who is editing) sit above the pages
        from boardapp.ui.shell.access_banner import make_banner

        self.read_only_banner = make_banner(central)  # "Open in another boardapp … — read-only" [Try again]
        self.read_only_banner.retry_button.clicked.connect(self.retry_write_access)
        self.banner.addWidget(self.read_only_banner)
        self.file_watch: Any = None
        self.write_gate: Any = None  # ui.common.write_gate.WriteGate over the open workspace's write commands
        right.addLayout(self.banner)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._on_navigation)

    # -- settings -------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value(SETTINGS_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            resize_to_fit(self, 1280, 760)
        state = settings.value(SETTINGS_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(SETTINGS_STATE, self.saveState())
        if self.pages:
            settings.setValue(SETTINGS_PAGE, self.current_page_name())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.detach()
        super().closeEvent(event)

    # -- workspace ------------------------------------------------------------------------------
    def attach(self, engine: "Engine | None", path: Path, snapshot: "RegisterSnapshot | None" = None, *,
               start_page: str | None = None, access: Any = None) -> "AppContext":
        """Show the workspace at ``path``: build the pages over a fresh context.

        ``start_page``: the page to show first (default: the one shown last time).

        ``engine``: the ORM's engine when the caller has one; without it the context makes
        it on first use (the open shows its data before SQLAlchemy is imported).

        ``snapshot``: the register's rows read by the open (``operations.open_path``), shown
        at once; without it the register reads them on a worker thread.

        ``access``: how the open holds the workspace (``db.access.WorkspaceAccess``: its lock, or
        read-only and why); the window keeps it until it closes the workspace.
        """
        from boardapp.config import current_user, remember_workspace
        from boardapp.ui.common.context import AppContext

        self.detach()
        ctx = AppContext(engine, path, current_user(), self, access=access)
        if snapshot is not None:
            ctx.as_at = snapshot.workspace.as_at
        else:
            ctx.reload_as_at()
        self.ctx = ctx
        self._show_who()
        self._data_ready_sent = False
        self.counts = None
        self._install_undo(ctx)
        self.auto_backup.watch(ctx)
        for name, factory in zip(PAGE_NAMES, _page_factories()):
            if name == "Actions":  # it reads the plan for the dashboard too (figures off the UI thread)
                page = factory(ctx, self.stack, snapshot=snapshot, plan_summary=True)  # type: ignore[call-arg]
            else:
                page = factory(ctx, self.stack)
            page.setAccessibleName(f"{name} page")
            self.pages[name] = page
            self.stack.addWidget(page)
        dashboard: Any = self.pages["Dashboard"]
        dashboard.shares_register_rows = True  # before any page is shown: no second read of the plan
        self.stack.removeWidget(self.loading)
        actions = self.pages["Actions"]
        actions.counts_changed.connect(self._on_counts)  # type: ignore[attr-defined]
        actions.loaded.connect(lambda: dashboard.use_snapshot(actions.snapshot))  # type: ignore[attr-defined]
        if actions.snapshot is not None:  # type: ignore[attr-defined]
            self.counts = actions.counts()  # type: ignore[attr-defined]  # shown before we listened for them
            dashboard.use_snapshot(actions.snapshot)  # type: ignore[attr-defined]
        self.pages["Dashboard"].filter_requested.connect(self.show_actions)  # type: ignore[attr-defined]
        self.pages["Dashboard"].action_requested.connect(self.show_actions)  # type: ignore[attr-defined]
        self.pages["Inspections"].action_requested.connect(self.show_actions)  # type: ignore[attr-defined]
        self.pages["Readiness"].action_requested.connect(self.show_actions)  # type: ignore[attr-defined]
        self.pages["Readiness"].new_visit_requested.connect(self._new_visit)  # type: ignore[attr-defined]
        self.pages["Dashboard"].readiness_requested.connect(lambda: self.show_page("Readiness"))  # type: ignore[attr-defined]
        self.pages["Performance"].action_requested.connect(self.show_actions)  # type: ignore[attr-defined]
        self.pages["History"].action_requested.connect(self.show_actions)  # type: ignore[attr-defined]
        ctx.workspace_changed.connect(self.refresh_status)
        dashboard.new_action_requested.connect(self._new_action)  # the empty plan's "Add your first action"
        dashboard.page_requested.connect(self.show_page)
        dashboard.import_requested.connect(self._import_spreadsheet)  # … and "Import your tracker"
        actions.import_requested.connect(self._import_spreadsheet)  # type: ignore[attr-defined]
        actions.meeting_requested.connect(self._show_meeting)  # type: ignore[attr-defined]
        self.meeting_menu.clear()
        self.pages["Meetings"].fill_menu(self.meeting_menu)  # type: ignore[attr-defined]
        ctx.actions_changed.connect(lambda _ids: self.refresh_status())
        self._set_workspace_actions_enabled(True)
        self._apply_access(ctx)
        start = start_page or QSettings().value(SETTINGS_PAGE, PAGE_NAMES[0])
        self.show_page(start if start in PAGE_NAMES else PAGE_NAMES[0])
        self.refresh_status(actions.snapshot.workspace if actions.snapshot is not None else None)  # type: ignore[attr-defined]
        try:
            remember_workspace(path)
        except OSError as exc:  # a config folder that cannot be written costs the recent list, never the window
            self._settings_not_saved("the list of recent workspaces", exc)
        self.workspace_attached.emit(ctx)
        self._check_data_ready()
        return ctx

    def _show_meeting(self, meeting_id: int, item_id: int) -> None:
        """An action arising's "Go to meeting": the Meetings page with that meeting and item chosen."""
        self.show_page("Meetings")
        self.pages["Meetings"].show_raised_at(meeting_id, item_id or None)  # type: ignore[attr-defined]

    def _new_visit(self) -> None:
        """The empty Readiness page's "Add the next visit…": the Inspections page's own dialog."""
        self.show_page("Inspections")
        self.pages["Inspections"].add_inspection()  # type: ignore[attr-defined]

    def _settings_not_saved(self, what: str, exc: OSError) -> None:
        """Warn (status bar and one log line) that a setting could not be kept; the work goes on."""
        import logging

        from boardapp.config import config_dir

        folder = config_dir()
        why = "it is a file, not a folder" if folder.exists() and not folder.is_dir() else (exc.strerror or str(exc))
        message = f"Could not save {what}: the settings folder {folder} cannot be written ({why})."
        logging.getLogger(__name__).warning("%s", message)
        self.statusBar().showMessage(message, 20_000)

    def detach(self) -> None:
        """Close the current workspace (pages, undo history, engine)."""
        if self.ctx is None:
            return
        if self.pages:
            QSettings().setValue(SETTINGS_PAGE, self.current_page_name())
        for action in self._undo_actions:
            self.edit_menu.removeAction(action)
            action.deleteLater()
        self._undo_actions = []
        # Show the loading page first: removing the current page would otherwise show (and
        # so load) the next one, reading the workspace we are closing.
        if self.stack.indexOf(self.loading) < 0:
            self.stack.addWidget(self.loading)
        self.stack.setCurrentWidget(self.loading)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        self.meeting_menu.clear()
        self.meeting_menu.menuAction().setVisible(False)
        self.auto_backup.closing()  # one last backup if anything changed (on its own worker thread)
        if self.file_watch is not None:
            self.file_watch.stop()
            self.file_watch.deleteLater()
            self.file_watch = None
        self.read_only_banner.hide()
        if self.write_gate is not None:
            self.write_gate.clear()
        ctx, self.ctx = self.ctx, None
        ctx.undo_stack.clear()
        ctx.dispose()
        ctx.deleteLater()
        self.summary = None
        self._set_workspace_actions_enabled(False)

    def retry_write_access(self) -> bool:
        """The read-only banner's "Try again" (``access_banner.retry_write_access``)."""
        from boardapp.ui.shell.access_banner import retry_write_access

        return retry_write_access(self)

    def edit_commands(self) -> list[QAction]:
        """The window's own commands that write (disabled while the workspace is read-only)."""
        return [self.new_action_action, self.import_action, self.board_settings_action, self.restore_action,
                self.import_comparators_action, *self.encryption.applicable()]

    def _apply_access(self, ctx: "AppContext") -> None:
        """Banner and edit commands for how the workspace is held; watch the file while writable."""
        from boardapp.ui.shell.access_banner import FileWatch, show_state

        from boardapp.ui.common.write_gate import WriteGate, empty_state_write_buttons, page_write_controls

        show_state(self.read_only_banner, ctx)
        self.encryption.refresh(ctx)  # before the gate: only the command that applies is joined
        ctx.bind_editing(*self.edit_commands())
        if self.write_gate is not None:
            self.write_gate.clear()
            self.write_gate.deleteLater()
        self.write_gate = WriteGate(self)  # every page's write commands: disabled, saying why, while read-only
        self.write_gate.refused.connect(lambda message: self.statusBar().showMessage(message, 15_000))
        self.write_gate.join([*self.edit_commands(), *self._undo_actions])
        for page in self.pages.values():
            self.write_gate.join(page_write_controls(page))
            self.write_gate.join(empty_state_write_buttons(page))  # "Add the first risk…", "Import your tracker…"
            for container, reads in getattr(page, "write_containers", list)():
                self.write_gate.join_container(container, reads)
        if ctx.read_only:
            self.write_gate.close_with(str(ctx.read_only_reason()))
        ctx.editable_changed.connect(lambda _editable: self._on_file_lost())
        if not ctx.read_only and ctx.access is not None:
            self.file_watch = FileWatch(ctx, self)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Delete, paste, Insert or F2 that no page took (its command is disabled): say why in the status bar."""
        from boardapp.ui.common.write_gate import is_edit_key

        if self.write_gate is not None and self.write_gate.closed and is_edit_key(event):
            self.write_gate.refuse()
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_file_lost(self) -> None:
        from boardapp.ui.shell.access_banner import show_state

        show_state(self.read_only_banner, self.ctx)
        if self.ctx is not None and self.write_gate is not None and self.ctx.read_only:
            self.write_gate.close_with(str(self.ctx.read_only_reason()))
        if self.ctx is not None and self.interactive:
            from boardapp.ui.common import msgbox

            msgbox.warning(self, "The workspace file was replaced", str(self.ctx.read_only_reason()))

    def _install_undo(self, ctx: "AppContext") -> None:
        undo = ctx.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = ctx.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.insertActions(self._edit_separator, [undo, redo])
        self._undo_actions = [undo, redo]

    def _check_data_ready(self) -> None:
        """Emit data_ready once the register has its rows (now or when it reports them)."""
        if self._data_ready_sent or self.ctx is None:
            return
        table = self.pages["Actions"].findChild(QTableView)
        populated = self.counts is not None or (table is not None and table.model() is not None and table.model().rowCount() > 0)
        if populated or (self.summary is not None and self.summary.action_count == 0):
            self._data_ready_sent = True
            self.data_ready.emit()
            if self.interactive:
                QTimer.singleShot(300, warm_up_orm)
        else:
            QTimer.singleShot(20, self._check_data_ready)

    # -- pages ----------------------------------------------------------------------------------
    def page_names(self) -> tuple[str, ...]:
        return PAGE_NAMES

    def current_page_name(self) -> str:
        row = self.navigation.currentRow()
        return PAGE_NAMES[row] if 0 <= row < len(PAGE_NAMES) else PAGE_NAMES[0]

    def show_page(self, page: int | str) -> None:
        index = PAGE_NAMES.index(page) if isinstance(page, str) else page
        if not self.pages or not 0 <= index < len(PAGE_NAMES):
            return
        self.navigation.setCurrentRow(index)
        # The row may already be current (kept from the workspace before): then no currentRowChanged
        # comes, and the stack would go on showing whichever page it holds first, unhighlighted.
        self._on_navigation(index)

    def _on_navigation(self, row: int) -> None:
        self.meeting_menu.menuAction().setVisible(bool(self.pages) and 0 <= row < len(PAGE_NAMES)
                                                  and PAGE_NAMES[row] == "Meetings")
        if self.pages and 0 <= row < len(PAGE_NAMES) and self.stack.currentWidget() is not self.pages[PAGE_NAMES[row]]:
            self.stack.setCurrentWidget(self.pages[PAGE_NAMES[row]])

    def actions_page(self) -> Any:
        return self.pages.get("Actions")

    def show_actions(self, action_filter: "ActionFilter", action_id: int | None = None) -> None:
        """Switch to the register filtered to ``action_filter`` (and select ``action_id``): the click-throughs."""
        page = self.actions_page()
        if page is None:
            return
        self.show_page("Actions")
        page.show_filter(action_filter)
        if action_id is not None:
            page.select_action(action_id)
        page.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _import_spreadsheet(self) -> None:
        from boardapp.ui.shell import exchange_ops

        exchange_ops.import_spreadsheet(self)

    def _import_comparators(self) -> None:
        from boardapp.ui.shell.comparators_dialog import import_comparators

        import_comparators(self)

    def _export_data(self) -> None:
        from boardapp.ui.shell import exchange_ops

        exchange_ops.export_data(self)

    def _find(self) -> None:
        page = self.actions_page()
        if page is not None:
            self.show_page("Actions")
            page.focus_search()

    def _new_action(self) -> None:
        page = self.actions_page()
        if page is not None:
            self.show_page("Actions")
            page.new_action()
