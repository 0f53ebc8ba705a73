"""The register's toolbar and filter rows in narrower windows: 1366 (designed), 1280×720 and 1024×768 laptops.

Every control shows its whole text (or placeholder), none overlaps another or runs off the page,
and the page never asks for more width than a 1024-pixel window leaves it.
"""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QStyle, QStyleOptionButton,
    QStyleOptionComboBox, QStyleOptionFrame, QStyleOptionSpinBox, QToolButton, QWidget,
)


WIDTHS = (1366, 1280, 1024)
#: Below this the search box stops being useful (its placeholder, or a few words of a query).
SEARCH_MIN_WIDTH = 220


@pytest.fixture
def register(styled: None, main_window: Any) -> Any:
    main_window.show_page("Actions")
    return main_window.actions_page()


def toolbar_controls(page: Any) -> list[QWidget]:
    """The controls above the table, in the order the user reads (and tabs through) them."""
    top = [page.view_combo, page.save_view_button, page.delete_view_button, page.bar.search, page.clear_button,
           page.bar.raised_combo, page.new_button, page.edit_button, page.bulk_button, page.delete_button,
           page.restore_button]
    return [w for w in (*top, *page.bar.widgets_in_tab_order()) if w.isVisibleTo(page)]


def shown_texts(widget: QWidget) -> list[str]:
    """What the control shows now: its text, or its placeholder when it has none."""
    if isinstance(widget, QLineEdit):
        return [widget.text() or widget.placeholderText()]
    if isinstance(widget, QComboBox):
        return [widget.currentText() if widget.currentIndex() >= 0 else widget.placeholderText()]
    if isinstance(widget, QAbstractSpinBox):
        return [widget.text()]
    if isinstance(widget, QAbstractButton):
        return [widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")]
    if isinstance(widget, QLabel):
        return [widget.text().replace("&", "")]
    raise AssertionError(f"no rule for {type(widget).__name__}")


def text_room(widget: QWidget) -> int:
    """The width the widget's style leaves for its text (frame, padding, arrows, icons and clear button off)."""
    style = widget.style()
    if isinstance(widget, QLineEdit):
        option = QStyleOptionFrame()
        widget.initStyleOption(option)
        room = style.subElementRect(QStyle.SubElement.SE_LineEditContents, option, widget)
        margins = widget.textMargins()
        clear = widget.findChild(QToolButton)
        reserve = clear.width() + 4 if widget.isClearButtonEnabled() and clear is not None else 0
        return room.width() - margins.left() - margins.right() - 4 - reserve  # 2 px either side, as QLineEdit
    if isinstance(widget, QComboBox):
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        room = style.subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                    QStyle.SubControl.SC_ComboBoxEditField, widget)
        icon = widget.itemIcon(widget.currentIndex()) if widget.currentIndex() >= 0 else None
        return room.width() - (widget.iconSize().width() + 4 if icon is not None and not icon.isNull() else 0)
    if isinstance(widget, QAbstractSpinBox):
        option = QStyleOptionSpinBox()
        widget.initStyleOption(option)
        room = style.subControlRect(QStyle.ComplexControl.CC_SpinBox, option,
                                    QStyle.SubControl.SC_SpinBoxEditField, widget)
        return room.width() - 4
    if isinstance(widget, QToolButton):
        frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, widget)
        icon = widget.iconSize().width() + 4 if not widget.icon().isNull() else 0
        return widget.contentsRect().width() - 2 * frame - icon
    if isinstance(widget, QPushButton):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        room = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
        return room.width() - (widget.iconSize().width() + 4 if not widget.icon().isNull() else 0)
    return widget.contentsRect().width()


def at_width(register: Any, qtbot: Any, width: int) -> QWidget:
    """The window ``width`` pixels wide (the page gets what the navigation leaves), laid out."""
    window = register.window()
    window.resize(width, 720 if width == 1280 else 768)
    qtbot.waitUntil(lambda: window.width() == width or window.minimumSizeHint().width() > width, timeout=2000)
    qtbot.wait(50)  # let the layouts settle
    return window


