"""The directory tab: board members and action owners, who has left, and entries that share a name.

Keyboard: Insert adds, Enter or F2 edits, Delete deletes (or offers to mark as left and
reassign); every button has an Alt shortcut. Dialogs open without blocking (``self.dialog``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from boardapp.services.rows import PersonRow
from boardapp.ui.common import msgbox
from boardapp.ui.common.empty_state import EmptyState, EmptySwitch
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns, make_table, select_first
from boardapp.ui.common.undo import run_command
from boardapp.ui.pages.people import commands
from boardapp.ui.pages.people.dialogs import LeaveDialog, MergeDialog, PersonDialog

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext


def _status(r: PersonRow) -> str:
    return f"Left {r.left_on:%d/%m/%Y}" if r.left_on else "Active"


def _note(r: PersonRow) -> str:
    if not r.same_name:
        return ""
    return "Same name"


COLUMNS: list[Column[PersonRow]] = [
    Column("Name", lambda r: r.name),
    Column("Role", lambda r: r.role, tooltip=lambda r: r.role),
    Column("Organisation", lambda r: r.organisation),
    Column("Email", lambda r: r.email),
    Column("Member", lambda r: r.is_member, tooltip=lambda r: "A member of the board" if r.is_member else
           "Not a member of the board (an action owner)"),
    Column("Status", _status, sort_key=lambda r: (r.left_on is not None, r.left_on)),
    Column("Open actions", lambda r: r.open_actions),
    Column("Check", _note, tooltip=lambda r: (f"{r.same_name + 1} entries share this name: if they are the same "
                                              "person, use Merge to make them one") if r.same_name else ""),
]


def button(text: str, tip: str, slot: Any) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(text.replace("&", "").rstrip("…"))
    widget.setToolTip(tip)
    widget.setAutoDefault(False)
    widget.clicked.connect(lambda _=False: slot())
    return widget


class PeopleTab(QWidget):
    """The directory as a table, with add / edit / leave / reassign / merge / delete."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[PersonRow] = []
        self.dialog: QDialog | None = None
        self.table, self.model = make_table("People", COLUMNS)
        fit_columns(self.table, (180, 205, 185, 185, 70, 120, 105))
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = button("&Add person…", "Add a board member or action owner (Insert)", self.add_person)
        self.edit_button = button("Ed&it…", "Change the chosen person's details (Enter or F2)", self.edit_selected)
        self.leave_button = button("Mark as &left…", "They have left: give their open actions to someone else",
                                   self.leave_selected)
        self.reassign_button = button("&Reassign actions…", "Give the chosen person's open actions to someone else",
                                      self.reassign_selected)
        self.merge_button = button("&Merge…", "Two entries for the same person: make them one", self.merge_selected)
        self.delete_button = button("&Delete", "Delete an entry made by mistake (Delete)", self.delete_selected)
        self.show_left = QCheckBox("Sho&w people who have left")
        self.show_left.setAccessibleName("Show people who have left")
        self.show_left.setChecked(True)
        self.show_left.toggled.connect(lambda _on: self.refresh())
        self.duplicates_label = QLabel("")
        self.duplicates_label.setObjectName("muted")
        self.duplicates_label.setAccessibleName("Entries that share a name")
        self.empty = EmptyState(
            "No people yet",
            "Add the board's members (the chair, the DCS, the lead member, the DfE adviser, partners) and the "
            "people who own actions. You can then choose them as owners and theme leads.",
            [("Add the first person…", self.add_person)], name="No people yet")
        self.switch = EmptySwitch(self.table, self.empty)
        top = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.leave_button, self.reassign_button, self.merge_button,
                  self.delete_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.show_left)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.duplicates_label)
        layout.addWidget(self.switch, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._refresh_buttons())
        self.model.modelReset.connect(self._refresh_buttons)

    # -- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        from boardapp.services.people.people import list_directory

        chosen = self.selected()
        with self.ctx.session() as session:
            self.rows = list_directory(session=session)
        shown = self.rows if self.show_left.isChecked() else [r for r in self.rows if r.left_on is None]
        self.model.set_rows(shown)
        self.switch.set_empty(not self.rows)
        flagged = sum(1 for r in self.rows if r.same_name)
        self.duplicates_label.setText(
            f"{flagged} entries share a name with another: check whether they are the same person, and merge them."
            if flagged else "")
        self.duplicates_label.setVisible(bool(flagged))
        if chosen is None or not self.select(chosen.id):
            select_first(self.table)  # the keyboard always has a row to act on
        self._refresh_buttons()

    def selected(self) -> PersonRow | None:
        """The chosen row: the one with the keyboard's focus rectangle (and selection)."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select(self, person_id: int) -> bool:
        for i, row in enumerate(self.model.rows()):
            if row.id == person_id:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                return True
        return False

    def _refresh_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.leave_button.setEnabled(row is not None and row.left_on is None)
        self.reassign_button.setEnabled(row is not None and row.open_actions > 0)
        self.merge_button.setEnabled(row is not None and row.same_name > 0)
        self.delete_button.setEnabled(row is not None)

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

    def add_person(self) -> QDialog:
        return self._open(PersonDialog(self.ctx, None, self))

    def edit_selected(self) -> QDialog | None:
        row = self.selected()
        return self._open(PersonDialog(self.ctx, row, self)) if row else None

    def leave_selected(self) -> QDialog | None:
        row = self.selected()
        if row is None or row.left_on is not None:
            return None
        return self._open(LeaveDialog(self.ctx, row, self.rows, self))

    def reassign_selected(self) -> QDialog | None:
        row = self.selected()
        if row is None or not row.open_actions:
            return None
        return self._open(LeaveDialog(self.ctx, row, self.rows, self, leaving=False))

    def merge_selected(self) -> QDialog | None:
        from boardapp.services.people.people import name_key

        row = self.selected()
        if row is None or not row.same_name:
            return None
        group = sorted((r for r in self.rows if name_key(r.name) == name_key(row.name)), key=lambda r: r.id)
        group.sort(key=lambda r: r.id != row.id)  # the chosen one is offered as the one to keep
        return self._open(MergeDialog(self.ctx, group, self))

    def delete_selected(self) -> None:
        from boardapp.services.people.errors import InUseError

        row = self.selected()
        if row is None:
            return
        if not msgbox.question(self, "Delete person", f"Delete {row.name} from the directory?\n\n"
                               "Only for an entry made by mistake; someone who has left is marked as left instead. "
                               "Undo brings it back.", default_yes=False):
            return
        try:
            run_command(self.ctx, commands.DeletePersonCommand(self.ctx, row))
        except InUseError as exc:
            offer = "Mark as left and reassign…" if exc.open_actions else "Mark as left…"
            if row.left_on is not None:
                offer = "Reassign their actions…" if exc.open_actions else ""
            answer = msgbox.choice(self, f"{row.name} cannot be deleted", exc.message[:1].upper() + exc.message[1:] + ".",
                                   [offer] if offer else [], cancel="Keep them")
            if answer:
                self.leave_selected() if row.left_on is None else self.reassign_selected()

    # -- keyboard -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
                key = event.key()
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                    self.edit_selected()
                    return True
                if key == Qt.Key.Key_Insert:
                    self.add_person()
                    return True
                if key == Qt.Key.Key_Delete:
                    self.delete_selected()
                    return True
        return super().eventFilter(watched, event)
