"""Edit › Board settings (the pack follows) and who is editing (asked once, kept, recorded in the audit)."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from boardapp import config
from boardapp.services.people.setup import WorkspaceSetup, create_workspace
from boardapp.ui.shell.main_window import MainWindow


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("settings") / "own.db"
    create_workspace(path, WorkspaceSetup(name="Riverside Improvement Board", chair_name="Dr Ada Fairweather",
                                          next_meeting=date(2031, 10, 14)), who="Setup", today=date(2026, 11, 23)).dispose()
    return path


@pytest.fixture
def own_path(template: Path, tmp_path: Path) -> Path:
    import sqlite3
    from contextlib import closing

    target = tmp_path / "own.db"
    with closing(sqlite3.connect(template)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


def open_window(qtbot: Any, path: Path | None = None, *, interactive: bool = True) -> MainWindow:
    from boardapp.db.workspace import open_workspace

    window = MainWindow(interactive=interactive)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    if path is not None:
        with qtbot.waitSignal(window.data_ready, timeout=20_000):
            window.attach(open_workspace(path), path)
    return window


@pytest.fixture
def window(qtbot: Any, own_path: Path, pinned_today: date) -> Iterator[MainWindow]:
    config.set_user_name("Lucy Abernethy")
    window = open_window(qtbot, own_path)
    yield window
    window.detach()


def test_first_start_asks_for_a_name_without_blocking(qtbot: Any, own_path: Path, pinned_today: date,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlmodel import select

    from boardapp.db.models import AuditEntry
    from boardapp.services.people.people import create_person

    monkeypatch.setattr(config, "os_full_name", lambda: "Lucy Abernethy")
    window = open_window(qtbot, own_path)
    prompt = window.who_prompt
    assert prompt is not None and prompt.isVisible() and prompt.name_edit.text() == "Lucy Abernethy"
    assert window.pages and window.stack.currentWidget().isVisible()  # the window works meanwhile
    prompt.name_edit.setText("  ")
    prompt.save_button.click()
    assert prompt.isVisible() and "cannot be empty" in prompt.error_label.text()
    prompt.name_edit.setText("Lucy  Abernethy (secretariat)")
    qtbot.keyClick(prompt.name_edit, Qt.Key.Key_Return)  # Enter saves
    assert not prompt.isVisible()
    assert config.configured_user() == "Lucy Abernethy (secretariat)" == window.ctx.who
    assert window.who_label.text() == "Editing as Lucy Abernethy (secretariat)"
    with window.ctx.session() as session:
        create_person(session=session, who=window.ctx.who, name="Noor Haddad")
        assert session.exec(select(AuditEntry.who).order_by(AuditEntry.id.desc())).first() == (  # type: ignore[union-attr]
            "Lucy Abernethy (secretariat)")
    window.detach()
    again = open_window(qtbot)
    assert again.who_prompt is None  # asked once


def test_smoke_runs_never_ask(qtbot: Any, pinned_today: date) -> None:
    window = open_window(qtbot, interactive=False)
    assert config.configured_user() is None and window.who_prompt is None


def test_preferences_change_the_name_recorded(window: MainWindow) -> None:
    dialog = window.preferences_action.trigger() or window.dialog
    assert dialog is not None and dialog.name_edit.text() == "Lucy Abernethy"
    dialog.name_edit.setText("")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Your name: cannot be empty")
    dialog.name_edit.setText("Sam Okafor")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert window.ctx.who == "Sam Okafor" == config.configured_user()
    assert "Sam Okafor" in window.who_label.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard",
                           r"This plugin does not support propagateSizeHints")
def test_board_settings_change_the_title_and_the_pack_then_undo(window: MainWindow, tmp_path: Path, qtbot: Any) -> None:
    from boardapp.pack.build import export_pack

    pypdf = pytest.importorskip("pypdf")
    window.board_settings_action.trigger()
    dialog = window.dialog
    assert dialog.name_edit.text() == "Riverside Improvement Board"
    assert dialog.chair_combo.currentText() == "Dr Ada Fairweather"
    assert dialog.meeting_edit.text() == "14/10/2031"
    dialog.la_edit.setText("12")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.error_label.text().startswith("DfE LA code: ")
    dialog.la_edit.setText("892")
    dialog.name_edit.setText("Riverside Children's Improvement Board")
    dialog.marking_combo.lineEdit().clear()
    qtbot.keyClicks(dialog.marking_combo.lineEdit(), "OFFICIAL")  # typed: not completed to OFFICIAL-SENSITIVE
    dialog.chair_combo.setCurrentText("Prof Neil Bright")  # not in the directory: added as the chair
    dialog.meeting_edit.set_value(date(2031, 10, 21))
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert window.windowTitle().startswith("Riverside Children's Improvement Board — ")
    pdf = tmp_path / "pack.pdf"
    export_pack(window.ctx.engine, pdf, sections=["cover"])
    cover = pypdf.PdfReader(pdf).pages[0].extract_text()
    assert "Riverside Children's Improvement Board" in cover and "Prof Neil Bright" in cover
    assert "OFFICIAL" in cover and "OFFICIAL-SENSITIVE" not in cover and "21 October 2031" in cover
    assert window.ctx.undo_stack.undoText() == "Change the board's settings"
    window.ctx.undo_stack.undo()
    assert window.windowTitle().startswith("Riverside Improvement Board — ")
    export_pack(window.ctx.engine, pdf, sections=["cover"])
    cover = pypdf.PdfReader(pdf).pages[0].extract_text()
    assert "OFFICIAL-SENSITIVE" in cover and "Dr Ada Fairweather" in cover and "14 October 2031" in cover
