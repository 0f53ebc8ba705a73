"""Take the README screenshots of setting up one's own board: the New workspace wizard and the People page.

Run under Xvfb (no window manager, so the window fills the screen):

    Xvfb :93 -screen 0 1366x768x24 &
    DISPLAY=:93 .venv/bin/python docs/screenshots/take_people.py

Works in a temporary folder with its own settings and home, drives File › New workspace as a
user would (the members pasted from a spreadsheet), then adds a few actions and shows People.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent
TODAY = date(2026, 11, 23)
MEMBERS = (
    "Name\tRole\tOrganisation\tEmail\n"
    "Rachel Ostrowski\tDirector of Children's Services\tRiverside Council\trachel.ostrowski@riverside.example\n"
    "Cllr Anita Brookwell\tLead Member for Children's Services\tRiverside Council\tanita.brookwell@riverside.example\n"
    "Jonathan Harcastle\tDfE Improvement Adviser\tDepartment for Education\tjonathan.harcastle@education.example\n"
    "Det Supt Laura Fenwick\tPartner (Police)\tRiverside Police\tlaura.fenwick@police.example\n"
    "Dr Samuel Okonjo\tPartner (Health)\tRiverside Integrated Care Board\tsamuel.okonjo@icb.example\n"
    "Priya Venkataraman\tHead of Service, Front Door\tRiverside Council\tpriya.venkataraman@riverside.example\n"
)


def snap(name: str, window: object) -> None:
    target = OUT / name
    try:
        subprocess.run(["import", "-window", "root", str(target)], check=True)
    except (OSError, subprocess.CalledProcessError):
        window.screen().grabWindow(0).save(str(target))  # type: ignore[attr-defined]
    print(target)


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    folder = Path(tempfile.mkdtemp(prefix="boardapp-people-shots-"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    os.environ["BOARDAPP_HOME"] = str(folder / "home")
    from boardapp import config
    from boardapp.ui.common import context, theme
    from boardapp.ui.shell.main_window import MainWindow
    from boardapp.ui.shell.operations import new_workspace

    config.set_user_name("Lucy Abernethy")
    context.current_day = lambda: TODAY
    QCoreApplication.setOrganizationName("boardapp")
    QCoreApplication.setApplicationName("boardapp")
    app = QApplication(sys.argv[:1])
    theme.apply(app)
    window = MainWindow()
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    state: dict[str, object] = {}

    def start() -> None:
        wizard = new_workspace(window)
        state["wizard"] = wizard
        board = wizard.board_page
        board.name_edit.setText("Riverside Improvement Board")
        board.council_edit.setText("Riverside Council")
        board.chair_edit.setText("Dr Helen Marchbank")
        board.quorum_spin.setValue(5)
        board.la_edit.setText("892")
        board.file_edit.setText(str(folder / "riverside-improvement-board.db"))
        QTimer.singleShot(600, lambda: (snap("wizard-board.png", window), members()))

    def members() -> None:
        wizard: object = state["wizard"]
        wizard.next()  # type: ignore[attr-defined]
        wizard.members_page.paste(MEMBERS)  # type: ignore[attr-defined]
        wizard.members_page.view.resizeColumnsToContents()  # type: ignore[attr-defined]
        QTimer.singleShot(600, lambda: (snap("wizard-members.png", window), finish()))

    def finish() -> None:
        wizard: object = state["wizard"]
        wizard.next()  # type: ignore[attr-defined]  # themes: the ILACS starter set as offered
        wizard.next()  # type: ignore[attr-defined]
        wizard.meeting_page.date_edit.set_value(date(2026, 12, 10))  # type: ignore[attr-defined]
        wizard.meeting_page.time_edit.setText("10:00")  # type: ignore[attr-defined]
        wizard.meeting_page.place_edit.setText("Council Chamber, Riverside Civic Centre")  # type: ignore[attr-defined]
        wizard.next()  # type: ignore[attr-defined]
        window.workspace_attached.connect(lambda _ctx: QTimer.singleShot(800, people))
        wizard.accept()  # type: ignore[attr-defined]

    def people() -> None:
        from boardapp.services.people.people import create_person, list_directory
        from boardapp.services.people.themes import list_theme_rows
        from boardapp.services.plan.commands import create_action

        ctx = window.ctx
        assert ctx is not None
        with ctx.session() as session:
            create_person(session=session, who=ctx.who, name="Marcus Ellingham", role="Head of Quality Assurance",
                          organisation="Riverside Council")
            create_person(session=session, who=ctx.who, name="Priya Venkataraman", role="Head of Service",
                          organisation="Riverside Council")  # typed twice: flagged
            ids = {p.name: p.id for p in list_directory(session=session)}
            themes = {t.code: t.id for t in list_theme_rows(session=session)}
            for title, owner, code, due in (
                ("Screen every contact within one working day", "Priya Venkataraman", "T2", date(2027, 1, 31)),
                ("Audit fifty strategy discussions a quarter", "Marcus Ellingham", "T1", date(2027, 2, 28)),
                ("Review every plan for children in care over 12 months", "Rachel Ostrowski", "T3", date(2027, 3, 31)),
                ("Offer every care leaver a personal adviser by 18", "Rachel Ostrowski", "T4", date(2027, 3, 31)),
            ):
                create_action(session=session, who=ctx.who, title=title, owner_id=ids[owner], theme_id=themes[code],
                              due_date=due)
        ctx.workspace_changed.emit()
        window.show_page("People")
        tab = window.pages["People"].people  # type: ignore[attr-defined]
        tab.select(max(p.id for p in tab.rows if p.name == "Priya Venkataraman"))  # one of the pair: Merge offered
        QTimer.singleShot(1200, lambda: (snap("people.png", window), app.quit()))

    QTimer.singleShot(800, start)
    app.exec()
    window.detach()
    return 0


if __name__ == "__main__":
    sys.exit(main())
