"""Take the README screenshot of File › Import… previewing a realistic, messy tracker at 1366x768.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :98 -screen 0 1366x768x24 &
    DISPLAY=:98 .venv/bin/python docs/screenshots/take_import.py [--keep FILE.xlsx]

Builds the demo workspace and a tracker as boards send them — a title and an "Updated:"
line, the table in column B, merged section rows, BRAG only as a fill on some rows, a
hidden column, two owners in a cell, months and quarters for dates, a bad date, notes
under the table — holding some of the demo's own actions with new ratings and updates.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

DEMO_DAY = date(2024, 9, 11)
OUT = Path(__file__).resolve().parent / "import-preview.png"


def messy_tracker(path: Path, demo: Path) -> Path:
    """The board's own spreadsheet: some demo actions re-rated, some new rows, and the usual mess."""
    import sqlite3
    from contextlib import closing

    import openpyxl
    from openpyxl.styles import Font, PatternFill

    with closing(sqlite3.connect(demo)) as connection:
        known = connection.execute(
            "SELECT a.ref, a.title, coalesce(p.name, ''), a.due_date, t.title FROM action a LEFT JOIN person p "
            "ON p.id = a.owner_id LEFT JOIN theme t ON t.id = a.theme_id WHERE a.deleted_at IS NULL "
            "ORDER BY a.id LIMIT 6").fetchall()
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "Guidance"
    cover["A1"] = "How to complete this tracker: update your rows before the 1st of each month."
    sheet = workbook.create_sheet("Action tracker")
    sheet["B1"] = "Northshire Children's Services Improvement Plan — Action Tracker"
    sheet["B1"].font = Font(bold=True, size=14)
    sheet["B2"] = "Updated: 2 September 2024 (for the Improvement Board, 19 September 2024)"
    heading = ["No.", "Ofsted recommendation", "What?", "Who?", "When?", "RAG", "Progress update / commentary"]
    for col, text in enumerate(heading, start=2):
        sheet.cell(4, col, text).font = Font(bold=True)
    row = 5
    fills = {"R": "FF0000", "A": "FFC000", "G": "00B050", "B": "0070C0"}

    def section(text: str) -> None:
        nonlocal row
        sheet.cell(row, 2, text).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
        row += 1

    def line(values: list[object], fill: str | None = None) -> None:
        nonlocal row
        for col, value in enumerate(values, start=2):
            sheet.cell(row, col, value)
        if fill:
            sheet.cell(row, 7).fill = PatternFill("solid", fgColor=fills[fill])
        row += 1

    section(f"Theme 1: {known[0][4]}")
    ratings = ["A", "R", None, "G", "B", "A"]
    updates = ["Recruitment campaign relaunched with a market supplement; two offers made.",
               "Audit found drift in supervision recording; recovery plan agreed at SMT.",
               "Training dates confirmed for October.", "Completed: new threshold guidance in use since August.",
               "Signed off by the Improvement Board in July.", ""]
    for (ref, title, owner, due, _theme), rating, update in zip(known[:4], ratings, updates):
        line([ref, "", title, owner, date.fromisoformat(due), rating or None, update],
             fill=None if rating else "R")
    section("Theme 2: Front door and early help")
    line(["2.1", "Strengthen management oversight at the front door", "Review MASH thresholds with partners",
          "Ann Lee and Bob Roe", "Q3 2024/25", "A", "Workshop with police and health on 24 September."])
    line(["2.2", "", "Weekly audit of contacts closed with no further action", "Priya Patel", "March 2025", None,
          "Dip sample of 20 cases a week started."], fill="G")
    line(["2.3", "", "Out-of-hours rota with the emergency duty team", "Vasu/Thiru", "Ongoing", "G", ""])
    line(["2.4", "", "Return-home interviews within 72 hours", "Kim Ng", "31/02/2025", "R", "Date to be agreed."])
    line(["2.5", "", "Refresh the early help assessment", "Kim Ng", "30/11/2024", "A", ""])
    for _ in range(6):
        sheet.cell(row, 2, f"=B{row - 1}+0.1")
        row += 1
    sheet.cell(row + 1, 2, "Key: B = complete, G = on track, A = at risk, R = needs attention now")
    sheet.cell(row + 2, 2, "© Northshire Council 2024. OFFICIAL-SENSITIVE")
    sheet.column_dimensions["C"].hidden = True  # the recommendation column, hidden to print
    for letter, width in zip("BCDEFGH", (7, 30, 46, 20, 12, 7, 50)):
        sheet.column_dimensions[letter].width = width
    workbook.save(path)
    return path


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="boardapp-import-shot-"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    import os

    os.environ["BOARDAPP_HOME"] = str(folder / "home")
    from boardapp.demo.build import build_demo

    demo = folder / "demo.db"
    build_demo(demo, seed=1, today=DEMO_DAY)
    tracker = messy_tracker(folder / "Action tracker September.xlsx", demo)
    if "--keep" in sys.argv:
        keep = Path(sys.argv[sys.argv.index("--keep") + 1])
        keep.write_bytes(tracker.read_bytes())
        print(keep)
        return 0

    from boardapp.ui.common import context, theme
    from boardapp.ui.shell import exchange_ops
    from boardapp.ui.shell.main_window import MainWindow
    from boardapp.ui.shell.operations import open_path

    context.current_day = lambda: DEMO_DAY
    QCoreApplication.setOrganizationName("boardapp")
    QCoreApplication.setApplicationName("boardapp")
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    window = MainWindow()
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    open_path(window, demo)

    def start_import() -> None:
        exchange_ops.import_spreadsheet(window, tracker)
        QTimer.singleShot(2500, arrange)

    def arrange() -> None:
        dialog = getattr(window, "import_dialog", None)
        if dialog is None:
            QTimer.singleShot(500, arrange)
            return
        dialog.setGeometry(0, 0, 1366, 768)
        dialog.tabs.setCurrentIndex(1)  # the changes old → new
        QTimer.singleShot(1000, lambda: snap(dialog))

    def snap(dialog: object) -> None:
        try:
            subprocess.run(["import", "-window", "root", str(OUT)], check=True)
        except (OSError, subprocess.CalledProcessError):
            window.screen().grabWindow(0).save(str(OUT))
        print(OUT)
        dialog.reject()  # type: ignore[attr-defined]
        QTimer.singleShot(200, app.quit)

    window.data_ready.connect(lambda: QTimer.singleShot(500, start_import))
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
