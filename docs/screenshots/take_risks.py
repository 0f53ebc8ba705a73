"""Take the README screenshots of the Risks page (its heat map filtering the register) and the Funding page.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :96 -screen 0 1366x768x24 &
    DISPLAY=:96 .venv/bin/python docs/screenshots/take_risks.py

Builds the demo workspace (dated as at its own day, 11/09/2024) in a temporary folder with
its own settings, opens it as File › Open does, shows the Risks page with the heat map's
likelihood 3 × impact 4 cell chosen, then the Funding page.
"""
from __future__ import annotations

import sys

from demo_window import open_demo_window, snap

CELL = (3, 4)


def main() -> int:
    from PySide6.QtCore import QTimer

    app, window = open_demo_window("risk")

    def risks() -> None:
        window.show_page("Risks")
        page = window.pages["Risks"]
        page.heat_map.choose(CELL)
        page.heat_map.setFocus()
        QTimer.singleShot(1200, lambda: (snap(window, "risks-heat-map.png"), funding()))

    def funding() -> None:
        window.show_page("Funding")
        QTimer.singleShot(1200, lambda: (snap(window, "funding.png"), app.quit()))

    window.data_ready.connect(lambda: QTimer.singleShot(500, risks))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
