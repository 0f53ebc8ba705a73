"""File › Export…: what to send out (the register's view, all actions, the risk register, the calendar) and how."""
from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QRadioButton, \
    QVBoxLayout, QWidget

FORMAT_LABELS = {"xlsx": "Excel workbook (.xlsx)", "csv": "CSV, UTF-8 (.csv)", "ics": "Calendar (.ics)"}


class ExportDialog(QDialog):
    """``choice()`` → (what, format, only the register's view)."""

    def __init__(self, parent: QWidget | None = None, *, view_count: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setAccessibleName("Export")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Export for the people who work in Excel and calendars:"))
        self.group = QButtonGroup(self)
        self.options: list[tuple[QRadioButton, str, bool]] = []
        if view_count is not None:
            self._option(f"Actions: the register as it is filtered now ({view_count:,})", "actions", True)
        self._option("Actions: every live action", "actions", False)
        self._option("The risk register", "risks", False)
        self._option("Calendar: deadlines, board meetings and monitoring visits", "calendar", False)
        for button, _what, _view in self.options:
            layout.addWidget(button)
        self.options[0][0].setChecked(True)
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("File format")
        form = QFormLayout()
        label = QLabel("&Format:")
        label.setBuddy(self.format_combo)
        form.addRow(label, self.format_combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(lambda *_: self._fill_formats())
        self._fill_formats()

    def _option(self, text: str, what: str, view: bool) -> None:
        button = QRadioButton(text)
        button.setAccessibleName(text)
        self.group.addButton(button)
        self.options.append((button, what, view))

    def _selected(self) -> tuple[str, bool]:
        for button, what, view in self.options:
            if button.isChecked():
                return what, view
        return "actions", False

    def _fill_formats(self) -> None:
        what, _view = self._selected()
        formats = ("ics",) if what == "calendar" else ("xlsx", "csv")
        current = self.format_combo.currentData()
        self.format_combo.clear()
        for key in formats:
            self.format_combo.addItem(FORMAT_LABELS[key], key)
        if current in formats:
            self.format_combo.setCurrentIndex(formats.index(current))

    def choice(self) -> tuple[str, str, bool]:
        what, view = self._selected()
        return what, self.format_combo.currentData(), view

    def file_filter(self) -> str:
        key = self.format_combo.currentData()
        return f"{FORMAT_LABELS[key]};;All files (*)".replace(f"({'.' + key})", f"(*.{key})")
