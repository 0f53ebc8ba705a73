"""Automatic backups while a workspace is open: every 30 minutes when something changed, and on close.

The window's AppContext says when data changed (``changed``, ``actions_changed``,
``workspace_changed``); a timer then backs the workspace up into its store
(:mod:`boardapp.db.backup_store`) at most once per interval, on a worker thread, and once
more when the workspace is closed. Skipped when the newest backup already holds the same
content. Failures are reported on the ``failed`` signal (the window shows them in the
status bar) and never interrupt the user.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from boardapp.ui.common.tasks import Task, TaskControl

log = logging.getLogger(__name__)

#: At most one automatic backup per this many milliseconds while the workspace is open.
INTERVAL_MS = 30 * 60 * 1000


class AutoBackup(QObject):
    """Backs up the open workspace when it changed: on a timer and when it is closed."""

    made = Signal(object)  # the BackupRecord written
    failed = Signal(str)  # why a backup could not be made

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.dirty = False
        self.task: Task | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._sources: list[Any] = []

    def watch(self, ctx: Any) -> None:
        """Start watching the context of a newly attached workspace."""
        self.closing()
        self.path = Path(ctx.db_path)
        self.dirty = False
        for signal in (ctx.changed, ctx.actions_changed, ctx.workspace_changed):
            signal.connect(self.mark_changed)
        self._sources = [ctx]
        self.timer.start()

    def mark_changed(self, *_args: Any) -> None:
        self.dirty = True

    def _tick(self) -> None:
        if self.dirty:
            self.back_up("automatic")

    def back_up(self, reason: str) -> Task | None:
        """Back up now on a worker thread (nothing if one is already running or nothing is open)."""
        if self.path is None or (self.task is not None and self.task.is_running()):
            return None
        path, self.dirty = self.path, False

        def work(_control: TaskControl) -> Any:
            from boardapp.db.backup_store import make_backup

            return make_backup(path, reason, skip_if_unchanged=True)

        task = Task(work)
        # Bound methods, not lambdas: Qt drops the connection if this object goes with its window
        # before an on-close backup finishes.
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        self.task = task
        return task.start()

    def _finished(self, record: Any) -> None:
        if record is not None:
            self.made.emit(record)

    def _failed(self, message: str) -> None:
        self.dirty = True  # try again at the next tick
        log.warning("automatic backup failed: %s", message)
        self.failed.emit(message)

    def closing(self) -> Task | None:
        """The workspace is being closed: one last backup if it changed, then stop watching."""
        self.timer.stop()
        task = self.back_up("on-close") if self.dirty else None
        for ctx in self._sources:
            for signal in (ctx.changed, ctx.actions_changed, ctx.workspace_changed):
                try:
                    signal.disconnect(self.mark_changed)
                except (RuntimeError, TypeError, RuntimeWarning):
                    pass
        self._sources = []
        self.path = None
        return task
