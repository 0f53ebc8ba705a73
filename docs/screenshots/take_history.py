"""Take the README screenshot of the History page (the audit trail, newest first).

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :96 -screen 0 1366x768x24 &
    DISPLAY=:96 .venv/bin/python docs/screenshots/take_history.py

Builds the demo workspace in a temporary folder with its own settings, opens it as File › Open
does, and shows the History page with its first row chosen.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="boardapp-history-shots-"))
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

    def history() -> None:
        window.show_page("History")
        QTimer.singleShot(1200, lambda: (snap("history.png"), app.quit()))

    window.data_ready.connect(lambda: QTimer.singleShot(500, history))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
