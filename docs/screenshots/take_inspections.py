"""Take the README screenshots of the Inspections timeline and the Readiness page at 1366x768.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :94 -screen 0 1366x768x24 &
    DISPLAY=:94 .venv/bin/python docs/screenshots/take_inspections.py

Builds the demo workspace (as at its own date, 11/09/2024) in a temporary folder with its
own settings, so the pictures do not depend on this machine's state.
"""
from __future__ import annotations

import sys
from typing import Any

from demo_window import open_demo_window, shoot_pages

SHOTS = [("inspections.png", "Inspections"), ("readiness.png", "Readiness")]


def choose_the_fourth_visit(page: str, window: Any) -> None:
    """The fourth visit (Children in Care, the next visit's area) chosen on the Inspections page."""
    if page == "Inspections":
        inspections = window.pages["Inspections"]
        visit = next(r for r in inspections.inspection_model.rows() if r.number == 4)
        inspections.select_inspection(visit.id)


def main() -> int:
    app, window = open_demo_window("inspections")
    shoot_pages(app, window, SHOTS, prepare=choose_the_fourth_visit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
