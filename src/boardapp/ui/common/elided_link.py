"""A link-like button reading "head — tail" whose head is shortened with "…" to the room it has.

The Dashboard's lists ("T1.6  Strengthen the out-of-hours police … — 1 y 4 m overdue") must fit
a narrow laptop without a horizontal scroll and without losing what matters most: the
reference at the start and the detail (how late, what moved) at the end. So only the title in
between gives way, on a whole character; the tooltip and accessible name keep everything.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy

SEPARATOR = " — "


class ElidedLink(QPushButton):
    """``ElidedLink(head, tail, accessible)``: flat, underlined (the ``link`` style), works from the keyboard.

    ``keep`` is how much of ``head`` is never elided (the action's reference); ``preferred`` caps
    how many characters of ``head`` the link asks room for when there is plenty.
    """

    def __init__(self, head: str, tail: str, accessible: str, *, keep: int = 0, preferred: int = 46) -> None:
        super().__init__()
        self.head, self.tail, self.keep = head, tail, keep
        self.setProperty("link", True)
        self.setAccessibleName(accessible)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlat(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._short = head if len(head) <= preferred else head[: preferred - 1] + "…"
        self._show(self._joined(self._short))
        self._padding = super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self._joined(self._short))
        self._preferred = super().sizeHint()

    def _joined(self, head: str) -> str:
        return f"{head}{SEPARATOR}{self.tail}" if self.tail else head

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._preferred

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """The kept start, an ellipsis and the whole tail."""
        least = self.fontMetrics().horizontalAdvance(self._joined(self.head[: self.keep] + "…"))
        return QSize(min(least + self._padding, self._preferred.width()), self._preferred.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        metrics = self.fontMetrics()
        room = self.width() - self._padding - metrics.horizontalAdvance(self._joined(""))
        if metrics.horizontalAdvance(self._short) <= room:
            shown = self._joined(self._short)
        else:
            kept, rest = self.head[: self.keep], self.head[self.keep:]
            rest = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, max(room - metrics.horizontalAdvance(kept), 0))
            shown = self._joined(kept + (rest or "…"))
        self._show(shown)

    def _show(self, text: str) -> None:
        """Show ``text`` as it is: an "&" in a title is a character, never an Alt key (Alt+E is the Edit menu)."""
        escaped = text.replace("&", "&&")
        if escaped != self.text():
            self.setText(escaped)
