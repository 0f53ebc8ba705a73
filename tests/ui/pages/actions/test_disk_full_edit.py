"""A write the disk refuses while a window is open: a clear message, the edit kept, nothing half-written."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt


def fill_the_disk(ctx: Any) -> None:
    """Every connection of the window's engine may not grow the file: SQLite then answers SQLITE_FULL,
    as on a full disk (``max_page_count`` is per connection, so new connections get it as they open)."""
    from sqlalchemy import event

    engine = ctx.engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def no_room(dbapi_connection: Any, _record: Any) -> None:
        (pages,) = dbapi_connection.execute("PRAGMA page_count").fetchone()
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_keeps_the_edit_in_the_form_and_writes_nothing(actions_host: Any, actions_ctx: Any,
                                                                    qtbot: Any, demo_path: Path) -> None:
    fill_the_disk(actions_ctx)
    actions_host.page.new_action()
    editor = actions_host.page.editor
    qtbot.keyClicks(editor.title_edit, "Typed when the disk was full")
    editor.due_edit.set_value(date(2027, 3, 1))
    editor.description_edit.setPlainText("A long account of the work. " * 20_000)  # needs new pages
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()  # not closed: the edit is still there to save later
    assert editor.error_text().startswith(
        f"Not saved: there is not enough disk space to save to {demo_path}; nothing was saved.")
    assert editor.title_edit.text() == "Typed when the disk was full"
    assert actions_ctx.undo_stack.count() == 0
    with closing(sqlite3.connect(demo_path)) as connection:
        assert connection.execute("SELECT count(*) FROM action WHERE title LIKE 'Typed when%'").fetchone() == (0,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    editor.discard()
