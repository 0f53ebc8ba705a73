"""File › New workspace as a new user meets it: the wizard end to end, then a first action and the pack."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from boardapp.ui.shell.main_window import MainWindow

MEMBERS_BLOCK = ("Name\tRole\tOrganisation\tEmail\r\n"
                 "Sam Okafor\tDirector of Children's Services\tRiverside Council\tsam.okafor@riverside.example\r\n"
                 "Jo Reyes\tDfE Improvement Adviser\tDepartment for Education\tjo.reyes@education.example\r\n")


@pytest.fixture
def window(qtbot: Any, pinned_today: date) -> Any:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.detach()


def next_page(wizard: QWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def drive_export_dialog(done: dict[str, Any]) -> None:
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, ExportPackDialog):
        QTimer.singleShot(20, lambda: drive_export_dialog(done))
        return
    done["meeting"] = dialog.meeting.currentText()
    browse = [b for b in dialog.findChildren(type(dialog.buttons.buttons()[0])) if b.text() == "Browse…"][0]
    browse.click()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def test_wizard_end_to_end_then_an_action_and_the_pack(window: Any, qtbot: Any, dialogs: Any, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    from boardapp.ui.shell.operations import new_workspace

    wizard = new_workspace(window)
    assert wizard.isVisible() and window.wizard is wizard
    board = wizard.board_page
    board.name_edit.clear()
    qtbot.keyClicks(board.name_edit, "Riverside Improvement Board")
    qtbot.keyClicks(board.council_edit, "Riverside Council")
    qtbot.keyClicks(board.chair_edit, "Dr Ada Fairweather")
    board.quorum_spin.setValue(4)
    qtbot.keyClicks(board.la_edit, "892")
    board.file_edit.setText(str(tmp_path / "riverside"))
    next_page(wizard)

    members = wizard.members_page
    assert wizard.currentPage() is members and "Dr Ada Fairweather" in members.chair_note.text()
    QApplication.clipboard().setText(MEMBERS_BLOCK)
    members.view.setFocus()
    qtbot.keyClick(members.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # paste from Excel
    assert [m.name for m in members.members()] == ["Sam Okafor", "Jo Reyes"]
    next_page(wizard)

    themes = wizard.themes_page
    assert wizard.currentPage() is themes and len(themes.themes()) == 4  # the ILACS starter set, offered
    themes.skip()  # "No themes": then our own two
    for code, title, lead, area in (("FD", "The front door", "Sam Okafor", "HELP_AND_PROTECTION"),
                                    ("CIC", "Children in care", "", "CHILDREN_IN_CARE")):
        themes.add_row()
        row = themes.model.rowCount() - 1
        for column, value in enumerate((code, title, lead, area)):
            themes.model.setData(themes.model.index(row, column), value)
    assert [t.code for t in themes.themes()] == ["FD", "CIC"]
    next_page(wizard)

    meeting = wizard.meeting_page
    qtbot.keyClicks(meeting.date_edit.line_edit, "14/10/2031")
    qtbot.keyClicks(meeting.time_edit, "10:00")
    next_page(wizard)
    assert wizard.currentPage() is wizard.summary_page
    assert "Riverside Improvement Board" in wizard.summary_page.summary.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.ctx is not None and bool(window.pages), timeout=30_000)

    path = tmp_path / "riverside.db"
    assert window.ctx.db_path == path and window.current_page_name() == "Dashboard"
    assert window.windowTitle() == "Riverside Improvement Board — riverside.db"
    dashboard = window.pages["Dashboard"]
    qtbot.waitUntil(lambda: dashboard.switch.is_empty(), timeout=10_000)
    assert dashboard.empty.button("Add your first action").isVisible()

    people_page = window.pages["People"]
    window.show_page("People")
    assert [p.name for p in people_page.people.model.rows()] == ["Dr Ada Fairweather", "Jo Reyes", "Sam Okafor"]
    assert [t.code for t in people_page.themes.model.rows()] == ["FD", "CIC"]
    assert dialogs.names() == []

    # the first action: owned by a new member, under a new theme, from the dashboard's empty state
    window.show_page("Dashboard")
    dashboard.empty.button("Add your first action").click()
    editor = window.pages["Actions"].editor
    assert window.current_page_name() == "Actions" and editor is not None and editor.isVisible()
    editor.theme_combo.setCurrentIndex(editor.theme_combo.findText("FD — The front door"))
    editor.owner_combo.setCurrentIndex(editor.owner_combo.findText("Sam Okafor"))
    qtbot.keyClicks(editor.title_edit, "Screen every contact within one working day")
    editor.due_edit.set_value(date(2027, 3, 31))
    editor.save_button.click()
    assert not editor.isVisible()
    actions = window.pages["Actions"]
    qtbot.waitUntil(lambda: actions.model.rowCount() == 1, timeout=10_000)
    row = actions.model.row_at(0)
    assert (row.ref, row.owner_name, row.theme_code) == ("FD.1", "Sam Okafor", "FD")
    assert not actions.switch.is_empty()

    target = tmp_path / "pack"
    dialogs.answer("save_file", target)
    seen: dict[str, Any] = {}
    QTimer.singleShot(0, lambda: drive_export_dialog(seen))
    window.export_action.trigger()
    qtbot.waitUntil(lambda: "choice" in dialogs.names(), timeout=60_000)
    reader = pypdf.PdfReader(target.with_suffix(".pdf"))
    cover = reader.pages[0].extract_text()
    assert "Riverside Improvement Board" in cover and "Riverside Council" in cover
    assert "Dr Ada Fairweather" in cover and "14 October 2031" in cover
    assert "FD.1" in "\n".join(p.extract_text() for p in reader.pages)


def test_each_page_names_what_is_wrong_and_stays(window: Any, qtbot: Any, tmp_path: Path) -> None:
    from boardapp.ui.shell.operations import new_workspace

    taken = tmp_path / "taken.db"
    taken.write_bytes(b"x")
    wizard = new_workspace(window)
    wizard.board_page.file_edit.setText(str(taken))
    next_page(wizard)
    assert wizard.currentPage() is wizard.board_page
    assert "Workspace file" in wizard.board_page.error_label.text() and "already exists" in wizard.board_page.error_label.text()
    wizard.board_page.file_edit.setText(str(tmp_path / "new.db"))
    wizard.board_page.la_edit.setText("12")
    next_page(wizard)
    assert "DfE LA code: the DfE local-authority code is three digits" in wizard.board_page.error_label.text()
    wizard.board_page.la_edit.clear()
    next_page(wizard)

    wizard.members_page.paste("Ann Lee\tChair\t\tnot-an-email\n")
    next_page(wizard)
    assert wizard.currentPage() is wizard.members_page
    assert wizard.members_page.error_label.text().startswith("Row 1, email:")
    assert wizard.members_page.view.currentIndex().column() == 3
    wizard.button(QWizard.WizardButton.CustomButton1).click()  # skip: the rows are dropped
    assert wizard.currentPage() is wizard.themes_page and wizard.members_page.members() == []
    wizard.themes_page.model.setData(wizard.themes_page.model.index(1, 0), "T1")
    next_page(wizard)
    assert "Row 2, code: T1 is already the code of row 1" in wizard.themes_page.error_label.text()
    wizard.themes_page.use_starter()
    next_page(wizard)
    qtbot.keyClicks(wizard.meeting_page.date_edit.line_edit, "31/02/2031")
    next_page(wizard)
    assert wizard.currentPage() is wizard.meeting_page
    assert "not a real date" in wizard.meeting_page.error_label.text()
    wizard.reject()
    assert not (tmp_path / "new.db").exists() and window.ctx is None


def test_an_empty_paste_says_what_to_copy(window: Any) -> None:
    from boardapp.ui.shell.operations import new_workspace

    wizard = new_workspace(window)
    assert wizard.members_page.paste("\n\n") == 0
    assert "copy the members' rows" in wizard.members_page.error_label.text()
    wizard.reject()


def test_the_wizards_grids_pass_the_model_tester(qtmodeltester: Any) -> None:
    from boardapp.ui.shell.draft_tables import DraftColumn, DraftTableModel

    model = DraftTableModel([DraftColumn("name", "Name"), DraftColumn("area", "Area", labels={"A": "Area A"}),
                             DraftColumn("member", "Member", check=True)])
    model.set_rows([{"name": "Ann", "area": "A"}, {"name": "Bo"}])
    qtmodeltester.check(model, force_py=True)
    model.append_rows([{"name": "Cy"}])
    model.insertRows(0, 1)
    model.removeRows(1, 1)
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(2, 1)) == "" and model.data(model.index(2, 2)) == "Yes"


def test_a_disk_error_part_way_leaves_no_file_and_says_so(window: Any, qtbot: Any, dialogs: Any, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The wizard's Finish on a disk that fails part-way: a disk message naming the file, and no 4 KB
    file left at its name to refuse the next try ("already exists")."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from boardapp.services.people import setup as setup_module
    from boardapp.services.people.setup import WorkspaceSetup
    from boardapp.ui.shell.operations import create_workspace

    written = setup_module._write

    def failing_write(session: Any, setup: Any, *, who: str) -> None:
        written(session, setup, who=who)
        session.flush()
        raise OperationalError("INSERT INTO board", {}, sqlite3.OperationalError("disk I/O error"))

    folder = tmp_path / "boards"
    folder.mkdir()
    path = folder / "ours.db"
    monkeypatch.setattr(setup_module, "_write", failing_write)
    task = create_workspace(window, path, WorkspaceSetup(name="Riverside Improvement Board"))
    qtbot.waitUntil(lambda: "error" in dialogs.names(), timeout=20_000)
    shown = " ".join(str(part) for name, args in dialogs.calls if name == "error" for part in args)
    assert f"could not write {path}: the disk reported an error; no file was left." in shown
    assert "OperationalError" not in shown and "building" not in shown
    assert [p.name for p in folder.iterdir() if p.name != "ours.db.lock"] == []  # (the lock file is only a lock)
    assert task is not None
    monkeypatch.setattr(setup_module, "_write", written)
    with qtbot.waitSignal(window.data_ready, timeout=30_000):
        create_workspace(window, path, WorkspaceSetup(name="Riverside Improvement Board"))
    assert window.ctx is not None and window.ctx.db_path == path and not window.ctx.read_only
