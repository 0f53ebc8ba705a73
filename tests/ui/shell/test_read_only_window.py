"""One writer: a second window is read-only with a banner; a window whose file is replaced stops writing."""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from boardapp.ui.shell.main_window import MainWindow


def open_window(qtbot: Any, path: Path) -> MainWindow:
    from boardapp.ui.shell.operations import open_path

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.data_ready, timeout=30_000):
        open_path(window, path)
    return window


def new_action(window: MainWindow) -> Any:
    from boardapp.services.plan.commands import create_action

    assert window.ctx is not None
    with window.ctx.session() as session:
        return create_action(session=session, who="T", title="Typed in the read-only window",
                             due_date=date(2025, 1, 31))


def test_a_second_window_is_read_only_with_a_banner(qtbot: Any, demo_path: Path, pinned_today: Any,
                                                    workspace_holder: Any) -> None:
    from boardapp.services.transaction import WriteRefusedError

    workspace_holder.start(demo_path)  # the first boardapp, in another process
    window = open_window(qtbot, demo_path)
    assert window.ctx is not None and window.ctx.read_only
    banner = window.read_only_banner
    assert banner.isVisible()
    assert banner.text().startswith("Open in another boardapp on this computer since ")
    assert banner.text().endswith(" — read-only")
    assert banner.accessibleName() == "Read-only workspace"
    assert not any(action.isEnabled() for action in window.edit_commands())
    assert window.export_action.isEnabled()  # reading and the pack still work
    assert window.counts is not None and window.counts[1] == 120  # the data is all there
    with pytest.raises(WriteRefusedError, match="open read-only here"):
        new_action(window)
    window.detach()


def test_the_first_window_holds_the_workspace_until_it_closes(qtbot: Any, demo_path: Path,
                                                              pinned_today: Any) -> None:
    from boardapp.db.lock import WorkspaceLock

    window = open_window(qtbot, demo_path)
    assert window.ctx is not None and not window.ctx.read_only and not window.read_only_banner.isVisible()
    assert all(action.isEnabled() for action in window.edit_commands())
    holder = WorkspaceLock(demo_path).holder_info()
    assert holder is not None and holder.pid == os.getpid() and holder.purpose == "window"
    window.detach()
    assert WorkspaceLock(demo_path).holder_info() is None


def test_a_window_whose_file_is_replaced_stops_writing_and_says_so(qtbot: Any, demo_path: Path, tmp_path: Path,
                                                                  pinned_today: Any, dialogs: Any) -> None:
    """Issue 9 item 2: after the file was replaced the window went on "saving" into the deleted file."""
    from boardapp.services.transaction import WriteRefusedError

    other = tmp_path / "other.db"
    with closing(sqlite3.connect(demo_path)) as src, closing(sqlite3.connect(other)) as dst:
        src.backup(dst)
    window = open_window(qtbot, demo_path)
    new_action(window)  # writable
    os.replace(other, demo_path)  # another program renames a file over it
    qtbot.waitUntil(lambda: window.read_only_banner.isVisible(), timeout=10_000)  # the watch notices
    assert "was replaced by another file by another program" in window.read_only_banner.text()
    assert "warning" in dialogs.names()
    assert not any(action.isEnabled() for action in window.edit_commands())
    with pytest.raises(WriteRefusedError, match="replaced by another file"):
        new_action(window)
    window.detach()


def test_a_window_checks_its_file_before_each_write_even_before_the_watch(qtbot: Any, demo_path: Path,
                                                                          pinned_today: Any) -> None:
    from boardapp.services.transaction import WriteRefusedError

    window = open_window(qtbot, demo_path)
    assert window.file_watch is not None
    window.file_watch.stop()  # no timer, no file-system event: the write's own check must catch it
    demo_path.unlink()
    with pytest.raises(WriteRefusedError, match="deleted or moved"):
        new_action(window)
    window.detach()


def test_a_folder_that_cannot_be_written_opens_read_only_saying_so(qtbot: Any, demo_path: Path, pinned_today: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from boardapp.db import access

    monkeypatch.setattr(access, "write_problem", lambda _p: f"the folder {demo_path.parent} is read-only for you")
    window = open_window(qtbot, demo_path)
    assert window.read_only_banner.text() == f"The folder {demo_path.parent} is read-only for you — read-only"
    assert "damaged" not in window.read_only_banner.text()
    window.detach()
