"""The themes tab: the plan's workstreams in order, with lead and ILACS area.

Keyboard: Insert adds, Enter or F2 edits, Ctrl+Up / Ctrl+Down move, Delete deletes (a theme
with actions offers to move them first).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from boardapp.domain.enums import IlacsArea
from boardapp.services.rows import PersonRow, ThemeRow
from boardapp.ui.common import msgbox
from boardapp.ui.common.empty_state import EmptyState, EmptySwitch
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns, make_table, select_first
from boardapp.ui.common.undo import run_command
from boardapp.ui.pages.people import commands
from boardapp.ui.pages.people.dialogs import MoveActionsDialog, ThemeDialog
from boardapp.ui.pages.people.people_tab import button

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext


def area_label(area: str | None) -> str:
    return IlacsArea(area).label if area in IlacsArea.__members__ else ""


COLUMNS: list[Column[ThemeRow]] = [
    Column("Code", lambda r: r.code),
    Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Lead", lambda r: r.lead_name),
    Column("ILACS area", lambda r: area_label(r.ilacs_area)),
    Column("Actions", lambda r: r.actions),
    Column("Open", lambda r: r.open_actions),
]


def next_code(rows: list[ThemeRow]) -> str:
    """T1, T2, … : the next free 'T' number."""
    numbers = [int(r.code[1:]) for r in rows if r.code[:1] == "T" and r.code[1:].isdigit()]
    return f"T{max(numbers, default=0) + 1}"


class ThemesTab(QWidget):
    """The themes as a table, with add / edit / move up and down / delete (moving its actions)."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ThemeRow] = []
        self.people: list[PersonRow] = []
        self.dialog: QDialog | None = None
        self.table, self.model = make_table("Themes", COLUMNS)
        self.table.setSortingEnabled(False)  # the order is the plan's; Move up / down changes it
        fit_columns(self.table, (70, 370, 190, 290, 75, 70))
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = button("&Add theme…", "Add a theme (Insert)", self.add_theme)
        self.edit_button = button("Ed&it…", "Change the chosen theme (Enter or F2)", self.edit_selected)
        self.up_button = button("Move &up", "Move the chosen theme up the plan (Ctrl+Up)", lambda: self.move_selected(-1))
        self.down_button = button("Move do&wn", "Move the chosen theme down the plan (Ctrl+Down)",
                                  lambda: self.move_selected(1))
        self.delete_button = button("&Delete…", "Delete the chosen theme (its actions move to another first)",
                                    self.delete_selected)
        self.empty = EmptyState(
            "No themes yet",
            "Themes (workstreams) group the plan's actions, and each action's ref starts with its theme's code. "
            "Start with one theme per ILACS judgement area, or add your own.",
            [("Add the ILACS starter set", self.add_starter_set), ("Add a theme…", self.add_theme)],
            name="No themes yet")
        self.switch = EmptySwitch(self.table, self.empty)
        top = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.up_button, self.down_button, self.delete_button):
            top.addWidget(w)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.switch, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._refresh_buttons())
        self.model.modelReset.connect(self._refresh_buttons)

    def refresh(self) -> None:
        from boardapp.services.people.queries import list_people
        from boardapp.services.people.themes import list_theme_rows

        chosen = self.selected()
        with self.ctx.session() as session:
            self.rows = list_theme_rows(session=session)
            self.people = list_people(session=session)
        self.model.set_rows(self.rows)
        self.switch.set_empty(not self.rows)
        if chosen is None or not self.select(chosen.id):
            select_first(self.table)  # the keyboard always has a row to act on
        self._refresh_buttons()

    def selected(self) -> ThemeRow | None:
        """The chosen row: the one with the keyboard's focus rectangle (and selection)."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select(self, theme_id: int) -> bool:
        for i, row in enumerate(self.model.rows()):
            if row.id == theme_id:
                self.table.selectRow(i)
                return True
        return False

    def _refresh_buttons(self) -> None:
        row = self.selected()
        at = self.rows.index(row) if row in self.rows else -1
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.up_button.setEnabled(at > 0)
        self.down_button.setEnabled(0 <= at < len(self.rows) - 1)

    # -- operations -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_theme(self) -> QDialog:
        return self._open(ThemeDialog(self.ctx, self.people, None, self, suggested_code=next_code(self.rows)))

    def edit_selected(self) -> QDialog | None:
        row = self.selected()
        return self._open(ThemeDialog(self.ctx, self.people, row, self)) if row else None

    def add_starter_set(self) -> None:
        from boardapp.services.people.themes import ILACS_STARTER

        taken = {r.code for r in self.rows}
        values = [{"code": c, "title": t, "ilacs_area": a} for c, t, a in ILACS_STARTER if c not in taken]
        if values:
            self._run(commands.CreateThemesCommand(self.ctx, values, "Add the ILACS starter themes"))

    def move_selected(self, step: int) -> None:
        row = self.selected()
        if row is None:
            return
        order = [r.id for r in self.rows]
        at = order.index(row.id)
        to = at + step
        if not 0 <= to < len(order):
            return
        after = list(order)
        after[at], after[to] = after[to], after[at]
        self._run(commands.ReorderThemesCommand(self.ctx, order, after, f"Move theme {row.code} {'up' if step < 0 else 'down'}"))
        self.select(row.id)

    def delete_selected(self) -> QDialog | None:
        from boardapp.services.people.errors import InUseError

        row = self.selected()
        if row is None:
            return None
        if row.actions:
            return self._offer_move(row, f"{row.code} {row.title} has {row.actions} action{'s' if row.actions != 1 else ''}.")
        if not msgbox.question(self, "Delete theme", f"Delete theme {row.code} {row.title}? Undo brings it back.",
                               default_yes=False):
            return None
        try:
            run_command(self.ctx, commands.DeleteThemeCommand(self.ctx, row))
        except InUseError as exc:  # actions were added meanwhile (elsewhere)
            return self._offer_move(row, exc.message)
        return None

    def _offer_move(self, row: ThemeRow, why: str) -> QDialog | None:
        answer = msgbox.choice(self, f"Theme {row.code} is in use",
                               f"{why} A theme with actions cannot be deleted until its actions are moved to another theme.",
                               ["Move its actions…"], cancel="Keep the theme")
        if answer is None:
            return None
        return self._open(MoveActionsDialog(self.ctx, row, self.rows, self))

    def _run(self, command: Any) -> None:
        from boardapp.domain.rules import ValidationError
        from boardapp.services.people.errors import ConflictError, NotFoundError

        try:
            run_command(self.ctx, command)
        except (ValidationError, ConflictError, NotFoundError) as exc:
            msgbox.warning(self, "Themes", str(exc))

    # -- keyboard -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if mods == Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_selected(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                    self.edit_selected()
                    return True
                if key == Qt.Key.Key_Insert:
                    self.add_theme()
                    return True
                if key == Qt.Key.Key_Delete:
                    self.delete_selected()
                    return True
        return super().eventFilter(watched, event)
