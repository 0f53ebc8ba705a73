"""Automatic backups while the window is open, and File › Restore from backup…."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from boardapp.db.backup_store import list_backups, make_backup
from boardapp.ui.shell.main_window import MainWindow


def _reasons(path: Path) -> list[str]:
    return [r.reason for r in list_backups(path)]


def test_a_change_is_backed_up_on_the_timer_and_nothing_unchanged_is(
    main_window: MainWindow, qtbot: Any, demo_path: Path
) -> None:
    auto = main_window.auto_backup
    auto.timer.setInterval(30)
    auto.timer.start()
    qtbot.wait(100)
    assert list_backups(demo_path) == []  # nothing changed yet
    assert main_window.ctx is not None
    main_window.ctx.changed.emit("people")
    with qtbot.waitSignal(auto.made, timeout=20_000):
        pass
    assert _reasons(demo_path) == ["automatic"]
    main_window.ctx.changed.emit("people")  # a signal, but the content is the same
    qtbot.waitUntil(lambda: auto.task is not None and not auto.task.is_running() and not auto.dirty, timeout=20_000)
    qtbot.wait(100)
    assert _reasons(demo_path) == ["automatic"]


def test_closing_a_changed_workspace_backs_it_up(main_window: MainWindow, qtbot: Any, demo_path: Path) -> None:
    with closing(sqlite3.connect(demo_path)) as connection:  # a change the fingerprint sees
        connection.execute("INSERT INTO auditentry (at, who, entity, entity_id, entity_ref, field) "
                           "VALUES ('2024-09-11 10:00:00', 'Test', 'action', 1, 'A1', 'title')")
        connection.commit()
    assert main_window.ctx is not None
    main_window.ctx.actions_changed.emit([1])
    auto = main_window.auto_backup
    main_window.detach()
    assert auto.task is not None
    qtbot.waitUntil(lambda: not auto.task.is_running(), timeout=20_000)
    assert _reasons(demo_path) == ["on-close"]


def test_restore_from_backup_lists_previews_and_restores(
    main_window: MainWindow, qtbot: Any, demo_path: Path
) -> None:
    older = make_backup(demo_path, "manual")
    assert older is not None
    with closing(sqlite3.connect(demo_path)) as connection:
        connection.execute("UPDATE action SET title = 'Changed after the backup' WHERE id = 1")
        connection.commit()
    main_window.restore_action.trigger()
    dialog: Any = main_window.restore_dialog  # type: ignore[attr-defined]
    assert dialog.model.rowCount() == 1
    assert dialog.chosen() == older.path
    qtbot.waitUntil(lambda: "Latest changes" in dialog.preview.toPlainText()
                    or "No changes" in dialog.preview.toPlainText(), timeout=20_000)
    text = dialog.preview.toPlainText()
    assert f"{older.actions:,} actions" in text
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(main_window.data_ready, timeout=30_000):
        dialog.restore_button.click()
    with closing(sqlite3.connect(demo_path)) as connection:
        title = connection.execute("SELECT title FROM action WHERE id = 1").fetchone()[0]
    assert title != "Changed after the backup"
    assert _reasons(demo_path)[0] == "before-restore"
    assert main_window.ctx is not None and main_window.ctx.db_path == demo_path


def test_restore_dialog_without_backups_says_when_they_are_made(main_window: MainWindow) -> None:
    main_window.restore_action.trigger()
    dialog: Any = main_window.restore_dialog  # type: ignore[attr-defined]
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.reject()


def test_the_backup_list_model_passes_qtmodeltester(main_window: MainWindow, qtmodeltester: Any,
                                                     demo_path: Path) -> None:
    make_backup(demo_path, "manual")
    main_window.restore_action.trigger()
    dialog: Any = main_window.restore_dialog  # type: ignore[attr-defined]
    qtmodeltester.check(dialog.model)
    dialog.reject()
