"""The look: style sheet and application icon, read from the ``boardapp.resources`` package."""
from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

RESOURCES = "boardapp.resources"


def stylesheet() -> str:
    return (resources.files(RESOURCES) / "style.qss").read_text(encoding="utf-8")


def app_icon() -> QIcon:
    svg = resources.files(RESOURCES) / "icons" / "boardapp.svg"
    with resources.as_file(svg) as path:
        return QIcon(str(path))


def apply(app: QApplication) -> None:
    """Give the application its style sheet and icon."""
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(app_icon())