def page_rect(page: Any, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


def clipped_controls(page: Any) -> list[str]:
    clipped = []
    for widget in toolbar_controls(page):
        room = text_room(widget)
        for text in shown_texts(widget):
            needed = widget.fontMetrics().horizontalAdvance(text)
            if needed > room:
                clipped.append(f"{widget.accessibleName() or text!r}: {text!r} needs {needed} px, has {room}")
    return clipped


@pytest.mark.parametrize("width", WIDTHS)
def test_every_control_shows_its_whole_text(register: Any, qtbot: Any, width: int) -> None:
    window = at_width(register, qtbot, width)
    assert window.width() == width, f"the window cannot be {width} px wide (minimum {window.minimumWidth()})"
    assert not clipped_controls(register), "\n".join(clipped_controls(register))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_widest_states_fit_too(register: Any, qtbot: Any, width: int) -> None:
    """A custom filter ("Custom filter" in the view combo), the deleted actions (Restore for Delete), a long
    "Due within 366 days" and a meeting chosen in "Raised at": still whole."""
    at_width(register, qtbot, width)
    register.bar.deleted_button.click()
    register.bar.due_within_spin.setValue(register.bar.due_within_spin.maximum())
    register.bar.raised_combo.setCurrentIndex(register.bar.raised_combo.count() - 1)
    qtbot.waitUntil(lambda: register.restore_button.isVisible(), timeout=2000)
    qtbot.wait(50)
    assert register.view_combo.currentIndex() == -1 and register.bar.raised_combo.currentText().startswith("At ")
    assert not clipped_controls(register), "\n".join(clipped_controls(register))


@pytest.mark.parametrize("width", WIDTHS)
def test_several_themes_owners_and_statuses_show_their_placeholders_whole(register: Any, qtbot: Any, width: int) -> None:
    """A filter of several of each (from the dashboard or a saved view): "Several statuses" and the like, whole."""
    from dataclasses import replace

    at_width(register, qtbot, width)
    bar = register.bar
    ids = [bar.theme_combo.itemData(i) for i in range(1, 3)], [bar.owner_combo.itemData(i) for i in range(1, 3)]
    statuses = [bar.status_combo.itemData(i) for i in range(1, 3)]
    bar.set_filter(replace(bar.current_filter(), theme_ids=frozenset(ids[0]), owner_ids=frozenset(ids[1]),
                           statuses=frozenset(statuses)))
    qtbot.wait(50)
    assert [c.currentIndex() for c in (bar.theme_combo, bar.owner_combo, bar.status_combo)] == [-1, -1, -1]
    assert not clipped_controls(register), "\n".join(clipped_controls(register))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_box_keeps_a_useful_width(register: Any, qtbot: Any, width: int) -> None:
    at_width(register, qtbot, width)
    assert register.bar.search.width() >= SEARCH_MIN_WIDTH


@pytest.mark.parametrize("width", WIDTHS)
def test_no_two_controls_overlap_and_all_lie_inside_the_page(register: Any, qtbot: Any, width: int) -> None:
    at_width(register, qtbot, width)
    controls = toolbar_controls(register)
    rects = {w: page_rect(register, w) for w in controls}
    inside = register.contentsRect()
    outside = [w.accessibleName() for w, r in rects.items() if not inside.contains(r)]
    assert not outside, f"off the page ({inside}): {outside}"
    for i, first in enumerate(controls):
        for second in controls[i + 1:]:
            assert not rects[first].intersects(rects[second]), (first.accessibleName(), second.accessibleName())
    table = page_rect(register, register.switch)
    assert all(r.bottom() < table.top() for r in rects.values())  # the rows sit above the table


def test_a_1024_window_has_room_for_the_page(register: Any, qtbot: Any) -> None:
    window = at_width(register, qtbot, 1024)
    room = window.width() - register.window().navigation.width()
    assert register.minimumSizeHint().width() <= room, (register.minimumSizeHint().width(), room)
    assert window.minimumSizeHint().width() <= 1024


def reading_order(page: Any, controls: list[QWidget]) -> list[tuple[int, int]]:
    """(line, x) of each control: controls whose vertical spans overlap share a line."""
    rects = [page_rect(page, w) for w in controls]
    lines: list[tuple[int, int]] = []  # (top, bottom) of each line found so far, top to bottom
    for r in sorted(rects, key=lambda r: r.center().y()):
        if not lines or r.top() > lines[-1][1]:
            lines.append((r.top(), r.bottom()))
        else:
            lines[-1] = (lines[-1][0], max(lines[-1][1], r.bottom()))
    return [(next(i for i, (top, bottom) in enumerate(lines) if top <= r.center().y() <= bottom), r.left())
            for r in rects]


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_goes_left_to_right_top_to_bottom(register: Any, qtbot: Any, width: int) -> None:
    window = at_width(register, qtbot, width)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    controls = [w for w in toolbar_controls(register) if w.isEnabled()]
    controls[0].setFocus()
    visited = [controls[0]]
    for _ in controls[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        while widget is not None and widget not in controls:
            widget = widget.parentWidget()
        visited.append(widget)
    assert [w.accessibleName() for w in visited] == [w.accessibleName() for w in controls]
    order = reading_order(register, controls)
    assert order == sorted(order), order


def test_a_larger_font_wraps_more_but_clips_nothing(register: Any, qtbot: Any) -> None:
    """At 13 pt (what a 125% font DPI makes of the style sheet's 10 pt) the rows wrap sooner, still whole."""
    window = at_width(register, qtbot, 1280)
    window.setStyleSheet("QWidget { font-size: 13pt; }")
    qtbot.wait(50)
    assert register.bar.search.font().pointSize() == 13
    assert not clipped_controls(register), "\n".join(clipped_controls(register))
    rects = [page_rect(register, w) for w in toolbar_controls(register)]
    assert all(register.contentsRect().contains(r) for r in rects)
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert register.bar.search.width() >= SEARCH_MIN_WIDTH
