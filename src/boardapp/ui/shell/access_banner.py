"""The read-only banner, and the watch on the workspace file while a window has it open.

A second window on a workspace another boardapp holds, or a workspace whose folder or disk
cannot be written, is read-only: a banner above the pages says why ("Open in another
boardapp on this computer since 14:02 — read-only") and the edit commands are disabled.

While the window can write, it checks that its file is still the one it opened — on a timer
and whenever the file system reports a change to the path — because another program
replacing or deleting the file would otherwise leave every later edit "saved" into a
deleted file. Once the file is found replaced the window stops writing and says so.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext

#: How often an open window checks that its file is still the one it opened (a ``stat``).
CHECK_INTERVAL_MS = 2000

BANNER_STYLE = (
    "QLabel#readOnlyBanner { background: #fff4ce; color: #3b2f00; border-bottom: 1px solid #d6b656;"
    " padding: 6px 10px; font-weight: 600; }"
)


def make_banner(parent: QWidget) -> QLabel:
    """The (hidden) banner label; ``show_state`` fills it."""
    banner = QLabel(parent)
    banner.setObjectName("readOnlyBanner")
    banner.setAccessibleName("Read-only workspace")
    banner.setWordWrap(True)
    banner.setStyleSheet(BANNER_STYLE)
    banner.hide()
    return banner


def show_state(banner: QLabel, ctx: "AppContext | None") -> None:
    """Show the banner with the reason the workspace is read-only, or hide it."""
    reason = ctx.read_only_reason() if ctx is not None else None
    if not reason:
        banner.hide()
        banner.clear()
        return
    banner.setText(reason)
    banner.setToolTip(f"{reason}\n\nNothing can be changed in this window; reading, searching and "
                      "exporting the pack still work.")
    banner.show()


class FileWatch(QObject):
    """Checks, while the window can write, that its workspace file is still the one it opened."""

    def __init__(self, ctx: "AppContext", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.addPath(str(ctx.db_path))
        self.watcher.fileChanged.connect(lambda _path: self.check())
        self.timer.start()

    def check(self) -> None:
        if not self.ctx.check_file():
            self.stop()

    def stop(self) -> None:
        self.timer.stop()
        paths = self.watcher.files()
        if paths:
            self.watcher.removePaths(paths)
