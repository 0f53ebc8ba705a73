"""Long work (backup, pack export, demo build, opening a workspace) off the UI thread.

A :class:`Task` runs a plain function on a QThread. The function receives a
:class:`TaskControl` to report progress and to ask whether the user cancelled;
results come back to the UI thread through signals (queued connections), so the
window keeps painting and answering while the work runs.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

#: Tasks still running: kept alive here until their thread has finished.
_RUNNING: set["Task"] = set()


class TaskCancelled(Exception):
    """Raised inside a task's function when the user pressed Cancel."""


class TaskControl:
    """What the work function sees: progress reporting and cooperative cancel."""

    def __init__(self, task: "Task") -> None:
        self._task = task
        self._cancel = threading.Event()

    def progress(self, percent: int | float, message: str = "") -> None:
        self._task.progress.emit(max(0, min(100, int(percent))), message)

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise TaskCancelled if the user asked to stop: call between steps."""
        if self._cancel.is_set():
            raise TaskCancelled()

    def cancel(self) -> None:
        self._cancel.set()


class _Runner(QThread):
    def __init__(self, task: "Task") -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


class Task(QObject):
    """``fn(control) -> result`` on a worker thread; exactly one of finished/failed/cancelled fires."""

    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()  # after any of the three above

    def __init__(self, fn: Callable[[TaskControl], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.control = TaskControl(self)
        self._thread = _Runner(self)
        self._thread.finished.connect(self._on_thread_finished, Qt.ConnectionType.QueuedConnection)
        self._outcome: tuple[str, Any] | None = None
        self.dialog: QProgressDialog | None = None  # run_with_progress's dialog, if any
        #: The workspace the work writes to, if known: a full disk or a disk error met by SQLite is said
        #: as one naming it (SQLite's own text names no file).
        self.workspace: Path | None = None

    def start(self) -> "Task":
        _RUNNING.add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self.control.cancel()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the thread ends (tests and shutdown only)."""
        return self._thread.wait(msecs)

    def _run(self) -> None:  # on the worker thread
        try:
            result = self._fn(self.control)
        except TaskCancelled:
            self._outcome = ("cancelled", None)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message, never a traceback
            from boardapp.logs import is_expected_error, where_written, write_traceback

            said = _describe(exc, self.workspace)
            if is_expected_error(exc):  # the user's file or input: one line, no traceback
                log.warning("%s", said)
                self._outcome = ("failed", said)
            else:  # a bug: the traceback goes to the log file, and the message says where
                where = write_traceback(exc, "background task failed")
                log.warning("background task failed: unexpected %s: %s", type(exc).__name__, said)
                self._outcome = ("failed", f"{said}\n\n{where_written(where)}")
        else:
            self._outcome = ("cancelled", None) if self.control.is_cancelled() and result is None else ("ok", result)

    def _on_thread_finished(self) -> None:  # back on the UI thread
        kind, value = self._outcome or ("failed", "the task stopped unexpectedly")
        try:
            if kind == "ok":
                self.finished.emit(value)
            elif kind == "cancelled":
                self.cancelled.emit()
            else:
                self.failed.emit(value)
            self.done.emit()
        finally:
            _RUNNING.discard(self)


def finish_running_tasks(timeout_ms: int = 30_000) -> bool:
    """Ask every running task to stop and wait for its thread (call when the app quits).

    A QThread destroyed while still running aborts the whole process, so quitting
    during a load, a backup or an export must wait for the worker to notice the
    cancel (or finish) first. Returns False if some thread outlived the timeout.
    """
    tasks = list(_RUNNING)
    for task in tasks:
        task.cancel()
    return all(task.wait(timeout_ms) for task in tasks)


def _describe(exc: BaseException, workspace: Path | None = None) -> str:
    """One clear line for the user: the message, not the traceback; a disk problem said as one, naming
    the file (``workspace`` for SQLite's, whose own text names none)."""
    from boardapp.db.environment import disk_message_for

    text = str(exc).strip() or exc.__class__.__name__
    disk = disk_message_for(exc, text, workspace=workspace)
    return f"{disk[0].upper()}{disk[1:]}." if disk else text


class _ProgressDialog(QProgressDialog):
    """A progress dialog that stays closed once its task has ended.

    QProgressDialog arms a timer for ``minimumDuration`` when it is made (and again on
    ``setValue``) and shows itself when it fires, whether or not it was hidden since:
    after a quick task the dialog came back over the result's message box, modal, hiding
    its text and eating its clicks. ``finish`` stops that timer (``reset``) and refuses any
    later show.
    """

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._finished = False

    def finish(self) -> None:
        self._finished = True
        self.reset()  # stops the minimum-duration timer
        self.hide()

    def is_finished(self) -> bool:
        return self._finished

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        if visible and self._finished:
            return
        super().setVisible(visible)


def _workspace_of(widget: QWidget | None) -> Path | None:
    """The workspace file of the window ``widget`` sits in (its ``ctx.db_path``), if one is open."""
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        path = getattr(ctx, "db_path", None)
        if isinstance(path, Path):
            return path
        widget = widget.parentWidget()
    return None


def run_with_progress(
    parent: QWidget | None,
    title: str,
    fn: Callable[[TaskControl], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    cancellable: bool = True,
    minimum_duration_ms: int = 250,
) -> Task:
    """Run ``fn`` on a worker thread behind a progress dialog with Cancel.

    The dialog is window-modal (the rest of the window still repaints) and shows only
    if the work takes longer than ``minimum_duration_ms``. ``on_error`` defaults to
    an error box through :mod:`boardapp.ui.common.msgbox`.
    """
    dialog = _ProgressDialog(title, "Cancel" if cancellable else "", 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(minimum_duration_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setValue(0)

    task = Task(fn)
    task.workspace = _workspace_of(parent)

    def show_progress(percent: int, message: str) -> None:
        if dialog.is_finished():
            return  # a late progress signal must not re-arm the dialog
        if message:
            dialog.setLabelText(message)
        dialog.setValue(percent)

    def cancel() -> None:
        dialog.setLabelText("Cancelling…")
        task.cancel()

    def failed(message: str) -> None:
        if on_error is not None:
            on_error(message)
        else:
            from boardapp.ui.common import msgbox

            msgbox.error(parent, title, f"{title} did not complete.\n\n{message}")

    outcome: dict[str, Any] = {}

    def finish() -> None:
        dialog.canceled.disconnect(cancel)  # closing a QProgressDialog emits canceled
        dialog.finish()  # before any message box: the dialog must never show again
        dialog.deleteLater()
        if "result" in outcome and on_done is not None:
            on_done(outcome["result"])
        elif "error" in outcome:
            failed(outcome["error"])

    task.progress.connect(show_progress)
    dialog.canceled.connect(cancel)
    task.finished.connect(lambda result: outcome.__setitem__("result", result))
    task.failed.connect(lambda message: outcome.__setitem__("error", message))
    task.done.connect(finish)
    task.dialog = dialog
    return task.start()
