"""Change owner, BRAG and/or revised due date of several selected actions at once."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from boardapp.domain.enums import Brag
from boardapp.domain.rules import ValidationError
from boardapp.services.rows import PersonRow
from boardapp.ui.common.date_fields import uk_date_edit
from boardapp.ui.common.write_gate import hold_editor

UNCHANGED = "__unchanged__"


class BulkChangeDialog(QDialog):
    """Pick what to change; ``changes()`` is the dict for ``BulkChangeCommand``."""

    def __init__(self, people: list[PersonRow], count: int, default_date: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Why Apply is held down (the window is read-only), or None.
        self.read_only: str | None = None
        self.setWindowTitle(f"Change {count} actions")
        self.setAccessibleName("Bulk change")
        intro = QLabel(f"Change the {count} selected actions. Fields left as “(leave unchanged)” keep their values.")
        intro.setWordWrap(True)
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName("New owner")
        self.owner_combo.addItem("(leave unchanged)", UNCHANGED)
        self.owner_combo.addItem("No owner", None)
        for p in people:
            self.owner_combo.addItem(p.name, p.id)
        self.brag_combo = QComboBox()
        self.brag_combo.setAccessibleName("New BRAG")
        self.brag_combo.addItem("(leave unchanged)", UNCHANGED)
        for b in (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE):
            self.brag_combo.addItem(b.label, b.value)
        self.revised_mode = QComboBox()
        self.revised_mode.setAccessibleName("Revised due date change")
        self.revised_mode.addItem("(leave unchanged)", UNCHANGED)
        self.revised_mode.addItem("Set to…", "set")
        self.revised_mode.addItem("Clear (back to the original due date)", "clear")
        self.revised_date = uk_date_edit(self, "New revised due date", field="revised_due_date")
        self.revised_date.set_value(default_date)
        self.revised_date.setEnabled(False)
        self.revised_mode.currentIndexChanged.connect(self._refresh)
        self.revised_date.changed.connect(self._refresh)
        self.owner_combo.currentIndexChanged.connect(self._refresh)
        self.brag_combo.currentIndexChanged.connect(self._refresh)
        form = QFormLayout()
        form.addRow("&Owner:", self.owner_combo)
        form.addRow("&BRAG:", self.brag_combo)
        form.addRow("&Revised due:", self.revised_mode)
        form.addRow("", self.revised_date)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Apply")
        self.ok_button.setAccessibleName("Apply bulk change")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.read_only = hold_editor(self, self.ok_button)  # a read-only window: shown, but Apply is held
        self._refresh()

    def _refresh(self, *_: Any) -> None:
        setting = self.revised_mode.currentData() == "set"
        self.revised_date.setEnabled(setting)
        self.ok_button.setEnabled(self.read_only is None and bool(self.changes())
                                  and (not setting or self.revised_date.is_valid()))

    def accept(self) -> None:
        """Apply, unless the date typed is not one (the field says why and keeps the focus) or the
        window is read-only."""
        if self.read_only is not None:
            return
        if self.revised_mode.currentData() == "set":
            try:
                self.revised_date.value()
            except ValidationError:
                self.revised_date.setFocus()
                return
        super().accept()

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.owner_combo.currentData() != UNCHANGED:
            out["owner_id"] = self.owner_combo.currentData()
        if self.brag_combo.currentData() != UNCHANGED:
            out["brag"] = self.brag_combo.currentData()
        mode = self.revised_mode.currentData()
        if mode == "set":
            if (day := self.revised_date.peek()) is not None:
                out["revised_due_date"] = day
        elif mode == "clear":
            out["revised_due_date"] = None
        return out
