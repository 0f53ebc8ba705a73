"""A short notice in the window's status bar with one button ("T1.19 is hidden by the filter [Show it]").

For news the user may act on but need not: no dialog to dismiss, it goes by itself after a
while, a newer notice replaces it, and its button has a mnemonic (Alt+letter) so the keyboard
reaches it without a mouse.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

NOTICE_MS = 30_000


class StatusNotice(QWidget):
    """A label and a button; clicking the button runs ``on_click`` and takes the notice away."""

    def __init__(self, text: str, button_text: str, on_click: Callable[[], None], parent: QWidget | None = None,
                 *, timeout_ms: int = NOTICE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("statusNotice")
        self.setAccessibleName("Notice")
        self.label = QLabel(text, self)
        self.label.setAccessibleName("Notice")
        self.button = QPushButton(button_text, self)
        self.button.setAccessibleName(button_text.replace("&", ""))
        self.button.setAutoDefault(False)
        self._on_click = on_click
        self.button.clicked.connect(self._clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        if timeout_ms > 0:
            self._timer.start(timeout_ms)

    def text(self) -> str:
        return self.label.text()

    def _clicked(self) -> None:
        self.dismiss()
        self._on_click()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        parent = self.parentWidget()
        if parent is not None and hasattr(parent, "removeWidget"):
            parent.removeWidget(self)
        self.deleteLater()


def current_notice(anchor: QWidget) -> StatusNotice | None:
    """The notice shown in ``anchor``'s window now, if any."""
    window = anchor.window()
    if not isinstance(window, QMainWindow):
        return None
    notices = [n for n in window.statusBar().findChildren(StatusNotice) if not n.isHidden()]
    return notices[-1] if notices else None


def show_notice(anchor: QWidget, text: str, button_text: str, on_click: Callable[[], None], *,
                timeout_ms: int = NOTICE_MS) -> StatusNotice | None:
    """Show a notice in the status bar of ``anchor``'s main window (None when it has none)."""
    window = anchor.window()
    if not isinstance(window, QMainWindow):
        return None
    bar = window.statusBar()
    for old in bar.findChildren(StatusNotice):
        old.dismiss()
    notice = StatusNotice(text, button_text, on_click, bar, timeout_ms=timeout_ms)
    bar.insertWidget(0, notice)
    notice.show()
    if window.isVisible() and bar.isHidden():
        bar.show()  # a status bar made just now, in a window already shown
    return notice
