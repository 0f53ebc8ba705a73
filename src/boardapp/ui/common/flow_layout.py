"""A layout that sets its widgets out in lines, left to right, wrapping onto a new line when the width runs out.

A toolbar laid out in a QHBoxLayout squeezes every control below its size hint once the window is
narrower than the row (a search box of a few characters, "ue: any time"); this layout moves what
does not fit onto the next line instead, as a browser wraps words.

Widgets come in groups (a label and its combo, the four BRAG toggles): a line breaks between
groups, and inside one only when the group alone is wider than the line. Lines are filled by
the widgets' minimum widths (for most, their size hint); room left on a line goes first to widgets
that would like more (a combo up to its hint), then to those that expand (the search box).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget, QWidgetItem


@dataclass
class _Placed:
    """One item on a line: the gap before it, and its minimum, preferred and maximum widths."""

    item: QLayoutItem
    gap: int
    low: int
    high: int
    most: int
    expands: bool


class FlowLayout(QLayout):
    """Groups of widgets in wrapping lines. ``spacing`` separates widgets of a group, ``group_spacing``
    groups on one line, ``line_spacing`` the lines (each -1: the style's layout spacing)."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = -1, group_spacing: int = -1,
                 line_spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._groups: list[int] = []  # the group of each item, same order
        self._run_on: set[int] = set()  # groups spaced from the one before as widgets within a group are
        self._spacing = spacing
        self._group_spacing = group_spacing
        self._line_spacing = line_spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- building ------------------------------------------------------------------------------
    def add_group(self, *widgets: QWidget, run_on: bool = False) -> None:
        """Add widgets that stay on one line together (when the line is wide enough for them).

        ``run_on``: on the same line, this group follows the one before at ``spacing``, not
        ``group_spacing``: the two read as one run of controls, though a line may break between them."""
        group = self._groups[-1] + 1 if self._groups else 0
        if run_on:
            self._run_on.add(group)
        for widget in widgets:
            self.addChildWidget(widget)
            self._items.append(QWidgetItem(widget))
            self._groups.append(group)
        self.invalidate()

    def widgets(self) -> list[QWidget]:
        """The widgets in layout order, which is also reading order (left to right, line by line)."""
        return [w for item in self._items if (w := item.widget()) is not None]

    # --- QLayout -------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - a lone item (addWidget) is a group of its own
        self._items.append(item)
        self._groups.append(self._groups[-1] + 1 if self._groups else 0)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        group = self._groups.pop(index)
        if group not in self._groups:
            self._run_on.discard(group)
        item = self._items.pop(index)
        self.invalidate()
        return item

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def minimumSize(self) -> QSize:  # noqa: N802
        """As wide as the widest single widget (anything wider wraps), one line high."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # --- arranging -----------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _space(self, given: int, metric: QStyle.PixelMetric) -> int:
        if given >= 0:
            return given
        parent = self.parentWidget()
        if parent is None:
            return 6
        style = parent.style()
        space = style.pixelMetric(metric, None, parent)
        if space < 0:  # the macOS style says -1 here and gives its spacing per pair of controls instead
            orientation = (Qt.Orientation.Vertical if metric == QStyle.PixelMetric.PM_LayoutVerticalSpacing
                           else Qt.Orientation.Horizontal)
            button = QSizePolicy.ControlType.PushButton
            space = style.layoutSpacing(button, button, orientation, None, parent)
        return space if space >= 0 else 6

    def _lines(self, width: int) -> list[list[_Placed]]:
        """Break the visible items into lines ``width`` wide, at group boundaries where possible."""
        spacing = self._space(self._spacing, QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        between = self._space(self._group_spacing, QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        groups: list[tuple[int, list[QLayoutItem]]] = []  # (space before, items) of each group shown
        last = None
        for item, group in zip(self._items, self._groups):
            if item.isEmpty():
                continue
            if group != last:
                groups.append((spacing if group in self._run_on else between, []))
                last = group
            groups[-1][1].append(item)
        lines: list[list[_Placed]] = [[]]
        used = 0

        def place(item: QLayoutItem, gap: int) -> None:
            nonlocal used
            low = item.minimumSize().width()
            most = item.maximumSize().width()
            high = max(low, min(item.sizeHint().width(), most))
            expands = bool(item.expandingDirections() & Qt.Orientation.Horizontal)
            lines[-1].append(_Placed(item, gap, low, high, most, expands))
            used += gap + low

        for before, group in groups:
            need = sum(i.minimumSize().width() for i in group) + spacing * (len(group) - 1)
            if lines[-1] and used + before + need > width:
                lines.append([])
                used = 0
            for index, item in enumerate(group):
                gap = (spacing if index else before) if lines[-1] else 0
                if lines[-1] and used + gap + item.minimumSize().width() > width:  # a group wider than a line
                    lines.append([])
                    used, gap = 0, 0
                place(item, gap)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Lay the lines out in ``rect`` (or only measure them); returns the height they take."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        line_gap = self._space(self._line_spacing, QStyle.PixelMetric.PM_LayoutVerticalSpacing)
        y = area.y()
        lines = self._lines(area.width())
        for number, line in enumerate(lines):
            height = max(p.item.sizeHint().height() for p in line)
            if apply:
                self._place_line(line, QRect(area.x(), y, area.width(), height))
            y += height + (line_gap if number < len(lines) - 1 else 0)
        return y - area.y() + margins.top() + margins.bottom()

    def _place_line(self, line: list[_Placed], rect: QRect) -> None:
        """Widths: each its minimum, then room left shared out up to the hints, then to those that expand."""
        widths = [p.low for p in line]
        spare = rect.width() - sum(widths) - sum(p.gap for p in line)
        wanted = sum(p.high - p.low for p in line)
        if spare > 0 and wanted > 0:
            share = min(spare, wanted)
            for i, p in enumerate(line):
                widths[i] += (p.high - p.low) * share // wanted
            spare -= sum(widths) - sum(p.low for p in line)
        expanding = [i for i, p in enumerate(line) if p.expands]
        for n, i in enumerate(expanding):
            if spare <= 0:
                break
            extra = spare // (len(expanding) - n)
            grown = min(widths[i] + extra, line[i].most)
            spare -= grown - widths[i]
            widths[i] = grown
        parent = self.parentWidget()
        direction = parent.layoutDirection() if parent is not None else Qt.LayoutDirection.LeftToRight
        x = rect.x()
        for p, width in zip(line, widths):
            x += p.gap
            box = QRect(QPoint(x, rect.y()), QSize(width, rect.height()))
            p.item.setGeometry(QStyle.visualRect(direction, rect, box))
            x += width
