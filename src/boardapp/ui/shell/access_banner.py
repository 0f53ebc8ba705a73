"""The read-only banner, and the watch on the workspace file while a window has it open.

A second window on a workspace another boardapp holds, or a workspace whose folder or disk
cannot be written, is read-only: a banner above the pages says why ("Open in another
boardapp on this computer since 14:02 — read-only") and the edit commands are disabled;
its "Try again" takes the workspace for writing once the other boardapp has let it go.

While the window can write, it checks that its file is still the one it opened — on a timer
and whenever the file system reports a change to the path — because another program
replacing or deleting the file would otherwise leave every later edit "saved" into a
deleted file. Once the file is found replaced the window stops writing and says so.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext

#: How often an open window checks that its file is still the one it opened (a ``stat``).
CHECK_INTERVAL_MS = 2000

BANNER_STYLE = (
    "QFrame#readOnlyBanner { background: #fff4ce; border-bottom: 1px solid #d6b656; }"
    " QFrame#readOnlyBanner QLabel { color: #3b2f00; padding: 6px 10px; font-weight: 600; }"
)


class ReadOnlyBanner(QFrame):
    """The reason the window is read-only, and "Try again" (the other boardapp may have closed it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setAccessibleName("Read-only workspace")
        self.setStyleSheet(BANNER_STYLE)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.retry_button = QPushButton("&Try again", self)
        self.retry_button.setAccessibleName("Try again to open the workspace for changes")
        self.retry_button.setToolTip("Take the workspace for changes, if the other boardapp has let it go")
        self.retry_button.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 10, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802  (a QLabel's name: the banner reads like one)
        self.label.setText(text)

    def clear(self) -> None:
        self.label.clear()


def make_banner(parent: QWidget) -> ReadOnlyBanner:
    """The (hidden) banner; ``show_state`` fills it."""
    banner = ReadOnlyBanner(parent)
    banner.hide()
    return banner


def show_state(banner: ReadOnlyBanner, ctx: "AppContext | None") -> None:
    """Show the banner with the reason the workspace is read-only, or hide it. "Try again" is offered
    unless the file was replaced (the window holds another file's data: it must be opened again)."""
    reason = ctx.read_only_reason() if ctx is not None else None
    if not reason:
        banner.hide()
        banner.clear()
        return
    banner.setText(reason)
    banner.setToolTip(f"{reason}\n\nNothing can be changed in this window; reading, searching and "
                      "exporting the pack still work.")
    lost = ctx is not None and ctx.access is not None and ctx.access.lost is not None
    banner.retry_button.setVisible(not lost)
    banner.show()


def retry_write_access(window: Any) -> bool:
    """The banner's "Try again" in ``window`` (the main window): take the workspace's lock now. Got it,
    the window opens the workspace again for writing (pages fresh, as another boardapp may have changed
    it; write commands enabled; banner gone: ``attach``); else the banner and the status bar say why it
    is still read-only. Returns whether the window can now write."""
    from boardapp.db.access import take_workspace

    ctx = window.ctx
    if ctx is None or ctx.access is None or not ctx.read_only or ctx.access.lost is not None:
        return ctx is not None and not ctx.read_only
    fresh = take_workspace(ctx.db_path, purpose="window", wait=0, read_only_ok=True)
    if not fresh.writable:
        reason = fresh.read_only_reason or ""
        fresh.release()
        ctx.access.read_only_reason = reason or ctx.access.read_only_reason  # who holds it now, since when
        ctx.access.holder = fresh.holder
        show_state(window.read_only_banner, ctx)
        window.statusBar().showMessage(f"{reason.removesuffix(' — read-only')}: still read-only.", 15_000)
        return False
    page = window.current_page_name()
    window.attach(None, ctx.db_path, start_page=page, access=fresh)  # the old context's access goes with it
    window.statusBar().showMessage(f"{ctx.db_path.name} can be changed in this window now.", 10_000)
    return True


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
