"""A new workspace: every page says what to add first, with the button that does it."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QTableView

from boardapp.ui.common.empty_state import EmptyState, EmptySwitch


def test_the_switch_shows_the_content_or_what_to_add(qtbot: Any) -> None:
    pressed: list[str] = []
    table = QTableView()
    table.setAccessibleName("Things")
    empty = EmptyState("No things yet", "Add the first thing.", [("Add a thing…", lambda: pressed.append("add"))])
    switch = EmptySwitch(table, empty)
    qtbot.addWidget(switch)
    switch.show()
    assert not switch.is_empty() and switch.accessibleName() == "Things"
    switch.set_empty(True)
    assert switch.is_empty() and empty.button("Add a thing").isVisible()
    empty.button("Add a thing…").click()
    assert pressed == ["add"]
    assert empty.button("Add a thing…").accessibleName() == "Add a thing"
    assert "Add the first thing." in empty.accessibleDescription()
    empty.set_text(text="Now add another.")
    assert empty.findChildren(QLabel)[1].text() == "Now add another."
    with pytest.raises(KeyError):
        empty.button("Nothing")


@pytest.fixture
def bare_window(qtbot: Any, tmp_path: Path, pinned_today: date) -> Iterator[Any]:
    from boardapp.services.people.setup import WorkspaceSetup, create_workspace
    from boardapp.ui.shell.main_window import MainWindow

    path = tmp_path / "bare.db"
    engine = create_workspace(path, WorkspaceSetup(name="Bare Board"), who="T", today=pinned_today)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.data_ready, timeout=20_000):
        window.attach(engine, path, start_page="Dashboard")
    yield window
    window.detach()


def test_every_rebuilt_page_of_a_new_workspace_says_what_to_add(bare_window: Any, qtbot: Any, dialogs: Any) -> None:
    window = bare_window
    dashboard = window.pages["Dashboard"]
    qtbot.waitUntil(lambda: dashboard.switch.is_empty(), timeout=10_000)
    window.show_page("Actions")
    actions = window.pages["Actions"]
    qtbot.waitUntil(lambda: actions.switch.is_empty(), timeout=10_000)
    for name in ("People", "Risks", "Funding", "Inspections"):
        window.show_page(name)
    assert window.pages["Inspections"].inspections_switch.is_empty()
    people = window.pages["People"]
    assert people.people.switch.is_empty() and people.themes.switch.is_empty()
    assert window.pages["Risks"].switch.is_empty()
    assert window.pages["Funding"].grants_switch.is_empty()

    window.show_page("Dashboard")
    dashboard.empty.button("People and themes").click()
    assert window.current_page_name() == "People"
    window.show_page("Actions")
    actions.empty.button("Add an action").click()
    assert actions.editor is not None and actions.editor.isVisible()
    actions.editor.reject()
    actions.empty.button("Import your tracker").click()  # File › Import: it asks for the file
    dashboard.empty.button("Import your tracker").click()
    assert dialogs.names().count("open_file") == 2
    window.show_page("Risks")
    window.pages["Risks"].empty.button("Add the first risk…").click()
    assert window.pages["Risks"].dialog is not None
    window.pages["Risks"].dialog.reject()
    window.show_page("Funding")
    window.pages["Funding"].empty.button("Add the first grant…").click()
    assert window.pages["Funding"].dialog is not None
    window.pages["Funding"].dialog.reject()
    window.show_page("Inspections")
    window.pages["Inspections"].empty.button("Add the first inspection…").click()
    assert window.pages["Inspections"].dialog is not None
    window.pages["Inspections"].dialog.reject()
