"""FlowLayout: lines that wrap at group boundaries, spare room to the widgets that expand; the fitted fields."""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLineEdit, QProxyStyle, QSizePolicy, QStyle, QStyleFactory, QWidget

from boardapp.ui.common.fitted_fields import FittedCombo, SearchField
from boardapp.ui.common.flow_layout import FlowLayout


class Box(QWidget):
    """A widget of a set size hint (and, if it may shrink, a smaller minimum)."""

    def __init__(self, width: int, minimum: int | None = None, *, expands: bool = False) -> None:
        super().__init__()
        self._hint = QSize(width, 20)
        self._min = QSize(minimum if minimum is not None else width, 20)
        policy = QSizePolicy.Policy.Expanding if expands else QSizePolicy.Policy.Preferred
        self.setSizePolicy(policy, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._min


@pytest.fixture
def host(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def lay_out(host: QWidget, flow: FlowLayout, width: int, qtbot: Any) -> None:
    host.resize(width, flow.heightForWidth(width))
    host.show()
    qtbot.waitExposed(host)
    flow.setGeometry(host.rect())


def rows(boxes: list[Box]) -> list[list[int]]:
    """The boxes' indexes, line by line."""
    lines: dict[int, list[int]] = {}
    for i, box in enumerate(boxes):
        lines.setdefault(box.y(), []).append(i)
    return [lines[y] for y in sorted(lines)]


def test_groups_wrap_together_and_the_height_follows(host: QWidget, qtbot: Any) -> None:
    flow = FlowLayout(host, spacing=4, group_spacing=10, line_spacing=6)
    boxes = [Box(100) for _ in range(5)]
    flow.add_group(*boxes[:2])
    flow.add_group(*boxes[2:4])
    flow.add_group(boxes[4])
    lay_out(host, flow, 500, qtbot)
    assert rows(boxes) == [[0, 1, 2, 3], [4]]
    assert boxes[2].x() - boxes[1].geometry().right() - 1 == 10 and boxes[1].x() - boxes[0].geometry().right() - 1 == 4
    assert flow.heightForWidth(500) == 20 + 6 + 20
    lay_out(host, flow, 320, qtbot)
    assert rows(boxes) == [[0, 1], [2, 3, 4]]  # the second group moved down whole, not split
    assert flow.heightForWidth(320) == 46


def test_a_group_wider_than_the_line_breaks_inside_and_the_minimum_is_one_widget(host: QWidget, qtbot: Any) -> None:
    flow = FlowLayout(host, spacing=4, group_spacing=10)
    boxes = [Box(100) for _ in range(3)]
    flow.add_group(*boxes)
    lay_out(host, flow, 220, qtbot)
    assert rows(boxes) == [[0, 1], [2]]
    assert flow.minimumSize().width() == 100


def test_spare_room_goes_to_hints_then_to_what_expands(host: QWidget, qtbot: Any) -> None:
    flow = FlowLayout(host, spacing=0, group_spacing=0)
    combo, search, button = Box(150, 100), Box(200, 200, expands=True), Box(50)
    flow.add_group(combo, search, button)
    lay_out(host, flow, 360, qtbot)  # 10 px over the minimums: the combo grows first
    assert (combo.width(), search.width(), button.width()) == (110, 200, 50)
    lay_out(host, flow, 600, qtbot)  # the combo at its hint, the rest to the search box
    assert (combo.width(), search.width(), button.width()) == (150, 400, 50)
    assert button.geometry().right() == 599


def test_hidden_widgets_take_no_room_and_run_on_groups_keep_the_small_gap(host: QWidget, qtbot: Any) -> None:
    flow = FlowLayout(host, spacing=4, group_spacing=10)
    first, hidden, second, third = Box(50), Box(50), Box(50), Box(50)
    flow.add_group(first, hidden)
    flow.add_group(second)
    flow.add_group(third, run_on=True)
    hidden.hide()
    lay_out(host, flow, 400, qtbot)
    assert second.x() == first.geometry().right() + 1 + 10
    assert third.x() == second.geometry().right() + 1 + 4
    assert flow.widgets() == [first, hidden, second, third]


def test_a_fitted_combo_is_as_wide_as_its_fixed_choices_whatever_the_font(host: QWidget) -> None:
    combo = FittedCombo(["All owners"], host)
    combo.setSizeAdjustPolicy(FittedCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(20)
    combo.addItem("All owners")
    small = combo.minimumSizeHint().width()
    assert small < combo.sizeHint().width()  # it would like room for a longer name, but can do with less
    combo.setStyleSheet("font-size: 20pt")
    assert combo.minimumSizeHint().width() > small
    assert combo.minimumSizeHint().width() >= combo.fontMetrics().horizontalAdvance("All owners")


def test_a_search_field_is_never_narrower_than_its_placeholder(host: QWidget) -> None:
    field = SearchField(host)
    field.setPlaceholderText("Search everything there is to search  (Ctrl+F)")
    field.setClearButtonEnabled(True)
    needed = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert field.minimumSizeHint().width() > needed + 16  # the clear button's room too
    assert QLineEdit().minimumSizeHint().width() < needed  # what Qt alone would allow


class PairSpacingStyle(QProxyStyle):
    """As the macOS style: no layout spacing metric (-1), a spacing per pair of controls instead."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: Any = None, widget: Any = None) -> int:  # noqa: N802
        if metric in (QStyle.PixelMetric.PM_LayoutHorizontalSpacing, QStyle.PixelMetric.PM_LayoutVerticalSpacing):
            return -1
        return super().pixelMetric(metric, option, widget)

    def layoutSpacing(self, control1: Any, control2: Any, orientation: Qt.Orientation,  # noqa: N802
                      option: Any = None, widget: Any = None) -> int:
        return 8 if orientation == Qt.Orientation.Horizontal else 5


def test_a_style_that_spaces_controls_in_pairs_still_spaces_the_flow(host: QWidget, qtbot: Any) -> None:
    style = PairSpacingStyle(QStyleFactory.create("Fusion"))
    host.setStyle(style)
    host.pair_style = style  # type: ignore[attr-defined]  # alive as long as the widget using it
    flow = FlowLayout(host)  # every spacing the style's
    boxes = [Box(100) for _ in range(3)]
    flow.add_group(*boxes[:2])
    flow.add_group(boxes[2])
    lay_out(host, flow, 215, qtbot)
    assert rows(boxes) == [[0, 1], [2]]
    assert boxes[1].x() - boxes[0].geometry().right() - 1 == 8  # not touching
    assert boxes[2].y() - boxes[0].geometry().bottom() - 1 == 5
