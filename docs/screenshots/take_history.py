"""Take the README screenshot of the History page (the audit trail, newest first).

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :96 -screen 0 1366x768x24 &
    DISPLAY=:96 .venv/bin/python docs/screenshots/take_history.py

Builds the demo workspace in a temporary folder with its own settings, opens it as File › Open
does, and shows the History page with its first row chosen.
"""
from __future__ import annotations

import sys

from demo_window import open_demo_window, snap


def main() -> int:
    from PySide6.QtCore import QTimer

    app, window = open_demo_window("history")

    def history() -> None:
        window.show_page("History")
        QTimer.singleShot(1200, lambda: (snap(window, "history.png"), app.quit()))

    window.data_ready.connect(lambda: QTimer.singleShot(500, history))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
