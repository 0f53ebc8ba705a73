"""The Meetings page: new meeting with the standing items, the agenda builder (keyboard and drag), papers,
attendance with a deputy, the matrix without the cancelled meeting; every edit undone and redone."""
from __future__ import annotations

from collections import Counter
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from mnemonics import mnemonic, mnemonic_texts
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from boardapp.services.meetings.agenda import STANDING_ITEMS
from boardapp.ui.pages.meetings.agenda_tab import AgendaTab
from boardapp.ui.pages.meetings.attendance_tab import AttendanceTab
from boardapp.ui.pages.meetings.papers_tab import PapersTab

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _host(qtbot: Any, ctx: Any) -> Any:
    from boardapp.ui.pages.meetings.page import MeetingsPage

    window = QMainWindow()
    qtbot.addWidget(window)
    undo = ctx.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = ctx.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
    window.addActions([undo, redo])
    page = MeetingsPage(ctx)
    window.setCentralWidget(page)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.page = page  # type: ignore[attr-defined]
    return window


@pytest.fixture
def host(qtbot: Any, actions_ctx: Any) -> Any:
    return _host(qtbot, actions_ctx)


def undo(qtbot: Any, host: Any, redo: bool = False) -> None:
    host.activateWindow()
    qtbot.keyClick(host.page.meetings, Qt.Key.Key_Z, CTRL | (SHIFT if redo else Qt.KeyboardModifier.NoModifier))


def fill_and_save(values: dict[str, Any]) -> Any:
    def run(dialog: Any) -> bool:
        if "meeting_date" in values:
            dialog.date_edit.set_value(values["meeting_date"])
        if "place" in values:
            dialog.place_edit.setText(values["place"])
        dialog.save()
        return dialog.result() == dialog.DialogCode.Accepted

    return run


def new_meeting(host: Any, monkeypatch: pytest.MonkeyPatch, day: date = date(2024, 10, 15)) -> int:
    monkeypatch.setattr(host.page, "run_dialog", fill_and_save({"meeting_date": day, "place": "Town Hall, Room 2"}))
    meeting_id = host.page.new_meeting()
    assert meeting_id is not None
    return meeting_id


def titles(tab: AgendaTab) -> list[str]:
    return [f"{r.number} {r.title}" for r in tab.rows]


def test_models_pass_the_model_tester(host: Any, qtmodeltester: Any) -> None:
    page = host.page
    qtmodeltester.check(page.meeting_model)
    qtmodeltester.check(page.tab(AgendaTab).model)
    qtmodeltester.check(page.tab(AttendanceTab).model)
    qtmodeltester.check(page.tab(PapersTab).model)


