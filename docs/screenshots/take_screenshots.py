"""Take the README screenshots: the dashboard and the action register at 1366x768.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 .venv/bin/python docs/screenshots/take_screenshots.py

Builds the demo workspace (dated as at its own day, 11/09/2024) in a temporary folder
with its own settings, so the pictures do not depend on this machine's state.
"""
from __future__ import annotations

import sys

from demo_window import open_demo_window, shoot_pages

SHOTS = [("dashboard.png", "Dashboard"), ("actions.png", "Actions")]


def main() -> int:
    app, window = open_demo_window("main", pin_today=True)
    shoot_pages(app, window, SHOTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
