"""The window's start: show the shell first, then open the workspace; and ``--smoke`` mode.

``import sqlmodel`` alone costs ~0.45 s and reportlab more, so nothing heavy is
imported before the first paint: the window shell appears, and only then is the
workspace opened (on a worker thread) and the pages built over it. ``--smoke``
opens the window, waits until it has painted with the register loaded, prints
one JSON line of timings and exits.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

SMOKE_TIMEOUT_MS = 180_000

log = logging.getLogger(__name__)


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def _after_next_paint(app: Any, widget: Any, callback: Any) -> "QObject":
    """Call ``callback`` once, just after the next paint of ``widget`` or one of its children."""
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
        from boardapp.logs import where_written, write_traceback
        from boardapp.ui.common import msgbox

        where = write_traceback(value.with_traceback(tb) if value is not None else kind())
        log.warning("unexpected %s: %s", kind.__name__, value)
        msgbox.error(window, "Something went wrong",
                     f"{value or kind.__name__}\n\nYour saved work is safe. {where_written(where)} If this keeps "
                     "happening, please report it with the steps that led to it and that file.")

    sys.excepthook = hook


def settings_follow_home() -> None:
    """With ``BOARDAPP_HOME`` set, the window's own settings (pages, columns, views) live there too.

    A portable install or a second board on the same laptop keeps its layout beside its data; the
    default (the platform's place: ~/.config, the registry) would be shared by every such copy.
    """
    from boardapp.config import HOME_ENV, config_dir

    if os.environ.get(HOME_ENV, "").strip():
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config_dir()))


def start_window(db_path: Path | None, *, smoke: bool, start: float) -> int:
    """Run the application until the window closes (or the smoke run reports); returns the exit code."""
    from boardapp.ui.common import theme
    from boardapp.ui.shell.main_window import MainWindow

    QCoreApplication.setOrganizationName("boardapp")
    QCoreApplication.setApplicationName("boardapp")
    settings_follow_home()
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
        from boardapp.ui.shell.operations import open_path

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

        def unexpected(kind: type[BaseException], value: BaseException, tb: Any) -> None:
            from boardapp.logs import where_written, write_traceback

            where = write_traceback(value.with_traceback(tb) if value is not None else kind())
            failed(f"unexpected {kind.__name__}: {value}. {where_written(where)}")  # exit now, not at the timeout

        sys.excepthook = unexpected
        window.data_ready.connect(lambda: _after_next_paint(app, window, report))
        window.open_failed.connect(failed)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, timed_out)
    else:
        _install_excepthook(window)

    _after_next_paint(app, window, first_paint)
    window.show()
    code = app.exec()
    from boardapp.ui.common.tasks import finish_running_tasks

    finish_running_tasks()  # a worker still reading or writing must end before its thread object dies
    window.detach()
    return result["code"] or code
