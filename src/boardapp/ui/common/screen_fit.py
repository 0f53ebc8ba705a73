"""Windows sized to the screen they open on, so their buttons are never under the taskbar.

The secretariat's laptops are often 1366x768 with a taskbar: some 728 pixels of height to work
in, less a title bar. A dialog asked to be 720 pixels tall would put its OK and Cancel below
the bottom of the screen (Qt moves a dialog to fit, it does not shrink it). Each window asks
for the size it would like; :func:`resize_to_fit` gives it that or what the screen has room for.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room left for the window manager's frame: a title bar and borders (Windows 10/11 at 100 %: 31 + 8).
FRAME = QSize(16, 40)


def fitted_size(wanted: QSize, available: QRect) -> QSize:
    """``wanted``, no larger than ``available`` less the frame."""
    return QSize(min(wanted.width(), available.width() - FRAME.width()),
                 min(wanted.height(), available.height() - FRAME.height()))


def available_geometry(widget: QWidget) -> QRect:
    """The work area (screen less taskbar) of the screen ``widget`` opens on: its parent window's, else its own."""
    parent = widget.parentWidget()
    screen = (parent.window().screen() if parent is not None else widget.screen()) \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width`` x ``height``, or smaller where the screen is smaller (never below the minimum size)."""
    widget.resize(fitted_size(QSize(width, height), available_geometry(widget)))
