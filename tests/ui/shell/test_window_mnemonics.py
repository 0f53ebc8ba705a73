"""Alt+letter keys of the main window: on every page (the Meetings page's tabs: tests/ui/pages/meetings),
with the first-run "Who is editing?" panel shown, each key reaches one control at the first press;
and in each menu of the menu bar, each entry's key is its own."""
from __future__ import annotations

from typing import Any

import pytest
from mnemonics import menu_clashes, mnemonic_clashes
from PySide6.QtWidgets import QApplication, QTabWidget

from boardapp.ui.shell.window_menus import PAGE_NAMES

OTHER_PAGES = [name for name in PAGE_NAMES if name != "Meetings"]


@pytest.mark.parametrize("page", OTHER_PAGES)
def test_every_alt_key_on_the_page_reaches_one_control(main_window: Any, page: str) -> None:
    assert main_window.who_prompt is not None and main_window.who_prompt.isVisible()  # a first run shows it
    main_window.show_page(page)
    QApplication.processEvents()
    assert mnemonic_clashes(main_window) == {}
    for tabs in main_window.pages[page].findChildren(QTabWidget):  # each tab of the page shown in turn
        for index in range(tabs.count() if tabs.isVisible() else 0):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            assert (tabs.tabText(index), mnemonic_clashes(main_window)) == (tabs.tabText(index), {})


def test_each_menu_gives_each_entry_a_key_of_its_own(main_window: Any) -> None:
    main_window.show_page("Meetings")  # every menu shown, the Meeting menu too
    for title in main_window.menuBar().actions():
        if title.isVisible() and title.menu() is not None:
            title.menu().aboutToShow.emit()  # menus filled or enabled as they open (Open recent, Meeting)
            assert (title.text(), menu_clashes(title.menu())) == (title.text(), {})
