"""The register at 1366×768 and 1280: headers whole, compact days, Ref and Title always in view (item 18)."""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from boardapp.ui.pages.actions.table_model import COLUMN_KEYS, COLUMNS, days_text, days_tooltip


@pytest.fixture
def register(styled: None, actions_ctx: Any, actions_settings: Any, qtbot: Any) -> Any:
    from PySide6.QtWidgets import QMainWindow

    from boardapp.ui.pages.actions.page import ActionsPage

    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1366 - 170, 768)  # the window less the navigation list
    page = ActionsPage(actions_ctx, settings=actions_settings)
    page.setMinimumSize(480, 360)  # as the main window's page stack has it
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        window.setCentralWidget(page)
    window.show()
    qtbot.waitExposed(window)
    page.fit_columns()  # as on the first run, now that the window has its size
    page.host = window  # type: ignore[attr-defined]  # keep the window alive with the page
    return page


def shown_columns(page: Any) -> list[int]:
    return [c for c in range(len(COLUMNS)) if not page.table.isColumnHidden(c)]


def test_no_header_is_clipped_and_all_fits_at_1366(register: Any) -> None:
    table, header = register.table, register.table.horizontalHeader()
    for column in shown_columns(register):
        assert table.columnWidth(column) >= header.sectionSizeHint(column), COLUMNS[column].title
    assert table.horizontalScrollBar().maximum() == 0  # nothing off to the right
    assert table.columnWidth(COLUMN_KEYS.index("title")) >= 180


def test_long_overdue_spans_are_compact_with_the_days_in_the_tooltip(register: Any) -> None:
    row = register.model.row_at(0)._replace(status="IN_PROGRESS", days_left=-894)
    assert days_text(row) == "2 y 5 m overdue"
    assert days_tooltip(row).startswith("894 days overdue (due ")
    assert days_text(row._replace(days_left=-45)) == "45 days overdue"
    days = COLUMN_KEYS.index("days")
    widest = register.table.fontMetrics().horizontalAdvance("99 days overdue")
    assert register.table.columnWidth(days) > widest  # never "894 days o…"


def test_ref_and_title_stay_in_view_when_the_register_scrolls_sideways(register: Any, qtbot: Any) -> None:
    register.host.resize(1280 - 170, 768)  # a 1280-pixel screen: the register scrolls sideways
    qtbot.waitUntil(lambda: register.table.horizontalScrollBar().maximum() > 0, timeout=2000)
    register.table.horizontalScrollBar().setValue(register.table.horizontalScrollBar().maximum())
    frozen = register.frozen.view
    assert frozen.isVisible() and frozen.geometry().left() <= register.table.frameWidth()
    ref, title = COLUMN_KEYS.index("ref"), COLUMN_KEYS.index("title")
    first = register.model.row_at(0)
    y = frozen.rowViewportPosition(0) + 2
    assert frozen.indexAt(QPoint(2, y)).column() == ref
    assert frozen.indexAt(QPoint(frozen.columnWidth(ref) + 2, y)).column() == title
    assert frozen.model().data(frozen.indexAt(QPoint(2, y))) == first.ref
    assert register.table.columnViewportPosition(ref) < 0  # the table itself scrolled them away
    # keyboard: a cell moved to is never hidden under the frozen columns
    register.table.setFocus()
    register.select_action(first.id)
    register.table.setCurrentIndex(register.model.index(0, COLUMN_KEYS.index("owner")))
    assert register.table.visualRect(register.table.currentIndex()).left() >= register.frozen.width()


def test_the_title_cannot_be_dragged_from_its_place(register: Any) -> None:
    header = register.table.horizontalHeader()
    header.moveSection(header.visualIndex(COLUMN_KEYS.index("owner")), 0)
    assert header.visualIndex(COLUMN_KEYS.index("ref")) == 0 and header.visualIndex(COLUMN_KEYS.index("title")) == 1


def test_sorting_from_the_frozen_header(register: Any, qtbot: Any) -> None:
    frozen_header = register.frozen.view.horizontalHeader()
    title = COLUMN_KEYS.index("title")
    x = frozen_header.sectionViewportPosition(title) + 5
    qtbot.mouseClick(frozen_header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    titles = [r.title.casefold() for r in register.model.rows()]
    assert titles == sorted(titles)
    assert register.table.horizontalHeader().sortIndicatorSection() == title
    assert QApplication.focusWidget() is not register.frozen.view


def section_in_viewport(page: Any, column: int) -> bool:
    """True when the whole of ``column``'s header section is on screen, clear of the frozen Ref and Title."""
    header = page.table.horizontalHeader()
    left = header.sectionViewportPosition(column)
    right = left + header.sectionSize(column)
    return left >= page.frozen.width() and right <= page.table.viewport().width()


def test_a_column_switched_on_from_the_header_menu_is_scrolled_into_view(register: Any, qtbot: Any) -> None:
    """In a narrow window the register scrolls sideways; a column switched on is shown, not left off to the right."""
    register.host.resize(900, 768)
    qtbot.waitUntil(lambda: register.table.horizontalScrollBar().maximum() > 0, timeout=2000)
    register.table.horizontalScrollBar().setValue(0)
    register.table.selectRow(0)
    column = COLUMN_KEYS.index("raised_at")
    assert register.table.isColumnHidden(column)
    entry = next(a for a in register.column_menu().actions() if a.text() == "Raised at")
    entry.trigger()
    assert not register.table.isColumnHidden(column)
    assert section_in_viewport(register, column), (
        register.table.horizontalHeader().sectionViewportPosition(column), register.table.viewport().width())
    assert register.table.selectionModel().isRowSelected(0)  # the selected row stays as it was


def test_the_raised_at_column_shows_its_header_and_a_meeting_and_item_whole(register: Any) -> None:
    """Switched on, "Raised at" is as wide as its header (sort arrow included) and a value like "20/08/2024 · 12",
    whatever the font: with a larger one its fixed 118 px cut both off."""
    # the style sheet's 10 pt text at 13 pt: what a 125% font DPI (or a wider system font) makes of it
    register.host.setStyleSheet("QWidget { font-size: 13pt; }")
    table = register.table
    column = COLUMN_KEYS.index("raised_at")
    entry = next(a for a in register.column_menu().actions() if a.text() == "Raised at")
    entry.trigger()
    header = table.horizontalHeader()
    width = table.columnWidth(column)
    assert width >= header.sectionSizeHint(column), (width, header.sectionSizeHint(column))
    assert width >= table.fontMetrics().horizontalAdvance("20/08/2024 · 12") + 8, width
