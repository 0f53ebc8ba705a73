"""A line edit for money typed UK style ("£1,234.50"), read strictly into whole pence."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from boardapp.domain.money import format_pence, parse_pounds


class MoneyEdit(QLineEdit):
    """Pounds and pence as typed; ``pence()`` raises ValidationError(field, …) for anything unclear."""

    def __init__(self, field: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText("£0.00")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setToolTip("Pounds UK style, for example £1,234.50 (the £ and the commas are optional)")
        self.setMaximumWidth(180)

    def pence(self) -> int:
        return parse_pounds(self.text(), self.field)

    def pence_or_none(self) -> int | None:
        """The amount, or None while the text is not (yet) a valid one (for live hints)."""
        try:
            return self.pence()
        except ValueError:
            return None

    def set_pence(self, pence: int) -> None:
        self.setText(format_pence(pence))
