"""Take the README screenshot of the Performance page: the scorecard, the figures grid and a trend chart.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :47 -screen 0 1366x768x24 &
    DISPLAY=:47 .venv/bin/python docs/screenshots/take_performance.py

Builds the demo workspace (dated as at its own day, 11/09/2024) in a temporary folder with its
own settings, opens it as File › Open does and shows the Performance page with K08 (agency social
workers %) chosen, so its trend chart with target, floor and comparator steps shows beside the grid.
"""
from __future__ import annotations

import sys

from demo_window import open_demo_window, snap

MEASURE = "K08"


def main() -> int:
    from PySide6.QtCore import QTimer

    app, window = open_demo_window("performance")

    def performance() -> None:
        window.show_page("Performance")
        page = window.pages["Performance"]
        page.select_measure(next(r.id for r in page.model.rows() if r.code == MEASURE))
        page.table.setFocus()
        QTimer.singleShot(1200, lambda: (snap(window, "performance.png"), app.quit()))

    window.data_ready.connect(lambda: QTimer.singleShot(500, performance))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
