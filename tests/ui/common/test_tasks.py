"""Long work runs on a worker thread; the window keeps answering; Cancel is honoured."""
from __future__ import annotations

import threading
import time
from typing import Any

from boardapp.ui.common.tasks import Task, TaskControl, run_with_progress


def test_task_runs_off_the_ui_thread_and_reports_progress(qtbot: Any) -> None:
    seen: list[tuple[int, str]] = []
    threads: list[threading.Thread] = []

    def work(control: TaskControl) -> int:
        threads.append(threading.current_thread())
        control.progress(50, "half way")
        return 42

    task = Task(work)
    task.progress.connect(lambda pct, msg: seen.append((pct, msg)))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [42]
    assert threads and threads[0] is not threading.main_thread()
    assert (50, "half way") in seen


def test_task_failure_is_a_message_not_a_traceback(qtbot: Any) -> None:
    def work(control: TaskControl) -> None:
        raise ValueError("the file is read-only")

    task = Task(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    assert blocker.args == ["the file is read-only"]


def test_cancel_is_cooperative(qtbot: Any) -> None:
    started = threading.Event()

    def work(control: TaskControl) -> None:
        started.set()
        while True:
            control.check()
            time.sleep(0.005)

    task = Task(work)
    task.start()
    assert started.wait(5)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()
    assert not task.is_running() or task.wait(1000)


def test_run_with_progress_calls_back_on_the_ui_thread(qtbot: Any, dialogs: Any) -> None:
    results: list[Any] = []

    def work(control: TaskControl) -> str:
        time.sleep(0.05)
        return "done"

    def on_done(value: str) -> None:
        results.append((value, threading.current_thread() is threading.main_thread()))

    task = run_with_progress(None, "Testing", work, on_done=on_done)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [("done", True)]
    assert not task.is_running() or task.wait(1000)


def test_run_with_progress_reports_failure_through_msgbox(qtbot: Any, dialogs: Any) -> None:
    def work(control: TaskControl) -> None:
        raise OSError("disk full")

    run_with_progress(None, "Backing up", work)
    qtbot.waitUntil(lambda: "error" in dialogs.names(), timeout=5000)
    name, args = dialogs.calls[-1]
    assert "disk full" in args[2]


QUIT_DURING_WORK = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from boardapp.ui.common.tasks import Task, finish_running_tasks
app = QApplication([])
def work(control):
    for _ in range(40):  # about 2 s, noticing a cancel between steps
        control.check()
        time.sleep(0.05)
task = Task(work).start()
QTimer.singleShot(100, app.quit)  # the user quits while the task runs
app.exec()
print("finished in time:", finish_running_tasks())
"""


def test_quitting_while_a_task_runs_waits_for_it_instead_of_aborting() -> None:
    """A QThread destroyed while running aborts the process (exit 134): quitting must wait."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", QUIT_DURING_WORK], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "finished in time: True" in result.stdout


def test_after_a_quick_task_its_progress_dialog_never_shows_over_the_result(qtbot: Any) -> None:
    """The minimum-duration timer used to show the dialog again over the message box (item 13)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, Any] = {"shown_after_finish": False}

    class ShowWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Show and seen.get("finished"):
                seen["shown_after_finish"] = True
            return False

    watcher = ShowWatcher()

    def like_a_message_box(result: str) -> None:
        """The result box: a nested event loop, open longer than the dialog's minimum duration."""
        seen["finished"] = True
        seen["result"] = result
        loop = QEventLoop()
        QTimer.singleShot(400, loop.quit)
        loop.exec()
        seen["visible_during_box"] = task.dialog.isVisible() if task.dialog is not None else False
        seen["closed"] = True

    task = run_with_progress(window, "Backing up", lambda control: "Copied 53 of 53 pages", on_done=like_a_message_box,
                             minimum_duration_ms=50)
    assert task.dialog is not None
    task.dialog.installEventFilter(watcher)
    qtbot.waitUntil(lambda: seen.get("closed", False), timeout=5000)
    assert seen["result"] == "Copied 53 of 53 pages"
    assert not seen["shown_after_finish"] and not seen["visible_during_box"]


def test_a_disk_error_in_a_window_task_names_the_workspace_or_the_file(qtbot: Any, dialogs: Any,
                                                                       tmp_path: Any) -> None:
    """SQLite's "disk I/O error" names no file: a task of a window says which workspace it could not write."""
    import errno
    import sqlite3
    from types import SimpleNamespace

    from PySide6.QtWidgets import QWidget
    from sqlalchemy.exc import OperationalError

    def work(control: TaskControl) -> None:
        raise OperationalError("INSERT INTO action", {}, sqlite3.OperationalError("disk I/O error"))

    window = QWidget()
    qtbot.addWidget(window)
    window.ctx = SimpleNamespace(db_path=tmp_path / "ours.db")  # type: ignore[attr-defined]
    run_with_progress(window, "Saving", work)
    qtbot.waitUntil(lambda: "error" in dialogs.names(), timeout=5000)
    text = dialogs.calls[-1][1][2]
    assert f"Could not write {tmp_path / 'ours.db'}: the disk reported an error." in text
    assert "OperationalError" not in text and "disk I/O" not in text

    def too_big(control: TaskControl) -> None:
        raise OSError(errno.EFBIG, "File too large", str(tmp_path / "pack.pdf"))

    task = Task(too_big)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [f"There is not enough disk space to write {tmp_path / 'pack.pdf'}."]
