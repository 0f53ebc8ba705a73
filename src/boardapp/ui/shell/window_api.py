"""What the File-menu operations need of the main window, as a Protocol.

``operations`` works on anything with this shape, so it never imports the window
class (which imports ``operations`` for its menus): no import cycle, and the
operations can be driven from a test with a stand-in window.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

    from boardapp.ui.common.context import AppContext


class ShellWindow(Protocol):
    """The main window as the operations see it."""

    interactive: bool
    opening: bool
    ctx: "AppContext | None"
    pages: "dict[str, QWidget]"
    loading_label: "QLabel"
    open_failed: "SignalInstance"

    def statusBar(self) -> "QStatusBar": ...  # noqa: N802 (Qt's name)

    def attach(self, engine: Any, path: Path, snapshot: Any = None, *, start_page: str | None = None,
               access: Any = None) -> "AppContext": ...

    def detach(self) -> None: ...

    def show_page(self, page: int | str) -> None: ...
