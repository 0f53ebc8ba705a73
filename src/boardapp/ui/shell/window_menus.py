"""The main window's menus (a mixin: the window stays under 500 lines).

File (workspace, backup, encryption, pack, import and export), Edit (the page's undo and
redo, find, new action, board settings, preferences), Meeting (shown with the Meetings page),
View (Ctrl+1… for the pages) and Help. Workspace commands are off until a workspace is open.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from boardapp.ui.shell import operations
from boardapp.ui.shell.encryption_ops import EncryptionActions

PAGE_NAMES: tuple[str, ...] = (
    "Dashboard", "Actions", "Inspections", "Readiness", "Meetings", "Performance", "Risks", "Funding", "People",
    "History",
)


class MenusMixin:
    """Mixed into MainWindow (its commands: close, _import_spreadsheet, _find, _go_to_page, …)."""

    menuBar: Any
    navigation: Any
    close: Any
    open_board_settings: Any
    open_preferences: Any
    _import_spreadsheet: Any
    _export_data: Any
    _import_comparators: Any
    _find: Any
    _new_action: Any
    _go_to_page: Any

    def _action(self, menu: QMenu, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New workspace…", lambda: operations.new_workspace(self))
        self._action(file_menu, "&Open…", lambda: operations.choose_and_open(self), QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "&Back up now", lambda: operations.backup_now(self))
        self.restore_action = self._action(file_menu, "Res&tore from backup…", lambda: operations.restore_from_backup(self))
        self.encryption = EncryptionActions(self, file_menu)  # type: ignore[arg-type]  # the one that applies
        self.export_action = self._action(file_menu, "&Export meeting pack…", lambda: operations.export_pack(self), "Ctrl+P")
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "&Import tracker or risk register…", self._import_spreadsheet,
                                          "Ctrl+I")
        self.export_data_action = self._action(file_menu, "Export actions, risks or &calendar…", self._export_data,
                                               "Ctrl+Shift+E")
        self.import_comparators_action = self._action(file_menu, "Import co&mparators…", self._import_comparators)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit).setShortcut(QKeySequence("Ctrl+Q"))

        self.edit_menu = bar.addMenu("&Edit")
        self._edit_separator = self.edit_menu.addSeparator()
        self.find_action = self._action(self.edit_menu, "&Find", self._find, QKeySequence.StandardKey.Find)
        self.new_action_action = self._action(self.edit_menu, "&New action", self._new_action, QKeySequence.StandardKey.New)
        self.edit_menu.addSeparator()
        self.board_settings_action = self._action(self.edit_menu, "&Board settings…", self.open_board_settings)
        self.preferences_action = self._action(self.edit_menu, "&Preferences…", self.open_preferences,
                                               QKeySequence("Ctrl+,"))

        self.meeting_menu = bar.addMenu("&Meeting")  # the Meetings page's commands, while it is shown
        self.meeting_menu.menuAction().setVisible(False)
        view_menu = bar.addMenu("&View")
        self.page_actions: list[QAction] = []
        for i, name in enumerate(PAGE_NAMES):
            self.page_actions.append(self._action(view_menu, name, lambda i=i: self._go_to_page(i), f"Ctrl+{(i + 1) % 10}"))

        help_menu = bar.addMenu("&Help")
        self.about_action = self._action(help_menu, "&About boardapp", lambda: operations.show_about(self))

    def _set_workspace_actions_enabled(self, enabled: bool) -> None:
        for action in (self.backup_action, self.restore_action, self.export_action, self.import_action,
                       self.export_data_action, self.import_comparators_action,
                       self.find_action, self.new_action_action, self.board_settings_action, *self.page_actions,
                       *self.encryption.actions()):
            action.setEnabled(enabled)
        self.navigation.setEnabled(enabled)

    def _fill_recent(self) -> None:
        from boardapp.config import recent_workspaces

        self.recent_menu.clear()
        paths = recent_workspaces()
        if not paths:
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)
        for path in paths:
            action = self.recent_menu.addAction(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _=False, p=path: operations.open_path(self, p))
