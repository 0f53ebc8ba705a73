"""Take the README screenshots: the dashboard and the action register at 1366x768.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 .venv/bin/python docs/screenshots/take_screenshots.py

Builds the demo workspace (dated as at its own day, 11/09/2024) in a temporary folder
with its own settings, so the pictures do not depend on this machine's state.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
PAGES = {"dashboard.png": "Dashboard", "actions.png": "Actions"}


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="boardapp-shots-"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    import os

    os.environ["BOARDAPP_HOME"] = str(folder / "home")
    from boardapp.demo.build import DEMO_AS_AT, build_demo

    demo = folder / "demo.db"
    build_demo(demo, seed=1, today=DEMO_AS_AT)

    from boardapp.ui.common import context

    from boardapp.ui.common import theme
    from boardapp.ui.shell.main_window import MainWindow
    from boardapp.ui.shell.operations import open_path

    context.current_day = lambda: DEMO_AS_AT
    QCoreApplication.setOrganizationName("boardapp")
    QCoreApplication.setApplicationName("boardapp")
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    window = MainWindow()
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    open_path(window, demo)  # as File › Open does it
    queue = list(PAGES.items())

    def next_shot() -> None:
        if not queue:
            app.quit()
            return
        name, page = queue.pop(0)
        window.show_page(page)
        QTimer.singleShot(1500, lambda: snap(name))

    def snap(name: str) -> None:
        target = OUT / name
        try:
            subprocess.run(["import", "-window", "root", str(target)], check=True)
        except (OSError, subprocess.CalledProcessError):
            window.screen().grabWindow(0).save(str(target))
        print(target)
        next_shot()

    window.data_ready.connect(lambda: QTimer.singleShot(500, next_shot))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
