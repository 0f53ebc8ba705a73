"""The set-up the page screenshot scripts share: the demo in a private folder, open in a 1366×768 window.

Each script builds its own demo workspace with its own settings (so nothing of the user's is read
or changed), opens it as File › Open does, and takes its shots once the data is shown.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent
#: The secretary whose name the pictures' edits carry (one of the demo board's people).
EDITOR = "Lucy Abernethy"


def open_demo_window(prefix: str, *, pin_today: bool = False) -> tuple[Any, Any]:
    """A QApplication and a MainWindow opening a fresh demo workspace (seed 1) at 1366×768.

    ``pin_today``: the window's "today" is the demo's as-at day too (countdowns, "overdue"),
    not this computer's date, so the pictures read the same whenever they are taken.
    """
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix=f"boardapp-{prefix}-shots-"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    os.environ["BOARDAPP_HOME"] = str(folder / "home")
    from boardapp.demo.build import DEMO_AS_AT, build_demo

    demo = folder / "demo.db"
    build_demo(demo, seed=1, today=DEMO_AS_AT)
    if pin_today:
        from boardapp.ui.common import context

        context.current_day = lambda: DEMO_AS_AT

    from boardapp import config
    from boardapp.ui.common import theme
    from boardapp.ui.shell.main_window import MainWindow
    from boardapp.ui.shell.operations import open_path

    QCoreApplication.setOrganizationName("boardapp")
    QCoreApplication.setApplicationName("boardapp")
    app = QApplication(sys.argv[:1])
    config.set_user_name(EDITOR)  # as after the first day: no "Who is editing?" bar across every picture
    theme.apply(app)
    window = MainWindow()
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    open_path(window, demo)
    return app, window


def snap(window: Any, name: str) -> None:
    """Save the screen as ``name`` beside this file (ImageMagick's import; Qt's grab where it is missing)."""
    target = OUT / name
    try:
        subprocess.run(["import", "-window", "root", str(target)], check=True)
    except (OSError, subprocess.CalledProcessError):
        window.screen().grabWindow(0).save(str(target))
    print(target)


def shoot_pages(app: Any, window: Any, shots: list[tuple[str, str]], prepare: Any = None) -> None:
    """Show each (file name, page) in turn once the data is in, snap it, then quit the app.

    ``prepare(page_name, window)`` runs after a page is shown and before its picture, e.g. to
    choose a row.
    """
    from PySide6.QtCore import QTimer

    queue = list(shots)

    def next_shot() -> None:
        if not queue:
            app.quit()
            return
        name, page = queue.pop(0)
        window.show_page(page)
        if prepare is not None:
            prepare(page, window)
        QTimer.singleShot(1500, lambda: (snap(window, name), next_shot()))

    window.data_ready.connect(lambda: QTimer.singleShot(500, next_shot))
    app.exec()
    window.detach()
