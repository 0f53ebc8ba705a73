"""A figure shown as a card: caption, big number, a line of detail; a button (click or Enter/Space).

The Dashboard's and the Readiness page's cards (the ``card`` property of the style sheet). Its
tooltip and accessible description carry the whole figure and, where given, its definition.

A row of cards must fit a 1280- or 1024-pixel laptop as well as a wide screen: a card is never
narrower than its caption's longest word and its number, and below its natural width the
caption and detail wrap onto more lines (the card grows taller, ``heightForWidth``) instead of
pushing the page into a horizontal scroll.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout


class FigureCard(QPushButton):
    """``set_figure(value, detail)``; ``definition`` (what the figure counts) goes in the tooltip."""

    def __init__(self, caption: str, accessible: str, definition: str = "", *, checkable: bool = False,
                 margins: tuple[int, int] = (10, 6)) -> None:
        super().__init__()
        self.setProperty("card", True)
        self.setAccessibleName(accessible)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setCheckable(checkable)
        self.definition = definition
        layout = QVBoxLayout(self)
        across, down = margins
        layout.setContentsMargins(across, down, across, down)
        layout.setSpacing(1)
        self.caption = QLabel(caption)
        self.value = QLabel("")
        self.value.setObjectName("cardValue")
        self.detail = QLabel("")
        self.detail.setObjectName("muted")
        for label in (self.caption, self.value, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        layout.addStretch(1)  # top-aligned, so the captions of a row of cards of unequal height line up
        self.caption.setWordWrap(True)
        self.detail.setWordWrap(True)

    def set_figure(self, value: str, detail: str = "", caption: str | None = None) -> None:
        if caption is not None:
            self.caption.setText(caption)
        self.value.setText(value)
        self.detail.setText(detail)
        tip = f"{self.caption.text()}: {value}" + (f" — {' '.join(detail.split())}" if detail else "")
        self.setToolTip(f"{tip}\n\n{self.definition}\n\nClick to list them." if self.definition else tip)
        self.setAccessibleDescription(self.toolTip())
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The number and the caption's longest word side by side with nothing cut; the rest wraps."""
        margins = self.layout().contentsMargins()
        words = self.caption.text().split() or [""]
        caption = max(self.caption.fontMetrics().horizontalAdvance(word) for word in words)
        value = self.value.fontMetrics().horizontalAdvance(self.value.text())
        width = max(caption, value, 60) + margins.left() + margins.right()
        # the height at the natural width: a scroll area takes its widget's minimum height as a floor, and the
        # height at the least width (every line wrapped) would scroll a page that fits; layouts ask heightForWidth
        return QSize(width, self.heightForWidth(max(self._natural_width(), width)))

    def sizeHint(self) -> QSize:  # noqa: N802
        """The caption on one line, else the layout's own hint (a long detail wrapped), at most 420 pixels."""
        return QSize(self._natural_width(), self.heightForWidth(self._natural_width()))

    def _natural_width(self) -> int:
        margins = self.layout().contentsMargins()
        caption = self.caption.fontMetrics().horizontalAdvance(self.caption.text()) + margins.left() + margins.right()
        return min(max(self.layout().sizeHint().width(), caption + 2), 420)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter opens the figure, as Space does (a push button outside a dialog takes only Space)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.animateClick()
            return
        super().keyPressEvent(event)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.layout().totalHeightForWidth(width)
