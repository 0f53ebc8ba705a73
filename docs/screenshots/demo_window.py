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


def open_demo_window(prefix: str) -> tuple[Any, Any]:
    """A QApplication and a MainWindow opening a fresh demo workspace (seed 1) at 1366×768."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix=f"boardapp-{prefix}-shots-"))
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
    return app, window


def snap(window: Any, name: str) -> None:
    """Save the screen as ``name`` beside this file (ImageMagick's import; Qt's grab where it is missing)."""
    target = OUT / name
    try:
        subprocess.run(["import", "-window", "root", str(target)], check=True)
    except (OSError, subprocess.CalledProcessError):
        window.screen().grabWindow(0).save(str(target))
    print(target)
