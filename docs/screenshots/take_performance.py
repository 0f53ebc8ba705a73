"""Take the README screenshot of the Performance page: the scorecard, the figures grid and a trend chart.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :47 -screen 0 1366x768x24 &
    DISPLAY=:47 .venv/bin/python docs/screenshots/take_performance.py

Builds the demo workspace (dated as at its own day, 11/09/2024) in a temporary folder with its
own settings, opens it as File › Open does and shows the Performance page with K08 (agency social
workers %) chosen, so its trend chart with target, floor and comparator steps shows beside the grid.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
MEASURE = "K08"


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="boardapp-performance-shots-"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    os.environ["BOARDAPP_HOME"] = str(folder / "home")
    from boardapp.demo.build import build_demo

    demo = folder / "demo.db"
    build_demo(demo, seed=1)

    from boardapp.ui.common import theme
    from boardapp.ui.shell.main_window import MainWindow
    from boardapp.ui.shell.operations import open_path

    QCoreApplication.setOrganizationName("boardapp")
    QCoreApplication.setApplicationName("boardapp")
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    window = MainWindow()
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    open_path(window, demo)

    def snap(name: str) -> None:
        target = OUT / name
        try:
            subprocess.run(["import", "-window", "root", str(target)], check=True)
        except (OSError, subprocess.CalledProcessError):
            window.screen().grabWindow(0).save(str(target))
        print(target)

    def performance() -> None:
        window.show_page("Performance")
        page = window.pages["Performance"]
        page.select_measure(next(r.id for r in page.model.rows() if r.code == MEASURE))
        page.table.setFocus()
        QTimer.singleShot(1200, lambda: (snap("performance.png"), app.quit()))

    window.data_ready.connect(lambda: QTimer.singleShot(500, performance))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
