"""A read-only window disables every page's write commands, saying why, instead of failing on the click."""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QApplication

from boardapp.ui.common.write_gate import TEXT_FIELDS
from boardapp.ui.shell.main_window import MainWindow


def open_window(qtbot: Any, path: Path) -> MainWindow:
    from boardapp.ui.shell.operations import open_path

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    with qtbot.waitSignal(window.data_ready, timeout=30_000):
        open_path(window, path)
    return window


def visit_every_page(qtbot: Any, window: MainWindow) -> None:
    """Show each page (they load when first shown and then set their buttons from the selection)."""
    for name in window.page_names():
        window.show_page(name)
        qtbot.wait_until(lambda: window.current_page_name() == name)
        QApplication.processEvents()


def every_write_control(window: MainWindow) -> dict[str, list[Any]]:
    """Each page's write commands, asked of the page itself: a page without ``write_controls`` fails here."""
    from boardapp.ui.common.write_gate import discover_write_controls, empty_state_write_buttons

    found = {}
    for name, page in window.pages.items():
        assert callable(getattr(page, "write_controls", None)), f"the {name} page does not list its write commands"
        found[name] = list(page.write_controls()) + empty_state_write_buttons(page)
        for container, reads in getattr(page, "write_containers", list)():
            found[name] += discover_write_controls(container, reads)
    return found


def assert_gated(window: MainWindow, words: str) -> None:
    controls = every_write_control(window)
    assert sum(len(c) for c in controls.values()) > 40  # the pages really list their commands
    for name, page_controls in controls.items():
        for control in page_controls:
            if isinstance(control, QAbstractItemView):
                assert control.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers, name
                assert control.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop, name
                continue
            if isinstance(control, TEXT_FIELDS):
                assert control.isReadOnly(), f"{name}: a text field can still be typed into"
                continue
            label = getattr(control, "text", lambda: "")() or control.accessibleName()
            assert not control.isEnabled(), f"{name}: “{label}” can still be clicked in a read-only window"
            assert control.toolTip().startswith("Read-only: ") and words in control.toolTip(), (name, label)
    for action in [*window.edit_commands(), *window._undo_actions]:
        assert not action.isEnabled(), action.text()
    assert window.export_action.isEnabled()  # reading and the pack still work


