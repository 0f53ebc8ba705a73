"""The action editor's "Raised at" row: the meeting and agenda item an action arising came from."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from boardapp.services.meetings.arising import ArisingAction


def raised_at_text(arising: ArisingAction) -> str:
    """'Board meeting 12/08/2024, item 5 Action log' (no item: just the meeting)."""
    text = arising.raised_at
    return text[:1].upper() + text[1:]


class RaisedAtRow(QWidget):
    """The text and a "Go to meeting" button that asks for that meeting and item."""

    meeting_requested = Signal(int, int)  # meeting id, agenda item id (0: none)

    def __init__(self, arising: ArisingAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arising = arising
        self.label = QLabel(raised_at_text(arising))
        self.label.setAccessibleName("Raised at")
        self.label.setWordWrap(True)
        self.go_button = QPushButton("&Go to meeting")
        self.go_button.setAccessibleName("Go to the meeting this action was raised at")
        self.go_button.setAutoDefault(False)
        self.go_button.clicked.connect(
            lambda: self.meeting_requested.emit(arising.meeting_id, arising.item_id or 0))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.go_button)
