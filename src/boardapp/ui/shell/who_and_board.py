"""The main window's who-is-editing and board-settings parts (a mixin: the window stays under 500 lines).

Who is editing: asked once in a panel above the pages (never under ``--smoke``), shown in the
status bar, changed under Edit › Preferences; Edit › Board settings…; and Ctrl+1… putting the
keyboard in the page shown.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton, QStackedWidget, QStatusBar, QVBoxLayout

    from boardapp.ui.common.context import AppContext


class WhoAndBoardMixin:
    """Mixed into MainWindow (uses its ctx, banner, who_label, stack, interactive and show_page)."""

    ctx: "AppContext | None"
    interactive: bool
    banner: "QVBoxLayout"
    who_label: "QPushButton"
    who_prompt: Any
    dialog: Any
    stack: "QStackedWidget"
    show_page: Any
    statusBar: Any  # noqa: N815 - Qt's name

    def _ask_who_is_editing(self) -> None:
        """First start: ask for the user's name in a panel that does not block (never under --smoke)."""
        from boardapp.config import configured_user, suggested_user_name
        from boardapp.ui.shell.who_is_editing import WhoPrompt

        if not self.interactive or configured_user() is not None:
            return
        self.who_prompt = WhoPrompt(suggested_user_name(), self)
        self.who_prompt.named.connect(self.use_name)
        self.banner.addWidget(self.who_prompt)

    def _show_who(self) -> None:
        from boardapp.config import current_user

        name = self.ctx.who if self.ctx is not None else current_user()
        self.who_label.setText(f"Editing as {name}")
        self.who_label.setAccessibleDescription(f"Changes are recorded as made by {name}")

    def use_name(self, name: str) -> None:
        """The user said who they are (already kept in the config file): record it from now on."""
        if self.ctx is not None:
            self.ctx.who = name
        if self.who_prompt is not None:
            self.who_prompt.hide()
        self._show_who()
        self.statusBar().showMessage(f"Changes are now recorded as made by {name}.", 8_000)

    def open_preferences(self) -> Any:
        from boardapp.ui.shell.who_is_editing import PreferencesDialog

        current = self.ctx.who if self.ctx is not None else None
        if current is None:
            from boardapp.config import current_user

            current = current_user()
        return self._open_dialog(PreferencesDialog(current, self.use_name, self))

    def open_board_settings(self) -> Any:
        if self.ctx is None:
            return None
        from boardapp.ui.shell.board_settings import BoardSettingsDialog

        return self._open_dialog(BoardSettingsDialog(self.ctx, self))

    def _open_dialog(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _go_to_page(self, index: int) -> None:
        """Ctrl+1…: show the page and put the keyboard in its first table (the navigation list keeps it on click)."""
        self.show_page(index)
        page = self.stack.currentWidget()
        tables = [t for t in page.findChildren(QTableView) if t.isVisible()] if page is not None else []
        if tables:
            tables[0].setFocus(Qt.FocusReason.ShortcutFocusReason)