def test_a_new_meeting_has_the_standing_items_and_undo_removes_it(host: Any, qtbot: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = host.page
    before = page.meeting_model.rowCount()
    meeting_id = new_meeting(host, monkeypatch)
    assert page.current_meeting().id == meeting_id and page.meeting_model.rowCount() == before + 1
    agenda = page.tab(AgendaTab)
    assert [r.title for r in agenda.rows] == [t for t, *_ in STANDING_ITEMS]
    assert agenda.rows[0].starts == page.current_meeting().start_time
    assert "ends" in agenda.timing_label.text()
    undo(qtbot, host)
    assert meeting_id not in [m.id for m in page.meeting_model.rows()]
    undo(qtbot, host, redo=True)
    assert meeting_id in [m.id for m in page.meeting_model.rows()]


def test_the_next_date_follows_the_frequency(host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[date | None] = []

    def run(dialog: Any) -> bool:
        seen.append(dialog.date_edit.peek())
        return False

    monkeypatch.setattr(host.page, "run_dialog", run)
    assert host.page.new_meeting() is None
    latest = max(m.meeting_date for m in host.page.meeting_model.rows())
    assert seen[0] is not None and seen[0] > latest and (seen[0] - latest).days in range(28, 36)


def test_agenda_keyboard_add_move_and_drag_with_times(host: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page = host.page
    new_meeting(host, monkeypatch)
    agenda = page.tab(AgendaTab)
    page.tabs.setCurrentWidget(agenda)
    agenda.select_item(agenda.rows[3].id)  # 4 Action log
    end_before = page.current_meeting().end_time
    agenda.title_edit.setFocus()
    qtbot.keyClick(agenda.title_edit, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter: the next item, cursor in its title
    assert agenda.current_row().title == "New item" and agenda.current_row().number == "5"
    assert agenda.title_edit.hasFocus()
    qtbot.keyClicks(agenda.title_edit, "DCS progress report")
    qtbot.keyClick(agenda.title_edit, Qt.Key.Key_Tab)  # saved as the field is left
    assert agenda.rows[4].title == "DCS progress report" and agenda.presenter_combo.lineEdit().hasFocus()
    agenda.minutes_spin.setFocus()
    agenda.minutes_spin.selectAll()
    qtbot.keyClicks(agenda.minutes_spin, "25")
    qtbot.keyClick(agenda.minutes_spin, Qt.Key.Key_Tab)
    assert agenda.rows[4].duration_minutes == 25
    assert agenda.rows[5].starts == (agenda.rows[4].ends)
    assert page.current_meeting().end_time > end_before
    # Ctrl+Up twice in the list: it is item 3 now, the times follow
    agenda.table.setFocus()
    qtbot.keyClick(agenda.table, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(agenda.table, Qt.Key.Key_Up, CTRL)
    assert titles(agenda)[2] == "3 DCS progress report" and agenda.current_row().title == "DCS progress report"
    assert agenda.rows[2].starts == agenda.rows[1].ends and agenda.rows[3].starts == agenda.rows[2].ends
    # Ctrl+Right makes it 2.1 under "Declarations of interest"; Ctrl+Left puts it back
    qtbot.keyClick(agenda.table, Qt.Key.Key_Right, CTRL)
    assert "2.1 DCS progress report" in titles(agenda)
    qtbot.keyClick(agenda.table, Qt.Key.Key_Left, CTRL)
    assert titles(agenda)[2] == "3 DCS progress report"
    # a drag: dropping it on "Any other business" puts it just before
    model = agenda.model
    dragged = model.mimeData([model.index(2, 0)])
    aob = next(i for i, r in enumerate(agenda.rows) if r.title == "Any other business")
    model.dropMimeData(dragged, Qt.DropAction.MoveAction, aob, 0, QModelIndex())
    assert [r.title for r in agenda.rows][-3:] == ["DCS progress report", "Any other business",
                                                  "Date of the next meeting"]
    # undo the drag, the two moves out and in, the two moves up, the minutes, the title, the add
    for expected in ("3 DCS progress report", "2.1 DCS progress report", "3 DCS progress report"):
        undo(qtbot, host)
        assert expected in titles(agenda)
    undo(qtbot, host)
    undo(qtbot, host)
    assert titles(agenda)[4] == "5 DCS progress report"
    undo(qtbot, host)
    assert agenda.rows[4].duration_minutes == 10
    undo(qtbot, host)
    assert agenda.rows[4].title == "New item"
    undo(qtbot, host)
    assert [r.title for r in agenda.rows] == [t for t, *_ in STANDING_ITEMS]


def test_copy_agenda_from_the_previous_meeting(host: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                              dialogs: Any) -> None:
    page = host.page
    new_meeting(host, monkeypatch)
    agenda = page.tab(AgendaTab)
    dialogs.answer("question", True)
    agenda.copy_previous()
    copied = [r.title for r in agenda.rows]
    assert copied and copied != [t for t, *_ in STANDING_ITEMS]
    undo(qtbot, host)
    assert [r.title for r in agenda.rows] == [t for t, *_ in STANDING_ITEMS]


def make_pdf(path: Path, pages: int = 2, *, encrypt: bool = False) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Workforce deep dive", "/Author": "Head of Workforce"})
    if encrypt:
        writer.encrypt("secret")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_attach_open_and_refuse_papers(host: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, dialogs: Any,
                                       tmp_path: Path) -> None:
    import boardapp.services.meetings.papers as papers_service

    page = host.page
    new_meeting(host, monkeypatch)
    papers = page.tab(PapersTab)
    page.tabs.setCurrentWidget(papers)
    item = page.tab(AgendaTab).rows[3]
    papers.choose_item(item.id)
    dialogs.answer("open_file", make_pdf(tmp_path / "workforce.pdf", 3))
    paper_id = papers.attach()
    assert paper_id is not None
    row = papers.model.row_at(0)
    assert (row.title, row.author, row.page_count, row.late) == ("Workforce deep dive", "Head of Workforce", 3, False)
    assert papers.model.data(papers.model.index(0, 0)) == f"{item.number} {item.title}"
    assert page.tab(AgendaTab).rows[3].papers == 1
    opened: list[Any] = []
    papers.opener = lambda url: opened.append(url.toLocalFile()) or True
    papers.table.selectRow(0)
    target = papers.open_current()
    assert target is not None and opened == [str(target)] and target.read_bytes().startswith(b"%PDF-")
    # refused, each with a message naming the file; nothing attached
    bad = tmp_path / "notes.txt"
    bad.write_text("not a pdf")
    monkeypatch.setattr(papers_service, "MAX_PAPER_BYTES", 2000)
    big = make_pdf(tmp_path / "huge.pdf", 40)
    for path in (bad, make_pdf(tmp_path / "locked.pdf", encrypt=True), big):
        dialogs.answer("open_file", path)
        assert papers.attach() is None
        name, args = dialogs.calls[-1]
        assert name == "warning" and path.name in args[2]
    assert papers.model.rowCount() == 1
    # the pack is issued: a paper attached now is late
    papers.mark_issued()
    dialogs.answer("open_file", make_pdf(tmp_path / "late.pdf"))
    papers.attach()
    assert [r.late for r in papers.model.rows()] == [False, True]
    assert "(1 late paper)" in papers.issued_label.text()
    undo(qtbot, host)
    assert papers.model.rowCount() == 1
    undo(qtbot, host)
    assert page.current_meeting().pack_issued_at is None
    undo(qtbot, host)
    assert papers.model.rowCount() == 0
    undo(qtbot, host, redo=True)
    assert papers.model.rowCount() == 1


def click_tab(qtbot: Any, page: Any, tab: Any) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(page.tabs.indexOf(tab)).center())
    assert page.tabs.currentWidget() is tab


def click_agenda_row(qtbot: Any, agenda: AgendaTab, row: int) -> None:
    table = agenda.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(agenda.model.index(row, 2)).center())


def test_a_paper_is_offered_for_the_item_chosen_on_the_agenda(host: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                              dialogs: Any, tmp_path: Path) -> None:
    """The Papers tab's "For agenda item" starts at the item chosen on the Agenda tab; a choice made
    on the Papers tab itself stands until another item is chosen on the agenda."""
    page = host.page
    new_meeting(host, monkeypatch)
    agenda, papers = page.tab(AgendaTab), page.tab(PapersTab)
    click_tab(qtbot, page, agenda)
    click_agenda_row(qtbot, agenda, 3)
    item = agenda.rows[3]
    click_tab(qtbot, page, papers)
    assert papers.item_combo.currentText() == f"{item.number} {item.title}"
    dialogs.answer("open_file", make_pdf(tmp_path / "action-log.pdf"))
    assert papers.attach() is not None
    assert papers.model.data(papers.model.index(0, 0)) == f"{item.number} {item.title}"
    # chosen here instead: kept through the attach and a visit to another tab
    other = agenda.rows[5]
    papers.item_combo.setCurrentIndex(papers.item_combo.findData(other.id))
    dialogs.answer("open_file", make_pdf(tmp_path / "risks.pdf"))
    assert papers.attach() is not None
    click_tab(qtbot, page, page.tab(AttendanceTab))
    click_tab(qtbot, page, papers)
    assert papers.item_combo.currentText() == f"{other.number} {other.title}"
    # another item chosen on the agenda: the Papers tab follows it
    click_tab(qtbot, page, agenda)
    click_agenda_row(qtbot, agenda, 1)
    click_tab(qtbot, page, papers)
    assert papers.item_combo.currentText() == f"{agenda.rows[1].number} {agenda.rows[1].title}"
    # another meeting chosen while on the Papers tab: its agenda's chosen item
    held = next(m for m in page.meeting_model.rows() if m.status == "HELD")
    page.select_meeting(held.id)
    chosen = agenda.current_row()
    assert chosen is not None and chosen.id in {r.id for r in agenda.rows}
    assert papers.item_combo.currentText() == f"{chosen.number} {chosen.title}"


def test_attendance_marks_a_deputy_and_the_quorum(host: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                  dialogs: Any) -> None:
    page = host.page
    new_meeting(host, monkeypatch)
    tab = page.tab(AttendanceTab)
    page.tabs.setCurrentWidget(tab)
    assert tab.rows and all(r.is_member and not r.code for r in tab.rows)
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Y)
    assert tab.rows[0].code == "Y" and tab.table.currentIndex().row() == 1  # on to the next person
    dialogs.answer("get_text", "Sam Deputy")
    qtbot.keyClick(tab.table, Qt.Key.Key_D)
    assert (tab.rows[1].code, tab.rows[1].deputy_name) == ("D", "Sam Deputy")
    qtbot.keyClick(tab.table, Qt.Key.Key_A)
    assert tab.rows[2].code == "A"
    assert "2 of" in tab.quorum_label.text()
    tab.add_guest("Dr Visiting Adviser")
    guest = next(r for r in tab.rows if not r.is_member)
    assert guest.code == "Y" and guest.name == "Dr Visiting Adviser"
    undo(qtbot, host)
    assert all(r.is_member for r in tab.rows)
    undo(qtbot, host)
    assert tab.rows[2].code == ""
    undo(qtbot, host)
    assert tab.rows[1].code == ""
    undo(qtbot, host, redo=True)
    assert (tab.rows[1].code, tab.rows[1].deputy_name) == ("D", "Sam Deputy")


def test_the_matrix_leaves_a_cancelled_meeting_out(host: Any, qtbot: Any, dialogs: Any) -> None:
    page = host.page
    past = [m for m in page.meeting_model.rows() if m.meeting_date <= date(2024, 9, 11)]
    target = past[0]
    page.select_meeting(target.id)
    dialogs.answer("question", True)
    if target.status == "HELD":
        from boardapp.ui.pages.meetings import commands

        commands.edit_meeting(page.ctx, target.id, {"status": "CANCELLED"}, "Cancel")
    else:
        page.cancel_meeting()
    assert next(m for m in page.meeting_model.rows() if m.id == target.id).status == "CANCELLED"
    dialog = page.tab(AttendanceTab).show_matrix()
    ids = [m for m, _d in dialog.matrix.meetings]
    assert target.id not in ids and 0 < len(ids) <= 12
    assert all(r.rate is None or 0 <= r.rate <= 1 for r in dialog.matrix.rows)
    dialog.close()


def test_cancel_and_delete_a_planned_meeting_and_undo(host: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                      dialogs: Any) -> None:
    page = host.page
    meeting_id = new_meeting(host, monkeypatch, date(2024, 11, 19))
    dialogs.answer("question", True, True)
    page.cancel_meeting()
    assert page.current_meeting().status == "CANCELLED"
    page.delete_meeting()
    assert meeting_id not in [m.id for m in page.meeting_model.rows()]
    undo(qtbot, host)
    assert page.current_meeting().id == meeting_id and page.current_meeting().status == "CANCELLED"
    undo(qtbot, host)
    assert page.current_meeting().status == "PLANNED"


def test_no_meetings_shows_the_empty_state_with_new_meeting(qtbot: Any, workspace_path: Path, pinned_today: date,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlmodel import Session

    from boardapp.db.models import Board
    from boardapp.db.workspace import open_workspace
    from boardapp.ui.common.context import AppContext

    engine = open_workspace(workspace_path)
    with Session(engine) as session:
        session.add(Board(name="New Board"))
        session.commit()
    ctx = AppContext(engine, workspace_path, "Test Secretary")
    try:
        window = _host(qtbot, ctx)
        page = window.page
        assert page.switch.is_empty()
        monkeypatch.setattr(page, "run_dialog", fill_and_save({}))
        page.empty.button("New meeting").click()
        assert not page.switch.is_empty() and page.meeting_model.rowCount() == 1
        assert page.current_meeting().start_time == time(10, 0)
    finally:
        ctx.undo_stack.clear()
        engine.dispose()


def test_the_start_time_is_typed_and_a_bad_one_is_named(host: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardapp.ui.pages.meetings.meeting_dialog import parse_time

    assert parse_time("1430") == time(14, 30) and parse_time("9:05") == time(9, 5) and parse_time("") is None
    seen: list[str] = []

    def run(dialog: Any) -> bool:
        dialog.time_edit.setText("25:00")
        dialog.save()
        seen.append(dialog.error_label.text())
        dialog.time_edit.setText("14.00")
        dialog.save()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(host.page, "run_dialog", run)
    meeting_id = host.page.new_meeting()
    assert seen and seen[0].startswith("Starts at:") and "25:00" in seen[0]
    assert host.page.current_meeting().id == meeting_id and host.page.current_meeting().start_time == time(14, 0)


def window_mnemonics(window: QMainWindow) -> Counter[str]:
    """How many of the window's shown controls have each Alt+letter key (see ``mnemonics``)."""
    return Counter(mnemonic(text) for text in mnemonic_texts(window))


def test_alt_p_is_the_papers_tab_and_the_presenter_has_a_key_of_its_own(main_window: Any, qtbot: Any) -> None:
    """On the Agenda tab, Alt+P shows the Papers tab at the first press (it used to go to the presenter
    first), and the presenter's own key (and the keys moved to make room for it) reach one widget each."""
    from PySide6.QtWidgets import QApplication, QLabel

    if main_window.who_prompt is not None:
        main_window.who_prompt.later_button.click()  # the first-run "Your name" panel, answered "Not now"
    main_window.show_page("Meetings")
    page = main_window.pages["Meetings"]
    agenda, papers = page.tab(AgendaTab), page.tab(PapersTab)
    page.tabs.setCurrentWidget(agenda)
    caption = next(w for w in agenda.findChildren(QLabel) if w.buddy() is agenda.presenter_combo)
    presenter_key = caption.text().split("&", 1)[1][0].lower()
    assert presenter_key != "p"
    keys = window_mnemonics(main_window)
    for moved in ("p", presenter_key, "b", "x"):  # Papers; Presenter; Add sub-item; Part B (e&xempt)
        assert keys[moved] == 1, (moved, keys)
    main_window.activateWindow()
    agenda.table.setFocus()
    qtbot.keyClick(agenda.table, presenter_key, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is agenda
    assert QApplication.focusWidget() in (agenda.presenter_combo, agenda.presenter_combo.lineEdit())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is papers
