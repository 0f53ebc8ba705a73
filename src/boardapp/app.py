"""Start the window: show it first, then open the workspace.

``import sqlmodel`` alone costs ~0.45 s and reportlab more, so nothing heavy is
imported before the first paint: the window shell appears, and only then is the
workspace opened (on a worker thread) and the pages built over it.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

_MODULE_START = time.perf_counter()
SMOKE_TIMEOUT_MS = 180_000

log = logging.getLogger(__name__)


def process_start() -> float:
    """``perf_counter`` at the very top of the entry module (``boardapp.__main__.START``)."""
    for name in ("boardapp.__main__", "__main__"):
        start = getattr(sys.modules.get(name), "START", None)
        if isinstance(start, float):
            return start
    return _MODULE_START


def unsafe_qt_binding(pyside_version: tuple[int, ...] | None = None, python: tuple[int, ...] | None = None) -> str | None:
    """Why this PySide6/Python pair must not run, or None.

    PySide6 6.12.x on CPython < 3.12 drops a reference to ``None`` on every call that
    returns None; the interpreter aborts (``none_dealloc``) after ~5,300 calls. The
    pins in pyproject.toml prevent the pair; this is the belt and braces.
    """
    if pyside_version is None:
        import PySide6

        pyside_version = tuple(PySide6.__version_info__[:2])
    python = python or tuple(sys.version_info[:2])
    if tuple(pyside_version[:2]) == (6, 12) and tuple(python[:2]) < (3, 12):
        found = ".".join(map(str, pyside_version[:2]))
        return (
            f"boardapp cannot run on PySide6 {found} with Python {'.'.join(map(str, python[:2]))}: that pair "
            "crashes after a few thousand Qt calls. Install PySide6 6.11 (pip install 'PySide6-Essentials<6.12') "
            "or use Python 3.12 or newer."
        )
    return None


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def _after_next_paint(app: Any, widget: Any, callback: Any) -> "QObject":
    """Call ``callback`` once, just after the next paint of ``widget`` or one of its children."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and watched.isWidgetType() and (
                watched is widget or widget.isAncestorOf(watched)  # type: ignore[attr-defined]
            ):
                app.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    watcher = PaintWatcher(app)
    app.installEventFilter(watcher)
    widget.update()
    return watcher


def _install_excepthook(window: Any) -> None:
    """An unexpected error becomes a clear message (the traceback goes to the log, not the user)."""
    def hook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        log.error("unexpected error", exc_info=(kind, value, tb))
        from boardapp.ui import msgbox

        msgbox.error(window, "Something went wrong",
                     f"{value or kind.__name__}\n\nYour saved work is safe. If this keeps happening, "
                     "please report it with the steps that led to it.")

    sys.excepthook = hook


def run_gui(db_path: Path | None, smoke: bool = False) -> int:
    """Open the main window on ``db_path`` (default: the user's workspace, built as the demo on first use).

    With ``smoke`` the window opens, waits until it has painted with the register
    loaded, prints one JSON line of timings and exits 0 (1 if the workspace failed).
    """
    start = process_start()
    problem = unsafe_qt_binding()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from boardapp.ui import theme
    from boardapp.ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("boardapp")
    QCoreApplication.setApplicationName("boardapp")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName("boardapp")
    theme.apply(app)
    window = MainWindow(interactive=not smoke)
    timings: dict[str, float] = {}
    result = {"code": 0}

    demo_if_missing = db_path is None
    if db_path is None:
        from boardapp.config import default_workspace_path

        db_path = default_workspace_path()

    def open_workspace() -> None:
        from boardapp.ui.operations import open_path

        open_path(window, db_path, demo_if_missing=demo_if_missing)

    def first_paint() -> None:
        timings["first_paint_ms"] = _ms(start)
        QTimer.singleShot(0, open_workspace)

    if smoke:
        def report() -> None:
            timings["data_ready_ms"] = _ms(start)
            total = window.counts[1] if window.counts else (window.summary.action_count if window.summary else 0)
            print(json.dumps({**timings, "actions": total}), flush=True)
            app.exit(0)

        def failed(message: str) -> None:
            print(f"boardapp --smoke: {message}", file=sys.stderr, flush=True)
            result["code"] = 1
            app.exit(1)

        def timed_out() -> None:
            failed(f"the window was not ready within {SMOKE_TIMEOUT_MS // 1000} s")

        window.data_ready.connect(lambda: _after_next_paint(app, window, report))
        window.open_failed.connect(failed)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, timed_out)
    else:
        _install_excepthook(window)

    _after_next_paint(app, window, first_paint)
    window.show()
    code = app.exec()
    from boardapp.ui.tasks import finish_running_tasks

    finish_running_tasks()  # a worker still reading or writing must end before its thread object dies
    window.detach()
    return result["code"] or code
