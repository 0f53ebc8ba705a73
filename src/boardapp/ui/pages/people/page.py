"""People: the board's directory (members and action owners) and the plan's themes, on two tabs.

Both tabs read when first shown and again after a change to people, themes or the board
(``ctx.changed`` / ``ctx.workspace_changed``), only if visible then (otherwise on their next show).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from boardapp.ui.common.table_page import heading
from boardapp.ui.pages.people.people_tab import PeopleTab
from boardapp.ui.pages.people.themes_tab import ThemesTab

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext

WATCHED = ("people", "themes", "board")


class PeoplePage(QWidget):
    """The People page: ``people`` and ``themes`` are its two tabs."""

    def write_controls(self) -> list[Any]:
        """Both tabs' commands that write (gated while read-only)."""
        p, t = self.people, self.themes
        return [p.add_button, p.edit_button, p.leave_button, p.reassign_button, p.merge_button, p.delete_button,
                t.add_button, t.edit_button, t.up_button, t.down_button, t.delete_button]

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.setAccessibleName("People")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(heading("People and themes"))
        about = QLabel("The board's members and the owners of actions, in one directory; and the plan's themes "
                       "(workstreams), their leads and ILACS areas. Every change can be undone (Ctrl+Z).")
        about.setObjectName("muted")
        about.setWordWrap(True)
        layout.addWidget(about)
        self.people = PeopleTab(ctx)
        self.themes = ThemesTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("People and themes")
        self.tabs.tabBar().setAccessibleName("People and themes tabs")
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.themes, "&Themes")
        layout.addWidget(self.tabs, 1)
        ctx.changed.connect(self._on_changed)
        ctx.workspace_changed.connect(self.mark_stale)
        ctx.actions_changed.connect(lambda _ids: self.mark_stale())  # the open-action counts

    def _on_changed(self, kind: str) -> None:
        if kind in WATCHED:
            self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.people.refresh()
        self.themes.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def show_themes(self) -> None:
        self.tabs.setCurrentWidget(self.themes)

    def show_people(self) -> None:
        self.tabs.setCurrentWidget(self.people)
