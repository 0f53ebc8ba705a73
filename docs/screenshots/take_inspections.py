"""Take the README screenshots of the Inspections timeline and the Readiness page at 1366x768.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :94 -screen 0 1366x768x24 &
    DISPLAY=:94 .venv/bin/python docs/screenshots/take_inspections.py

Builds the demo workspace (as at its own date, 11/09/2024) in a temporary folder with its
own settings, so the pictures do not depend on this machine's state.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
SHOTS = (("inspections.png", "Inspections"), ("readiness.png", "Readiness"))


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="boardapp-shots-"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    os.environ["BOARDAPP_HOME"] = str(folder / "home")
    from boardapp.demo.build import build_demo

    demo = folder / "demo.db"
    build_demo(demo, seed=1)  # dated as at the demo's own day

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
    open_path(window, demo)  # as File › Open does it
    queue = list(SHOTS)

    def next_shot() -> None:
        if not queue:
            app.quit()
            return
        name, page = queue.pop(0)
        window.show_page(page)
        if page == "Inspections":  # the fourth visit: Children in Care, the next visit's area
            inspections = window.pages["Inspections"]
            visit = next(r for r in inspections.inspection_model.rows() if r.number == 4)
            inspections.select_inspection(visit.id)
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
