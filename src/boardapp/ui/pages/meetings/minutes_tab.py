"""Minutes: each agenda item's notes, typed while the board talks, and the meeting's own commands.

The items are listed on the left (Alt+Up / Alt+Down move between them from the notes);
the notes of the chosen one on the right. Notes are saved when the user pauses, moves to
another item or leaves the box — each save is one undoable entry ("Minutes of item 3").
Above them: Mark held (with the BRAG snapshot), Approve minutes…, Export minutes….
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns, make_table
from boardapp.ui.pages.meetings.minutes_commands import ApproveMinutesCommand, MarkHeldCommand, SetNotesCommand
from boardapp.ui.pages.meetings.minutes_common import MeetingTab

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.meetings.minutes import MinutedItem
    from boardapp.ui.common.context import AppContext

#: Pause in typing after which the notes are saved.
SAVE_AFTER_MS = 1500
#: Alt+L ("held"): Alt+M is the Meeting menu's.
MARK_HELD = "Mark he&ld"

ITEM_COLUMNS: list[Column[Any]] = [
    Column("Item", lambda r: r.number),
    Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Minuted", lambda r: "✓" if r.notes.strip() else ""),
]


class NotesEdit(QPlainTextEdit):
    """The notes box: losing focus saves."""

    left = Signal()

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        self.left.emit()


class MinutesTab(MeetingTab):
    """Notes per agenda item, and Mark held / Approve minutes / Export minutes for the meeting."""

    export_requested = Signal(int)  # meeting id: the page (or shell) runs the export
    item_changed = Signal(object)  # the agenda item being minuted (id or None)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAccessibleName("Minutes")
        self.items: list["MinutedItem"] = []
        self.item_id: int | None = None
        self._saved_text = ""
        self._version: int | None = None
        self._status = ""
        self._meeting_date: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)

        bar = QHBoxLayout()
        self.status_label = QLabel("")
        self.status_label.setAccessibleName("Meeting status")
        self.status_label.setWordWrap(True)
        bar.addWidget(self.status_label, 1)
        self.held_button = QPushButton(MARK_HELD)
        self.held_button.setAccessibleName("Mark held")
        self.held_button.setToolTip("Mark the meeting held and take every action's BRAG as the baseline "
                                    "of “moved since the last meeting” (Ctrl+Shift+H)")
        self.held_button.clicked.connect(self.mark_held)
        self.approve_button = QPushButton("Approve minutes…")  # no Alt key: V is the View menu's (Meeting › Approve)
        self.approve_button.setAccessibleName("Approve minutes")
        self.approve_button.setToolTip("Record the date a later meeting approved these minutes")
        self.approve_button.clicked.connect(self.approve)
        self.export_button = QPushButton("E&xport minutes…")
        self.export_button.setAccessibleName("Export minutes")
        self.export_button.setToolTip("Draft minutes to Word (.docx) or PDF (Ctrl+Shift+X)")
        self.export_button.clicked.connect(lambda: self.meeting_id is not None and self.export_requested.emit(self.meeting_id))
        for button in (self.held_button, self.approve_button, self.export_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        for keys, slot in (("Ctrl+Shift+H", self.mark_held), ("Ctrl+Shift+X", self.export_button.click)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self.table, self.model = make_table("Agenda items to minute", ITEM_COLUMNS)
        self.table.setSortingEnabled(False)
        fit_columns(self.table, (50, 260, 70))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.item_title = QLabel("")
        self.item_title.setObjectName("sectionTitle")
        self.item_title.setWordWrap(True)
        self.notes = NotesEdit()
        self.notes.setAccessibleName("Minutes of the chosen item")
        self.notes.setPlaceholderText("Type the minutes of this item. They are saved as you pause; "
                                      "Alt+Down goes to the next item.")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._typed)
        self.notes.left.connect(self.save_notes)
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("muted")
        self.saved_label.setAccessibleName("Minutes saved")
        right_layout.addWidget(self.item_title)
        right_layout.addWidget(self.notes, 1)
        right_layout.addWidget(self.saved_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([400, 700])
        layout.addWidget(split, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.save_notes)
        for keys, step in (("Alt+Down", 1), ("Alt+Up", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_item(step))
        self.table.selectionModel().currentRowChanged.connect(self._item_chosen)

    # -- loading -----------------------------------------------------------------------------------
    def load(self, session: "Session | None") -> None:
        from boardapp.services.meetings.held import has_snapshot
        from boardapp.services.meetings.minutes import live_meeting, minuted_items

        if session is None or self.meeting_id is None:
            self.items = []
            self.model.set_rows([])
            self._show_item(None)
            return
        meeting = live_meeting(session, self.meeting_id)
        self._status, self._meeting_date = meeting.status, meeting.meeting_date
        snapshot = has_snapshot(self.meeting_id, session=session)
        self.items = minuted_items(self.meeting_id, session=session)
        self.model.set_rows(self.items)
        status = meeting.status.capitalize()
        if meeting.status == "HELD":
            status += " — BRAG baseline taken" if snapshot else " — no BRAG baseline yet (Mark held takes it)"
        if meeting.minutes_approved_on:
            status += f"; minutes approved {meeting.minutes_approved_on:%d/%m/%Y}"
        self.status_label.setText(status)
        self.held_button.setEnabled(meeting.status != "CANCELLED")
        self.held_button.setText("Retake &BRAG baseline" if meeting.status == "HELD" and snapshot else MARK_HELD)
        self.approve_button.setEnabled(meeting.status == "HELD")
        row = next((k for k, i in enumerate(self.items) if i.id == self.item_id), 0 if self.items else -1)
        if row >= 0:
            self.table.selectRow(row)
            self._show_item(self.items[row], keep_typing=True)
        else:
            self._show_item(None)

    def _show_item(self, item: "MinutedItem | None", *, keep_typing: bool = False) -> None:
        if item is not None and keep_typing and item.id == self.item_id and self.notes.toPlainText() != self._saved_text:
            self._version = item.version  # the user is typing: keep their text, take the fresh version
            self._saved_text = item.notes
            return
        self.item_id = item.id if item is not None else None
        self._saved_text = item.notes if item is not None else ""
        self._version = item.version if item is not None else None
        self.item_title.setText(f"Item {item.label}" + (f" — {item.presenter}" if item.presenter else "")
                                if item is not None else "No agenda items yet")
        if self.notes.toPlainText() != self._saved_text:  # the same text (e.g. the reload after a save)
            self.notes.blockSignals(True)  # is left alone: resetting it put the cursor back at the start,
            self.notes.setPlainText(self._saved_text)  # and the next words typed went in front
            self.notes.blockSignals(False)
        self.notes.setReadOnly(item is None)
        self.item_changed.emit(self.item_id)

    def _item_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or current.row() >= len(self.items):
            return
        item = self.items[current.row()]
        if item.id == self.item_id:
            return
        self.timer.stop()
        pending = (self.item_id, self._saved_text, self.notes.toPlainText(), self._version)
        self._show_item(item)  # first: the save below reloads, and must keep this item chosen
        self._save(*pending)

    def step_item(self, step: int) -> None:
        """Go to the next (or previous) item, keeping the cursor in the notes."""
        row = self.table.currentIndex().row() + step
        if 0 <= row < len(self.items):
            self.table.selectRow(row)
            self.notes.setFocus()

    # -- saving --------------------------------------------------------------------------------------
    def _typed(self) -> None:
        self.saved_label.setText("Typing…")
        self.timer.start()

    def save_notes(self) -> None:
        """Save the notes box if it changed: one undoable entry."""
        self.timer.stop()
        text = self.notes.toPlainText()
        if self._save(self.item_id, self._saved_text, text, self._version):
            self._saved_text = text

    def _save(self, item_id: int | None, old: str, text: str, version: int | None) -> bool:
        if item_id is None or text == old:
            return False
        item = next((i for i in self.items if i.id == item_id), None)
        command = SetNotesCommand(self.ctx, item_id, item.number if item is not None else "?", old, text, version)
        if item_id == self.item_id:
            self._saved_text = text  # the reload after the save must not take the text for unsaved typing
        if not self.run(command):
            if item_id == self.item_id:
                self._saved_text = old
            return False
        if item_id == self.item_id:
            self._version = command.version
        self.saved_label.setText("Saved")
        return True

    # -- meeting commands ------------------------------------------------------------------------------
    def mark_held(self) -> None:
        from boardapp.ui.common import msgbox

        if self.meeting_id is None or self._status == "CANCELLED":
            return
        self.save_notes()
        if self._status == "HELD" and not msgbox.question(
                self, "Retake the BRAG baseline",
                "This meeting is already held. Take every action's BRAG again as the baseline of "
                "“moved since the last meeting”? (Undo puts the old baseline back.)"):
            return
        self.run(MarkHeldCommand(self.ctx, self.meeting_id, self.ctx.today()))

    def approve(self) -> None:
        from boardapp.ui.common import msgbox
        from boardapp.domain.dates import parse_uk_date

        if self.meeting_id is None:
            return
        text = msgbox.get_text(self, "Approve minutes", "Date the minutes were approved (DD/MM/YYYY); "
                               "leave it empty to clear:", f"{self.ctx.today():%d/%m/%Y}")
        if text is None:
            return
        try:
            approved = parse_uk_date(text) if text.strip() else None
        except ValueError as exc:
            msgbox.warning(self, "Not saved", f"Date approved: {exc}")
            return
        self.run(ApproveMinutesCommand(self.ctx, self.meeting_id, approved))
