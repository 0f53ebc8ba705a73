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
    from boardapp.ui.common.write_gate import discover_write_controls

    found = {}
    for name, page in window.pages.items():
        assert callable(getattr(page, "write_controls", None)), f"the {name} page does not list its write commands"
        found[name] = list(page.write_controls())
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
            label = control.text() if isinstance(control, QAction) else control.text() or control.accessibleName()
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
