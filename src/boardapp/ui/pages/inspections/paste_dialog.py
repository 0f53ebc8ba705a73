"""Paste a block of a published letter: preview one finding per paragraph or bullet, then add them.

Nothing is saved until the user confirms; the findings added are one undo entry.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QListView, QPlainTextEdit, QVBoxLayout, QWidget,
)

from boardapp.domain.enums import FindingKind
from boardapp.domain.inspections import is_heading, split_findings
from boardapp.domain.rules import ValidationError
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.common.undo import run_command
from boardapp.ui.pages.inspections.commands import AddFindingsCommand
from boardapp.ui.pages.inspections.dialogs import area_items, combo, select_data

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext


class PasteFindingsDialog(QDialog):
    """The letter's text on the left, the findings it splits into below (tick the ones to add)."""

    def __init__(self, ctx: "AppContext", inspection_id: int, inspection_label: str, text: str = "",
                 parent: QWidget | None = None, *, default_area: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = inspection_id
        self.command: AddFindingsCommand | None = None
        self.setWindowTitle(f"Paste findings into {inspection_label}")
        self.setAccessibleName("Paste findings")
        resize_to_fit(self, 760, 560)
        layout = QVBoxLayout(self)
        intro = QLabel("Paste the text of the letter. Each paragraph, and each line starting with a bullet "
                       "(•, -, *) or a number or letter (1. a)), becomes one finding. Check the list below, "
                       "untick what is not a finding, double-click to correct one, then add them.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setAccessibleName("Letter text to split into findings")
        self.text_edit.setTabChangesFocus(True)
        layout.addWidget(self.text_edit, 2)
        form = QFormLayout()
        self.kind_combo = combo("Kind of the findings", [(k.label, k.value) for k in FindingKind])
        select_data(self.kind_combo, FindingKind.AREA_FOR_DEVELOPMENT.value)
        self.area_combo = combo("ILACS area of the findings", area_items())
        select_data(self.area_combo, default_area)
        form.addRow("&Kind of each", self.kind_combo)
        form.addRow("ILACS &area of each", self.area_combo)
        layout.addLayout(form)
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("How many findings the text makes")
        layout.addWidget(self.count_label)
        self.preview_model = QStandardItemModel(self)
        self.preview = QListView()
        self.preview.setAccessibleName("Findings the text splits into")
        self.preview.setModel(self.preview_model)
        self.preview.setWordWrap(True)
        self.preview.setAlternatingRowColors(True)
        layout.addWidget(self.preview, 3)
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setAccessibleName("Error")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setAccessibleName("Add the ticked findings")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.split)
        self.text_edit.textChanged.connect(self._timer.start)
        self.preview_model.itemChanged.connect(lambda _item: self._show_count())
        self.split()

    def split(self) -> None:
        """Show what the text splits into (headings such as 'What needs to improve:' start unticked)."""
        self._timer.stop()
        self.preview_model.clear()
        for text in split_findings(self.text_edit.toPlainText()):
            item = QStandardItem(text)
            item.setCheckable(True)
            item.setEditable(True)
            item.setCheckState(Qt.CheckState.Unchecked if is_heading(text) else Qt.CheckState.Checked)
            item.setToolTip(text)
            self.preview_model.appendRow(item)
        self._show_count()

    def chosen_texts(self) -> list[str]:
        items = (self.preview_model.item(i) for i in range(self.preview_model.rowCount()))
        return [i.text().strip() for i in items if i.checkState() == Qt.CheckState.Checked and i.text().strip()]

    def _show_count(self) -> None:
        total, chosen = self.preview_model.rowCount(), len(self.chosen_texts())
        self.count_label.setText(f"{total} paragraph{'s' if total != 1 else ''} or bullets found; "
                                 f"{chosen} will be added.")
        self.add_button.setText(f"Add {chosen} finding{'s' if chosen != 1 else ''}")
        self.add_button.setEnabled(chosen > 0)

    def items(self) -> list[dict[str, Any]]:
        kind, area = self.kind_combo.currentData(), self.area_combo.currentData()
        return [{"kind": kind, "ilacs_area": area, "text": text} for text in self.chosen_texts()]

    def save(self) -> bool:
        if self._timer.isActive():
            self.split()
        items = self.items()
        if not items:
            return False
        command = AddFindingsCommand(self.ctx, self.inspection_id, items)
        try:
            run_command(self.ctx, command)
        except ValidationError as exc:
            self.error_label.setText(f"{exc.field}: {exc.message}")
            self.error_label.show()
            return False
        self.command = command
        self.accept()
        return True