def test_a_second_window_disables_every_write_command_with_the_reason(
        qtbot: Any, demo_path: Path, pinned_today: Any, workspace_holder: Any) -> None:
    workspace_holder.start(demo_path)
    window = open_window(qtbot, demo_path)
    visit_every_page(qtbot, window)
    assert_gated(window, "open in another boardapp on this computer since ")
    assert window.restore_action.toolTip().startswith("Read-only: ")  # restoring writes: it needs the lock
    window.show_page("Inspections")
    inspections: Any = window.pages["Inspections"]
    inspections.inspections.setFocus()
    inspections.inspections.selectRow(0)
    before = inspections.inspection_model.rowCount() if hasattr(inspections, "inspection_model") else None
    qtbot.keyClick(inspections.inspections, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage().startswith("Read-only: open in another boardapp")
    assert "nothing was changed" in window.statusBar().currentMessage()
    if before is not None:
        assert inspections.inspection_model.rowCount() == before
    window.statusBar().clearMessage()
    qtbot.keyClick(inspections.findings, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage().startswith("Read-only: ")
    window.detach()


def test_a_writable_window_has_its_write_commands(qtbot: Any, demo_path: Path, pinned_today: Any) -> None:
    window = open_window(qtbot, demo_path)
    visit_every_page(qtbot, window)
    controls = every_write_control(window)
    assert window.pages["Actions"].new_button.isEnabled()  # type: ignore[attr-defined]
    assert window.pages["Risks"].new_button.isEnabled()  # type: ignore[attr-defined]
    for page_controls in controls.values():
        for control in page_controls:
            if not isinstance(control, QAbstractItemView):
                assert not control.toolTip().startswith("Read-only")
    assert window.pages["Performance"].figures.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers  # type: ignore[attr-defined]
    window.detach()


def test_a_window_whose_file_is_replaced_disables_every_write_command(
        qtbot: Any, demo_path: Path, tmp_path: Path, pinned_today: Any, dialogs: Any) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(demo_path)) as src, closing(sqlite3.connect(other)) as dst:
        src.backup(dst)
    window = open_window(qtbot, demo_path)
    visit_every_page(qtbot, window)
    os.replace(other, demo_path)
    assert window.ctx is not None
    window.ctx.check_file()  # what the watch does on its timer
    assert window.read_only_banner.isVisible()
    visit_every_page(qtbot, window)  # pages re-enabling buttons on selection are held down
    assert_gated(window, "replaced by another file")
    window.detach()


def test_the_meeting_tabs_choosers_are_disabled_in_a_read_only_window(
        qtbot: Any, demo_path: Path, pinned_today: Any, workspace_holder: Any) -> None:
    """The agenda's presenter, purpose, minutes and section, and every tab's combos, were still enabled."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    workspace_holder.start(demo_path)
    window = open_window(qtbot, demo_path)
    window.show_page("Meetings")
    meetings: Any = window.pages["Meetings"]
    qtbot.wait_until(lambda: meetings.meeting_model.rowCount() > 0)
    choosers = []
    for _name, tab in meetings.tabs_list:
        meetings.tabs.setCurrentWidget(tab)
        QApplication.processEvents()
        choosers += [w for kind in (QComboBox, QAbstractSpinBox) for w in tab.findChildren(kind)]
    agenda = next(tab for name, tab in meetings.tabs_list if "Agenda" in name)
    assert {agenda.presenter_combo, agenda.purpose_combo, agenda.minutes_spin} <= set(choosers)
    assert len(choosers) >= 10
    for chooser in choosers:
        assert not chooser.isEnabled(), f"“{chooser.accessibleName()}” can still be changed in a read-only window"
        assert chooser.toolTip().startswith("Read-only: open in another boardapp"), chooser.accessibleName()
    assert agenda.presenter_combo.lineEdit().isReadOnly()  # its typed-in name too
    window.detach()


def test_the_empty_dashboards_add_and_import_are_disabled_in_a_read_only_window(
        qtbot: Any, tmp_path: Path, pinned_today: Any, workspace_holder: Any) -> None:
    from boardapp.cli import main as cli_main

    own = tmp_path / "own.db"
    assert cli_main(["new", "--db", str(own), "--board", "Our Board", "--as", "Tester"]) == 0
    workspace_holder.start(own)
    window = open_window(qtbot, own)
    window.show_page("Dashboard")
    dashboard: Any = window.pages["Dashboard"]
    qtbot.wait_until(lambda: dashboard.empty.isVisible())
    add, import_, people = dashboard.empty.buttons
    for button in (add, import_):
        assert not button.isEnabled(), button.text()
        assert button.toolTip().startswith("Read-only: open in another boardapp")
    assert people.isEnabled()  # it only goes to the People page
    window.detach()


def test_the_bulk_change_dialog_cannot_apply_in_a_read_only_window(
        qtbot: Any, demo_path: Path, pinned_today: Any, workspace_holder: Any) -> None:
    """Enter on a multiple selection opened the bulk change with Apply enabled."""
    workspace_holder.start(demo_path)
    window = open_window(qtbot, demo_path)
    window.show_page("Actions")
    actions: Any = window.pages["Actions"]
    actions.table.selectRow(0)
    actions.table.selectionModel().select(
        actions.table.model().index(1, 0),
        actions.table.selectionModel().SelectionFlag.Select | actions.table.selectionModel().SelectionFlag.Rows)
    assert len(actions.selected_rows()) == 2
    actions.edit_selected()  # what Enter does on two rows
    dialog = actions.bulk_dialog
    assert dialog is not None and dialog.windowTitle().endswith("(read-only)")
    dialog.brag_combo.setCurrentIndex(2)  # a change chosen: Apply would be enabled in a writable window
    assert dialog.changes()
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.toolTip().startswith("Read-only: open in another boardapp")
    dialog.accept()
    assert dialog.isVisible() and window.ctx is not None and window.ctx.undo_stack.count() == 0
    dialog.reject()
    window.detach()


def test_try_again_takes_the_workspace_once_the_other_boardapp_lets_go(
        qtbot: Any, demo_path: Path, pinned_today: Any, workspace_holder: Any) -> None:
    from boardapp.db.lock import WorkspaceLock

    workspace_holder.start(demo_path)
    window = open_window(qtbot, demo_path)
    banner = window.read_only_banner
    assert banner.isVisible() and banner.retry_button.isVisible()
    assert banner.retry_button.accessibleName()
    qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)  # still held: it says so
    assert window.ctx is not None and window.ctx.read_only and banner.isVisible()
    assert window.statusBar().currentMessage().startswith("Open in another boardapp on this computer since ")
    assert window.statusBar().currentMessage().endswith("still read-only.")
    assert not window.pages["Actions"].new_button.isEnabled()  # type: ignore[attr-defined]

    workspace_holder.stop()  # the other boardapp closes
    with qtbot.waitSignal(window.data_ready, timeout=30_000):
        qtbot.mouseClick(banner.retry_button, Qt.MouseButton.LeftButton)
    assert window.ctx is not None and not window.ctx.read_only
    assert not banner.isVisible()
    assert window.statusBar().currentMessage() == f"{demo_path.name} can be changed in this window now."
    visit_every_page(qtbot, window)
    assert window.pages["Actions"].new_button.isEnabled()  # type: ignore[attr-defined]
    assert all(action.isEnabled() for action in window.edit_commands())
    for page_controls in every_write_control(window).values():
        for control in page_controls:
            if not isinstance(control, QAbstractItemView):
                assert not control.toolTip().startswith("Read-only"), control
    holder = WorkspaceLock(demo_path).holder_info()
    assert holder is not None and holder.pid == os.getpid()
    from boardapp.services.plan.commands import create_action
    from datetime import date

    with window.ctx.session() as session:  # it really writes now
        create_action(session=session, who="T", title="After trying again", due_date=date(2025, 1, 31))
    with closing(sqlite3.connect(demo_path)) as conn:
        assert conn.execute("SELECT count(*) FROM action WHERE title = 'After trying again'").fetchone() == (1,)
    window.detach()
    assert WorkspaceLock(demo_path).holder_info() is None
