"""A measure's trend, painted: monthly values, the target and floor lines, and the comparators as steps.

Nothing depends on colour alone: each line has its own dash pattern, a name in the legend and its
value written at its right-hand end; the chart's accessible description says it all in words.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from boardapp.services.performance.comparators import ComparatorRow, comparator_steps
from boardapp.services.performance.queries import KpiSeries

VALUE_INK = QColor("#1f4e9c")
TARGET_INK = QColor("#1e6b34")
FLOOR_INK = QColor("#b3261e")
ENGLAND_INK = QColor("#5f6368")
NEIGHBOURS_INK = QColor("#7b1fa2")
REGION_INK = QColor("#8d6e00")
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 96, 44, 30


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


#: The comparators drawn as steps: (field, legend name, colour, pen style, width).
COMPARATORS = (("england", "England", ENGLAND_INK, Qt.PenStyle.DashDotLine, 1.4),
               ("region", "Region", REGION_INK, Qt.PenStyle.DashDotDotLine, 1.4),
               ("neighbours", "Stat. neighbours", NEIGHBOURS_INK, Qt.PenStyle.SolidLine, 1.0))


def step_spans(series: list[ComparatorRow], which: str, first: int, last: int) -> list[tuple[float, float, float]]:
    """(from month, to month, value) of one comparator's steps inside the months ``first``..``last``.

    Each published value holds from the month its period ends until the next period ends (the
    comparators helper's ``comparator_steps``); the latest holds to the chart's right-hand edge.
    """
    steps = comparator_steps(series, which)
    spans = []
    for i, (end, value) in enumerate(steps):
        start = _month_index(end)
        stop = _month_index(steps[i + 1][0]) if i + 1 < len(steps) else last + 0.5
        start_f, stop_f = max(float(start), first - 0.5), min(float(stop), last + 0.5)
        if start_f < stop_f:
            spans.append((start_f, stop_f, value))
    return spans


def _fmt(value: float, unit: str) -> str:
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text}%" if unit == "%" else text


class TrendChart(QWidget):
    """The chosen measure's last two years (or all its values if fewer)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._series: KpiSeries | None = None
        self.setAccessibleName("Trend chart of the chosen measure")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_series(self, series: KpiSeries | None) -> None:
        self._series = series
        self.setAccessibleDescription(self.describe())
        self.setToolTip(self.describe())
        self.update()

    def series(self) -> KpiSeries | None:
        return self._series

    def describe(self) -> str:
        """The chart in words (screen readers, the tooltip, tests)."""
        s = self._series
        if s is None:
            return "No measure chosen."
        if not s.points:
            return f"{s.code} {s.title}: no figures yet."
        first, last = s.points[0], s.points[-1]
        parts = [f"{s.code} {s.title}: {len(s.points)} figures from {first.period:%b %Y} ({_fmt(first.value, s.unit)}) "
                 f"to {last.period:%b %Y} ({_fmt(last.value, s.unit)})"]
        if s.target is not None:
            parts.append(f"target {_fmt(s.target, s.unit)}")
        if s.floor is not None:
            parts.append(f"floor {_fmt(s.floor, s.unit)}")
        for c in s.comparators[-1:]:
            names = [(n, v) for n, v in (("England", c.england), ("region", c.region), ("neighbours", c.neighbours))
                     if v is not None]
            if names:
                parts.append(f"{c.period}: " + ", ".join(f"{n} {_fmt(v, s.unit)}" for n, v in names))
        return "; ".join(parts) + "."

    def sizeHint(self) -> QSize:
        return QSize(560, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 200)

    # -- geometry -------------------------------------------------------------------------------
    def _months(self) -> tuple[int, int]:
        s = self._series
        assert s is not None and s.points
        last = _month_index(s.points[-1].period)
        first = max(_month_index(s.points[0].period), last - 23)
        return first, last

    def _range(self, first: int, last: int) -> tuple[float, float]:
        s = self._series
        assert s is not None
        numbers = [p.value for p in s.points if first <= _month_index(p.period) <= last]
        numbers += [v for v in (s.target, s.floor) if v is not None]
        for which, *_rest in COMPARATORS:
            numbers += [v for _a, _b, v in step_spans(list(s.comparators), which, first, last)]
        low, high = min(numbers), max(numbers)
        pad = max((high - low) * 0.12, abs(high) * 0.02, 0.5)
        low, high = low - pad, high + pad
        if s.unit == "%":
            low, high = max(0.0, low), min(100.0, high) if high <= 100 + pad else high
        if low < 0 <= min(numbers):
            low = 0.0
        return low, high

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        ink = self.palette().windowText().color()
        s = self._series
        if s is None or not s.points:
            p.setPen(ink)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.describe())
            p.end()
            return
        first, last = self._months()
        low, high = self._range(first, last)
        plot = QRectF(MARGIN_LEFT, MARGIN_TOP, max(self.width() - MARGIN_LEFT - MARGIN_RIGHT, 40),
                      max(self.height() - MARGIN_TOP - MARGIN_BOTTOM, 40))
        span = max(last - first, 1)

        def x_of(month: float) -> float:
            return plot.left() + (month - first) / span * plot.width()

        def y_of(value: float) -> float:
            return plot.bottom() - (value - low) / (high - low) * plot.height()

        p.setPen(ink)
        title = fm.elidedText(f"{s.code} {s.title}", Qt.TextElideMode.ElideRight, self.width() - 8)
        p.drawText(QRectF(4, 2, self.width() - 8, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        self._paint_legend(p, fm, ink)
        self._paint_axes(p, fm, ink, plot, low, high, first, last, x_of, y_of)
        p.save()
        p.setClipRect(plot.adjusted(-2, -2, 2, 2))
        self._paint_steps(p, list(s.comparators), first, last, x_of, y_of)
        p.restore()
        for value, colour, style, name in ((s.target, TARGET_INK, Qt.PenStyle.DashLine, "Target"),
                                           (s.floor, FLOOR_INK, Qt.PenStyle.DotLine, "Floor")):
            if value is None:
                continue
            p.setPen(QPen(colour, 1.6, style))
            y = y_of(value)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.drawText(QRectF(plot.right() + 4, y - 9, MARGIN_RIGHT - 6, 18), Qt.AlignmentFlag.AlignVCenter,
                       f"{name} {_fmt(value, s.unit)}")
        points = [QPointF(x_of(_month_index(pt.period)), y_of(pt.value)) for pt in s.points
                  if first <= _month_index(pt.period) <= last]
        p.setPen(QPen(VALUE_INK, 2.2))
        p.drawPolyline(QPolygonF(points))
        p.setBrush(VALUE_INK)
        for point in points:
            p.drawEllipse(point, 2.6, 2.6)
        p.setPen(VALUE_INK)
        latest = s.points[-1]
        p.drawText(QPointF(points[-1].x() + 6, points[-1].y() - 6), _fmt(latest.value, s.unit))
        p.end()

    def _paint_legend(self, p: QPainter, fm: QFontMetrics, ink: QColor) -> None:
        x = 4.0
        y = 30.0
        items = [("Value", VALUE_INK, Qt.PenStyle.SolidLine, 2.2), ("Target", TARGET_INK, Qt.PenStyle.DashLine, 1.6),
                 ("Floor", FLOOR_INK, Qt.PenStyle.DotLine, 1.6)]
        items += [(name, colour, style, width) for _w, name, colour, style, width in COMPARATORS]
        for name, colour, style, width in items:
            p.setPen(QPen(colour, width, style))
            p.drawLine(QPointF(x, y), QPointF(x + 22, y))
            p.setPen(ink)
            p.drawText(QPointF(x + 26, y + fm.ascent() / 2 - 1), name)
            x += 26 + fm.horizontalAdvance(name) + 14

    def _paint_axes(self, p: QPainter, fm: QFontMetrics, ink: QColor, plot: QRectF, low: float, high: float,
                    first: int, last: int, x_of: object, y_of: object) -> None:
        grid = QColor(ink)
        grid.setAlpha(40)
        steps = 5
        for i in range(steps + 1):
            value = low + (high - low) * i / steps
            y = y_of(value)  # type: ignore[operator]
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(ink)
            p.drawText(QRectF(0, y - 8, MARGIN_LEFT - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       f"{value:,.0f}" if high - low >= 10 else f"{value:,.1f}")
        p.setPen(ink)
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        right_edge = float(self.width() - 2)
        for month in range(last, first - 1, -1):  # from the latest month back, so it always has its label
            if (last - month) % 3:
                continue
            x = x_of(month)  # type: ignore[operator]
            label = f"{date(month // 12, month % 12 + 1, 1):%b %y}"
            width = fm.horizontalAdvance(label)
            if x + width / 2 > right_edge or x - width / 2 < 0:
                continue
            right_edge = x - width / 2 - 6
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            p.drawText(QPointF(x - width / 2, plot.bottom() + 6 + fm.ascent()), label)

    def _paint_steps(self, p: QPainter, series: list[ComparatorRow], first: int, last: int, x_of: object,
                     y_of: object) -> None:
        for which, _name, colour, style, width in COMPARATORS:
            p.setPen(QPen(colour, width, style))
            previous: QPointF | None = None
            for start, stop, value in step_spans(series, which, first, last):
                y = y_of(value)  # type: ignore[operator]
                begin, end = QPointF(x_of(start), y), QPointF(x_of(stop), y)  # type: ignore[operator]
                if previous is not None:
                    p.drawLine(previous, begin)  # the riser of the step
                p.drawLine(begin, end)
                previous = end
