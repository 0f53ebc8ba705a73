"""A small panel listing the actions linked to something (a finding, a measure).

Used by the Inspections and Performance pages so that a link made in the action
editor is visible from the other side too, with a way to open the action.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from boardapp.services.plan.filters import ActionFilter
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns, heading, make_table

LINKED_COLUMNS: list[Column[Any]] = [
    Column("Ref", lambda r: r[1]),
    Column("Action", lambda r: r[2], tooltip=lambda r: r[2]),
]


class LinkedActionsPanel(QWidget):
    """Heading, a table of (id, ref, title) rows and "Show in the register"."""

    action_requested = Signal(object, int)  # ActionFilter, action id: open it in the register

    def __init__(self, title: str, table_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table, self.model = make_table(table_name, LINKED_COLUMNS)
        fit_columns(self.table, (70,))
        self.open_button = QPushButton("Show in the register")
        self.open_button.setAccessibleName("Show the chosen action in the register")
        self.open_button.clicked.connect(self.open_selected)
        self.open_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title, "sectionTitle"))
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.table.activated.connect(lambda _index: self.open_selected())

    def set_actions(self, rows: list[tuple[int, str, str]]) -> None:
        self.model.set_rows(rows)
        self.open_button.setEnabled(bool(rows))

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            action_id, _ref, _title = self.model.row_at(index.row())
            self.action_requested.emit(ActionFilter(), action_id)
