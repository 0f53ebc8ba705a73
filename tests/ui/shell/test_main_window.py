"""The shell on the demo workspace: title, status bar, pages, menus, backup, About, pack export."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QTableView

from boardapp.ui.shell.main_window import PAGE_NAMES, MainWindow


def summary_of(window: MainWindow) -> Any:
    assert window.summary is not None
    return window.summary


def test_title_and_status_bar_show_board_and_next_visit(main_window: MainWindow, demo_path: Path) -> None:
    summary = summary_of(main_window)
    assert main_window.windowTitle() == f"{summary.board_name} — {demo_path.name}"
    assert summary.board_name in main_window.workspace_label.text()
    assert summary.days_to_next_visit is not None and summary.days_to_next_visit > 0
    visit_text = main_window.visit_label.text()
    assert f"{summary.days_to_next_visit} days to the next monitoring visit" in visit_text
    assert summary.next_visit.focus_area[:40] in visit_text
    assert summary.next_visit.focus_area in main_window.visit_label.toolTip()


def test_status_bar_says_the_demo_is_dated_as_at_its_own_day(main_window: MainWindow, demo_path: Path) -> None:
    """Issue 9, item 23: the demo counts its days from 11/09/2024, and says so."""
    assert main_window.as_at_label.isVisible()
    assert main_window.as_at_label.text() == "Demo workspace — as at 11/09/2024"
    with closing(sqlite3.connect(demo_path)) as con, con:
        con.execute("PRAGMA user_version = 0")  # the same dates in a workspace the demo did not build
    main_window.refresh_status()
    assert main_window.as_at_label.text() == "As at 11/09/2024"
    with closing(sqlite3.connect(demo_path)) as con, con:
        con.execute("UPDATE board SET as_at_date = NULL")
    main_window.refresh_status()
    assert not main_window.as_at_label.isVisible()


def test_status_bar_counts_follow_the_register(main_window: MainWindow, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: main_window.counts is not None, timeout=10_000)
    shown, total, overdue = main_window.counts
    assert total == summary_of(main_window).action_count
    assert f"{shown:,} shown of {total:,}" in main_window.counts_label.text()
    assert f"{overdue:,} overdue" in main_window.counts_label.text()


def test_ctrl_1_to_7_switch_pages(main_window: MainWindow, qtbot: Any) -> None:
    for i, name in reversed(list(enumerate(PAGE_NAMES, start=1))):
        qtbot.keyClick(main_window, Qt.Key(Qt.Key.Key_0 + i % 10), Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_page_name() == name
        assert main_window.stack.currentWidget() is main_window.pages[name]


def test_navigation_list_switches_pages(main_window: MainWindow) -> None:
    main_window.navigation.setCurrentRow(PAGE_NAMES.index("Risks"))
    assert main_window.stack.currentWidget() is main_window.pages["Risks"]


def test_current_page_and_geometry_are_remembered(main_window: MainWindow, qtbot: Any, demo_path: Path) -> None:
    from boardapp.db.workspace import open_workspace

    main_window.show_page("Funding")
    main_window.close()
    assert QSettings().value("main_window/page") == "Funding"
    again = MainWindow()
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.data_ready, timeout=20_000):
        again.attach(open_workspace(demo_path), demo_path)
    assert again.current_page_name() == "Funding"
    again.detach()


def test_about_names_every_version(main_window: MainWindow, dialogs: Any) -> None:
    main_window.about_action.trigger()
    name, args = dialogs.calls[-1]
    assert name == "about"
    text = args[2]
    import platform
    import sqlite3 as sqlite

    import PySide6
    from PySide6.QtCore import qVersion

    from boardapp import __version__

    for expected in (__version__, platform.python_version(), PySide6.__version__, qVersion(), sqlite.sqlite_version,
                     "SQLModel", "reportlab", str(main_window.ctx.db_path)):
        assert expected in text


def test_back_up_now_writes_a_verified_backup(main_window: MainWindow, qtbot: Any, dialogs: Any, demo_path: Path) -> None:
    from boardapp.db.backup import backups_dir, verify_backup

    main_window.backup_action.trigger()
    qtbot.waitUntil(lambda: "information" in dialogs.names(), timeout=20_000)
    backups = list(backups_dir(demo_path).glob("*.db"))
    assert len(backups) == 1
    assert verify_backup(backups[0])
    with closing(sqlite3.connect(backups[0])) as con:
        assert con.execute("SELECT count(*) FROM action").fetchone()[0] >= summary_of(main_window).action_count
    assert str(backups[0]) in dialogs.calls[-1][1][2]


def test_export_pack_through_the_dialog_writes_a_pdf(
    main_window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    pytest.importorskip("boardapp.pack.build")
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    target = tmp_path / "out" / "pack"
    target.parent.mkdir()
    dialogs.answer("save_file", target)
    seen: dict[str, Any] = {}

    def drive_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportPackDialog):
            QTimer.singleShot(20, drive_dialog)
            return
        seen["marking"] = dialog.marking.currentText()
        seen["meeting"] = dialog.meeting.currentData()
        dialog.findChild(type(dialog.buttons.buttons()[0]), "") if False else None
        browse = [b for b in dialog.findChildren(type(dialog.buttons.buttons()[0])) if b.text() == "Browse…"][0]
        browse.click()
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    QTimer.singleShot(0, drive_dialog)
    main_window.export_action.trigger()
    pdf = target.with_suffix(".pdf")
    qtbot.waitUntil(lambda: "choice" in dialogs.names(), timeout=60_000)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    assert seen == {"marking": summary_of(main_window).default_marking, "meeting": "next"}
    assert str(pdf) in dialogs.calls[-1][1][2]


def test_export_dialog_lists_sections_and_meetings(main_window: MainWindow) -> None:
    from boardapp.services.pack_data import PACK_SECTIONS
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    dialog = ExportPackDialog(main_window.ctx, main_window)
    assert list(dialog.section_boxes) == [s.key for s in PACK_SECTIONS]
    assert dialog.meeting.count() > 1 and dialog.meeting.itemData(0) == "next"
    dialog.section_boxes[PACK_SECTIONS[0].key].setChecked(False)
    options = dialog.options()
    assert options.sections == [s.key for s in PACK_SECTIONS[1:]]
    assert options.out_path.suffix == ".pdf"
    dialog.deleteLater()


def test_a_damaged_file_is_a_clear_message_not_a_traceback(qtbot: Any, tmp_path: Path, dialogs: Any) -> None:
    from boardapp.ui.shell.operations import open_path

    bad = tmp_path / "broken.db"
    bad.write_bytes(b"this is not a database" * 100)
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.open_failed, timeout=20_000) as blocker:
        open_path(window, bad)
    assert "not a boardapp workspace" in blocker.args[0] or "not an SQLite" in blocker.args[0]
    assert dialogs.names() == ["error"]
    assert "Traceback" not in dialogs.calls[0][1][2]
    assert window.ctx is None and "No workspace open" in window.loading_label.text()


def test_new_workspace_creates_and_opens_it(qtbot: Any, tmp_path: Path, dialogs: Any, pinned_today: Any) -> None:
    from boardapp.ui.shell.operations import new_workspace

    window = MainWindow()
    qtbot.addWidget(window)
    dialogs.answer("save_file", tmp_path / "fresh")
    wizard = new_workspace(window)
    wizard.board_page.name_edit.setText("Westshire Improvement Board")
    wizard.board_page._browse()  # Browse… → the file chosen
    for _step in range(4):  # skip members, themes and the meeting: all can be done later
        wizard.button(wizard.WizardButton.CustomButton1).click()
    assert wizard.currentPage() is wizard.summary_page
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=20_000)
    assert window.current_page_name() == "Dashboard"
    assert window.windowTitle() == "Westshire Improvement Board — fresh.db"
    assert (tmp_path / "fresh.db").is_file()
    assert "No monitoring visit planned" in window.visit_label.text()
    window.detach()


def test_open_recent_lists_remembered_workspaces(main_window: MainWindow, demo_path: Path) -> None:
    main_window._fill_recent()
    texts = [a.text() for a in main_window.recent_menu.actions()]
    assert str(demo_path.absolute()) in texts


def test_edit_menu_undo_names_what_it_will_undo(main_window: MainWindow) -> None:
    undo = main_window._undo_actions[0]
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert main_window._undo_actions[1].shortcut().toString() == "Ctrl+Shift+Z"
    assert not undo.isEnabled()


def test_find_and_new_action_go_to_the_register(main_window: MainWindow, qtbot: Any) -> None:
    main_window.show_page("Risks")
    main_window.find_action.trigger()
    assert main_window.current_page_name() == "Actions"
    table = main_window.pages["Actions"].findChild(QTableView)
    assert table is not None


def test_no_dialog_is_left_open(main_window: MainWindow) -> None:
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_links_are_shown_from_the_measure_side_too(main_window: MainWindow, qtbot: Any, demo_path: Path) -> None:
    """A measure lists the actions linked to it; "Show in the register" opens the action there."""
    with closing(sqlite3.connect(demo_path)) as con:
        kpi_id, expected = con.execute(
            "SELECT ak.kpi_id, count(*) FROM actionkpi ak JOIN action a ON a.id = ak.action_id "
            "WHERE a.deleted_at IS NULL GROUP BY ak.kpi_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    main_window.show_page("Performance")
    page = main_window.pages["Performance"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).id == kpi_id)
    page.table.selectRow(row)
    panel = page.linked_panel
    assert panel.model.rowCount() == expected
    action_id, ref, _title = panel.model.row_at(0)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert main_window.current_page_name() == "Actions"
    actions = main_window.pages["Actions"]
    qtbot.waitUntil(lambda: [r.id for r in actions.selected_rows()] == [action_id])
    assert actions.selected_rows()[0].ref == ref


def test_opening_shows_the_plan_read_alongside_the_check(qtbot: Any, demo_path: Path, pinned_today: Any) -> None:
    """File › Open reads the register and the dashboard's figures while the file is checked:
    the register shows them at once, without a second read of its own."""
    from boardapp.services.plan.register_read import list_action_rows
    from boardapp.services.plan.summary import summarise
    from boardapp.ui.shell.operations import open_path

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.workspace_attached, timeout=20_000):
        open_path(window, demo_path)
    actions, dashboard = window.pages["Actions"], window.pages["Dashboard"]
    assert not actions.is_loading() and actions.snapshot is not None  # no read of its own started
    with window.ctx.session() as session:
        live = list_action_rows(session=session, today=pinned_today)
    assert actions.counts()[1:] == (len(live), sum(r.overdue for r in live))
    shown, total, overdue = actions.counts()
    assert window.counts_label.text() == f"Actions: {shown:,} shown of {total:,} · {overdue:,} overdue"
    visit = actions.snapshot.workspace.next_visit
    assert dashboard.summary == summarise(live, today=pinned_today, next_visit_start=visit.start_date)
    assert window.summary == actions.snapshot.workspace
    window.detach()


def test_a_snapshot_read_on_another_day_is_read_again(qtbot: Any, demo_path: Path, pinned_today: Any) -> None:
    from datetime import timedelta

    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.services.plan.snapshot import read_snapshot

    engine = open_workspace(demo_path)
    with session_scope(engine) as session:
        yesterday = read_snapshot(session=session, today=pinned_today - timedelta(days=1), with_plan_summary=True)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.data_ready, timeout=20_000):
        window.attach(engine, demo_path, yesterday)
    actions = window.pages["Actions"]
    assert actions.snapshot is not yesterday and actions.snapshot.today == pinned_today
    window.detach()
