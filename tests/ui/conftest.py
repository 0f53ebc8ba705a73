"""Fixtures for the window tests: isolated settings, no real dialogs, a pinned 'today'.

Every test gets its own QSettings folder and BOARDAPP_HOME (recent workspaces), so
nothing a test does reaches the developer's own settings; every dialog goes
through ``boardapp.ui.common.msgbox``, which is replaced here by recorders so a forgotten
modal box fails the test instead of hanging it.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

#: Same day as tests/conftest.py's DEMO_TODAY (the demo workspace is built for it).
DEMO_TODAY = date(2024, 9, 11)

QCoreApplication.setOrganizationName("boardapp")
QCoreApplication.setApplicationName("boardapp-tests")
QStandardPaths.setTestModeEnabled(True)


#: Qt messages that are limitations of the headless ("offscreen") platform plugin, not of the app.
OFFSCREEN_NOISE = (r"This plugin does not support propagateSizeHints\(\)",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid.replace("\\", "/") or item.nodeid.startswith("ui/"):
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """QSettings and the recent-workspaces list live in this test's temporary folder."""
    folder = tmp_path / "settings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    monkeypatch.setenv("BOARDAPP_HOME", str(tmp_path / "home"))
    return folder


class DialogRecorder:
    """Stands in for ``boardapp.ui.common.msgbox``: records every call; answers can be queued."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.answers: dict[str, list[Any]] = {}

    def answer(self, name: str, *values: Any) -> None:
        self.answers.setdefault(name, []).extend(values)

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def recorder(self, name: str, default: Any) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args))
            queued = self.answers.get(name)
            return queued.pop(0) if queued else default

        return record


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    from boardapp.ui.common import msgbox

    recorder = DialogRecorder()
    defaults = {
        "information": None, "warning": None, "error": None, "about": None, "question": False,
        "choice": None, "open_file": None, "save_file": None, "get_text": None,
    }
    for name, default in defaults.items():
        monkeypatch.setattr(msgbox, name, recorder.recorder(name, default))
    return recorder


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """AppContext.today() (and the open's first read) see the demo's day."""
    from boardapp.ui.common import context

    monkeypatch.setattr(context, "current_day", lambda: DEMO_TODAY)
    return DEMO_TODAY


@pytest.fixture
def main_window(qtbot: Any, demo_path: Path, pinned_today: date) -> Iterator[Any]:
    """The main window showing a private copy of the demo workspace, register loaded."""
    from boardapp.db.workspace import open_workspace
    from boardapp.ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.data_ready, timeout=20_000):
        window.attach(open_workspace(demo_path), demo_path)
    yield window
    window.detach()


# --- the Actions page (register, editor, undo) ------------------------------------------------

@pytest.fixture
def actions_ctx(demo_path: Path, pinned_today: date) -> Iterator[Any]:
    """An AppContext over a private copy of the demo workspace, 'today' pinned."""
    from boardapp.db.workspace import open_workspace
    from boardapp.ui.common.context import AppContext

    engine = open_workspace(demo_path)
    ctx = AppContext(engine, demo_path, "Test Secretary")
    yield ctx
    ctx.undo_stack.clear()
    engine.dispose()


@pytest.fixture
def actions_settings(isolated_settings: Path) -> QSettings:
    """A file-backed QSettings for the Actions page; a new page on the same file is a 'restart'."""
    return QSettings(str(isolated_settings / "actions.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def actions_host(qtbot: Any, actions_ctx: Any, actions_settings: QSettings) -> Any:
    """A window hosting a loaded ActionsPage with Edit › Undo/Redo (Ctrl+Z / Ctrl+Shift+Z) as the shell has."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMainWindow

    from boardapp.ui.pages.actions.page import ActionsPage

    window = QMainWindow()
    window.setAccessibleName("Actions test window")
    qtbot.addWidget(window)
    undo = actions_ctx.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = actions_ctx.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.addActions([undo, redo])
    page = ActionsPage(actions_ctx, settings=actions_settings)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        window.setCentralWidget(page)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.page = page  # type: ignore[attr-defined]
    window.undo_action, window.redo_action = undo, redo  # type: ignore[attr-defined]
    return window
