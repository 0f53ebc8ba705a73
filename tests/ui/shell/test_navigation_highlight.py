"""The navigation highlights the page shown, also after another workspace opens (issue 9, item 20)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from boardapp.ui.shell.main_window import MainWindow


def highlighted(window: MainWindow) -> str:
    item = window.navigation.currentItem()
    return item.text() if item is not None else ""


def shown(window: MainWindow) -> str:
    return next(name for name, page in window.pages.items() if page is window.stack.currentWidget())


def test_after_file_new_workspace_the_dashboard_is_shown_and_highlighted(
    main_window: MainWindow, qtbot: Any, tmp_path: Path, dialogs: Any,
) -> None:
    from boardapp.ui.shell.operations import new_workspace

    main_window.show_page("Actions")
    assert highlighted(main_window) == shown(main_window) == "Actions"
    dialogs.answer("save_file", tmp_path / "fresh")
    old_ctx = main_window.ctx
    wizard = new_workspace(main_window)  # the New workspace wizard (issue 10): name, file, then skip to Finish
    wizard.board_page.name_edit.setText("Westshire Improvement Board")
    wizard.board_page._browse()
    while wizard.currentPage() is not wizard.summary_page:
        wizard.button(wizard.WizardButton.CustomButton1).click()
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: main_window.ctx is not None and main_window.ctx is not old_ctx, timeout=20_000)
    assert shown(main_window) == "Dashboard"
    assert highlighted(main_window) == "Dashboard"


def test_reopening_shows_the_page_it_highlights(main_window: MainWindow, qtbot: Any, demo_path: Path) -> None:
    from boardapp.db.workspace import open_workspace

    main_window.show_page("Inspections")
    main_window.attach(open_workspace(demo_path), demo_path)  # the last page is remembered
    assert highlighted(main_window) == shown(main_window) == "Inspections"
