"""Take the README screenshot of a meeting being minuted, at 1366x768.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :47 -screen 0 1366x768x24 &
    DISPLAY=:47 .venv/bin/python docs/screenshots/take_meetings.py

Builds the demo workspace (dated as at its own day, 11/09/2024) with its own settings
(``demo_window``), and shows its last meeting before that day on the Minutes tab, the DCS
progress item's notes being typed.
"""
from __future__ import annotations

import sys

from demo_window import open_demo_window, snap

NOTES = ("The DCS presented the progress report. Members noted that agency reliance has fallen for three "
         "months running.\nThe chair asked how the board will know that practice has improved, not only "
         "timeliness; the DCS will bring the audit findings to the next meeting.")


def main() -> int:
    from PySide6.QtCore import QTimer

    app, window = open_demo_window("meetings")

    def minute() -> None:
        window.show_page("Meetings")
        page = window.pages["Meetings"]
        today = window.ctx.today()
        held = max((m for m in page.meeting_model.rows() if m.status == "HELD" and m.meeting_date < today),
                   key=lambda m: m.meeting_date)
        page.select_meeting(held.id)
        minutes = page.minuting.minutes
        page.tabs.setCurrentWidget(minutes)
        minutes.table.selectRow(3)
        minutes.notes.setFocus()
        minutes.notes.setPlainText(NOTES)
        QTimer.singleShot(1200, lambda: (snap(window, "meetings-minutes.png"), app.quit()))

    window.data_ready.connect(lambda: QTimer.singleShot(500, minute))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
