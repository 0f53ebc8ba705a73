"""Take the README screenshot of a meeting being minuted, at 1366x768.

    Xvfb :47 -screen 0 1366x768x24 &
    DISPLAY=:47 .venv/bin/python docs/screenshots/take_meetings.py

The demo's last meeting before its as-at day, on the Minutes tab, an item's notes being typed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "meetings-minutes.png"
NOTES = ("The DCS presented the progress report. Members noted that agency reliance has fallen for three "
         "months running.\nThe chair asked how the board will know that practice has improved, not only "
         "timeliness; the DCS will bring the audit findings to the next meeting.")


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="boardapp-shots-"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    os.environ["BOARDAPP_HOME"] = str(folder / "home")
    from boardapp.demo.build import DEMO_AS_AT, build_demo

    demo = folder / "demo.db"
    build_demo(demo, seed=1, today=DEMO_AS_AT)
    from boardapp.ui.common import context, theme
    from boardapp.ui.shell.main_window import MainWindow
    from boardapp.ui.shell.operations import open_path

    context.current_day = lambda: DEMO_AS_AT
    QCoreApplication.setOrganizationName("boardapp")
    QCoreApplication.setApplicationName("boardapp")
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    window = MainWindow()
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    open_path(window, demo)

    def minute() -> None:
        page = window.show_page("Meetings")
        page = page if page is not None else window.findChild(object, "MeetingsPage")
        from boardapp.ui.pages.meetings.page import MeetingsPage

        page = next(w for w in app.allWidgets() if isinstance(w, MeetingsPage))
        rows = page.meeting_model.rows()
        held = max((m for m in rows if m.status == "HELD" and m.meeting_date < DEMO_AS_AT), key=lambda m: m.meeting_date)
        page.select_meeting(held.id)
        page.tabs.setCurrentWidget(page.minuting.minutes)
        page.minuting.minutes.table.selectRow(3)
        page.minuting.minutes.notes.setFocus()
        page.minuting.minutes.notes.setPlainText(NOTES)
        QTimer.singleShot(1200, snap)

    def snap() -> None:
        try:
            subprocess.run(["import", "-window", "root", str(OUT)], check=True)
        except (OSError, subprocess.CalledProcessError):
            window.screen().grabWindow(0).save(str(OUT))
        print(OUT)
        window.undo_stack_clear = True
        app.quit()

    window.data_ready.connect(lambda: QTimer.singleShot(500, minute))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
