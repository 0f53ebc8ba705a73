"""From the search box to the results by keyboard; matches marked and explained (issue 9, items 14 and 15)."""
from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from boardapp.ui.common.search_highlight import MATCH_BACKGROUND
from boardapp.ui.common.status_notice import current_notice
from boardapp.ui.pages.actions.table_model import COLUMN_KEYS, MATCH_HINT_ROLE

TITLE = COLUMN_KEYS.index("title")


def search(qtbot: Any, page: Any, text: str) -> None:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.bar.search.hasFocus()
    qtbot.keyClicks(page.bar.search, text)


def selected_positions(page: Any) -> list[int]:
    return sorted(i.row() for i in page.table.selectionModel().selectedRows())


def marked_pixels(page: Any) -> int:
    """Pixels of the match colour on screen in the register."""
    image = page.table.viewport().grab().toImage()
    colour = QColor(MATCH_BACKGROUND).rgb()
    return sum(image.pixel(x, y) == colour for y in range(0, image.height(), 2) for x in range(0, image.width(), 2))


def test_down_from_the_search_box_selects_the_first_result(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    search(qtbot, page, "threshold")
    qtbot.keyClick(page.bar.search, Qt.Key.Key_Down)  # at once: the debounce has not run yet
    assert page.table.hasFocus() and selected_positions(page) == [0] and page.table.currentIndex().row() == 0
    assert all("threshold" in (r.ref + r.title + r.description + r.owner_name + r.latest_update).lower()
               for r in page.model.rows())
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert selected_positions(page) == [1]


def test_enter_from_the_search_box_too_and_nothing_found_keeps_the_focus(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    search(qtbot, page, "quality")
    qtbot.keyClick(page.bar.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table and selected_positions(page) == [0]
    assert page.editor is None  # Enter in the search box goes to the results; it opens nothing
    search(qtbot, page, "zzzqqq-nothing")
    qtbot.keyClick(page.bar.search, Qt.Key.Key_Down)
    assert page.model.rowCount() == 0 and page.bar.search.hasFocus()


def test_matches_are_marked_in_the_cells_shown(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    assert marked_pixels(page) == 0
    search(qtbot, page, "threshold")
    qtbot.waitUntil(lambda: page.model.rowCount() < 120, timeout=2000)
    qtbot.waitUntil(lambda: marked_pixels(page) > 50, timeout=2000)


def _a_word_only_in_a_description(page: Any) -> tuple[Any, str]:
    for row in page.model.rows():
        shown = f"{row.ref} {row.title} {row.owner_name} {row.latest_update}".casefold()
        for word in re.findall(r"[a-z]{7,}", row.description.casefold()):
            if word not in shown:
                return row, word
    raise AssertionError("no description word absent from the columns")


def test_a_row_found_by_its_description_says_so(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    row, word = _a_word_only_in_a_description(page)
    search(qtbot, page, word)
    qtbot.waitUntil(lambda: page.model.position_of(row.id) is not None and page.model.rowCount() < 120, timeout=2000)
    cell = page.model.index(page.model.position_of(row.id), TITLE)
    assert page.model.data(cell, MATCH_HINT_ROLE) == "description"
    assert page.model.data(cell, Qt.ItemDataRole.ToolTipRole).startswith("Matched in: description")


def test_a_row_found_by_a_hidden_column_says_which(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    row = next(r for r in page.model.rows() if r.owner_name and r.owner_name.split()[-1].casefold() not in
               f"{r.ref} {r.title} {r.description} {r.latest_update}".casefold())
    surname = row.owner_name.split()[-1]
    search(qtbot, page, surname)
    qtbot.waitUntil(lambda: page.model.rowCount() < 120, timeout=2000)
    cell = lambda: page.model.index(page.model.position_of(row.id), TITLE)  # noqa: E731
    assert page.model.data(cell(), MATCH_HINT_ROLE) == ""  # the owner column is on screen
    page.set_column_visible(COLUMN_KEYS.index("owner"), False)
    assert page.model.data(cell(), MATCH_HINT_ROLE) == "owner"


def test_a_new_action_the_filter_hides_is_announced_with_show_it(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = actions_host.page
    page.bar.brag_buttons["RED"].click()
    assert page.model.rowCount() and {r.brag for r in page.model.rows()} == {"RED"}
    page.new_action()
    editor = page.editor
    qtbot.keyClicks(editor.title_edit, "A green action under a red filter")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    notice = current_notice(page)
    assert notice is not None and notice.isVisible()
    created = max(page.all_rows(), key=lambda r: r.id)
    assert created.title == "A green action under a red filter"
    assert notice.text().startswith(f"{created.ref} was saved, but") and "BRAG Red" in notice.text()
    assert notice.button.text() == "&Show it"
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert page.current_view() == "All live actions" and not page.bar.brag_buttons["RED"].isChecked()
    assert [r.id for r in page.selected_rows()] == [created.id] and page.table.hasFocus()
    assert current_notice(page) is None
