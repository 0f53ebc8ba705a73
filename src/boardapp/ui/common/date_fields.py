"""Date inputs for forms: UK day-first display, and an optional date (a tick box plus a date)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget


def uk_date_edit(parent: QWidget | None = None, accessible_name: str = "Date") -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    return edit


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class OptionalDateEdit(QWidget):
    """A date that may be left empty: untick the box to clear it."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.check.setAccessibleName(f"Set {label.lower()}")
        self.check.setToolTip(f"Tick to set a {label.lower()}")
        self.edit = uk_date_edit(self, label)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None, default: date | None = None) -> None:
        self.check.setChecked(value is not None)
        shown = value or default
        if shown is not None:
            self.edit.setDate(to_qdate(shown))

    def setFocus(self) -> None:  # noqa: N802 - focus the part the user can use now
        (self.edit if self.check.isChecked() else self.check).setFocus()
