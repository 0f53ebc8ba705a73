"""A figure shown as a card: caption, big number, a line of detail; a button (click or Enter/Space).

The same look as the Dashboard's cards (the ``card`` property of the style sheet). Its tooltip
and accessible description carry the figure's definition.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout


class FigureCard(QPushButton):
    def __init__(self, caption: str, accessible: str, definition: str = "") -> None:
        super().__init__()
        self.setProperty("card", True)
        self.setAccessibleName(accessible)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCheckable(True)
        self.definition = definition
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.value = QLabel("")
        self.value.setObjectName("cardValue")
        self.detail = QLabel("")
        self.detail.setObjectName("muted")
        self.detail.setWordWrap(True)
        for label in (self.caption, self.value, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setMinimumHeight(layout.sizeHint().height())

    def set_figure(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        tip = f"{self.caption.text()}: {value}" + (f" — {detail}" if detail else "")
        self.setToolTip(f"{tip}\n\n{self.definition}\n\nClick to list them." if self.definition else tip)
        self.setAccessibleDescription(self.toolTip())
