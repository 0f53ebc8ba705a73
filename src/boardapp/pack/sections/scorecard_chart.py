"""A measure's trend for the pack, drawn with reportlab.graphics shapes (vector).

Value line with points, target (dashed) and floor (dotted) lines labelled with their values at the
right, comparators as steps with their own dash patterns; a legend names every line, so nothing
depends on colour alone.
"""
from __future__ import annotations

from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors

from boardapp.pack import styles as st
from boardapp.services.performance.comparators import comparator_steps
from boardapp.services.performance.queries import KpiSeries

VALUE = colors.HexColor("#1F4E9C")
TARGET = colors.HexColor("#1E6B34")
FLOOR = colors.HexColor("#B3261E")
#: (field, legend name, colour, dash pattern)
COMPARATORS = (("england", "England", colors.HexColor("#5F6368"), (4, 2, 1, 2)),
               ("region", "Region", colors.HexColor("#8D6E00"), (4, 2, 1, 2, 1, 2)),
               ("neighbours", "Stat. neighbours", colors.HexColor("#7B1FA2"), (1, 1)))


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


def _fmt(value: float, unit: str) -> str:
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text}%" if unit == "%" else text


def trend_drawing(series: KpiSeries, *, width: float, height: float) -> Drawing:
    """The last 24 months of one measure (or fewer), with its lines and comparators."""
    d = Drawing(width, height)
    d.add(String(0, height - 10, f"{series.code} {series.title}"[:90], fontName=st.FONT_BOLD, fontSize=8.5,
                 fillColor=st.INK))
    if not series.points:
        d.add(String(0, height - 26, "No figures yet.", fontName=st.FONT, fontSize=8))
        return d
    last = _month(series.points[-1].period)
    first = max(_month(series.points[0].period), last - 23)
    points = [(_month(p.period), p.value) for p in series.points if first <= _month(p.period) <= last]
    steps = {which: comparator_steps(series.comparators, which) for which, *_ in COMPARATORS}
    numbers = [v for _m, v in points] + [v for v in (series.target, series.floor) if v is not None]
    spans: dict[str, list[tuple[float, float, float]]] = {}
    for which, found in steps.items():
        spans[which] = []
        for i, (end, value) in enumerate(found):
            start = max(float(_month(end)), first - 0.5)
            stop = min(float(_month(found[i + 1][0])) if i + 1 < len(found) else last + 0.5, last + 0.5)
            if start < stop:
                spans[which].append((start, stop, value))
                numbers.append(value)
    low, high = min(numbers), max(numbers)
    pad = max((high - low) * 0.12, abs(high) * 0.02, 0.5)
    low, high = max(low - pad, 0.0), high + pad
    left, right, bottom, top = 34.0, 64.0, 26.0, 30.0
    plot_w, plot_h = width - left - right, height - bottom - top
    span = max(last - first, 1)

    def x(month: float) -> float:
        return left + (month - first) / span * plot_w

    def y(value: float) -> float:
        return bottom + (value - low) / (high - low) * plot_h

    for i in range(5):
        value = low + (high - low) * i / 4
        d.add(Line(left, y(value), left + plot_w, y(value), strokeColor=st.GRID, strokeWidth=0.25))
        d.add(String(left - 3, y(value) - 2.5, f"{value:,.0f}" if high - low >= 10 else f"{value:,.1f}",
                     fontName=st.FONT, fontSize=6.5, textAnchor="end", fillColor=st.MUTED))
    d.add(Line(left, bottom, left + plot_w, bottom, strokeColor=st.RULE, strokeWidth=0.5))
    for month in range(last, first - 1, -3):
        label = f"{date(month // 12, month % 12 + 1, 1):%b %y}"
        d.add(String(x(month), bottom - 9, label, fontName=st.FONT, fontSize=6.5, textAnchor="middle",
                     fillColor=st.MUTED))
    for which, _name, colour, dash in COMPARATORS:
        previous = None
        for start, stop, value in spans[which]:
            if previous is not None:
                d.add(Line(previous[0], previous[1], x(start), y(value), strokeColor=colour, strokeWidth=0.9,
                           strokeDashArray=dash))
            d.add(Line(x(start), y(value), x(stop), y(value), strokeColor=colour, strokeWidth=0.9,
                       strokeDashArray=dash))
            previous = (x(stop), y(value))
    label_at: list[float] = []
    for value, colour, dash, name in ((series.target, TARGET, (4, 2), "Target"),
                                      (series.floor, FLOOR, (1, 1.5), "Floor")):
        if value is None:
            continue
        d.add(Line(left, y(value), left + plot_w, y(value), strokeColor=colour, strokeWidth=1.1, strokeDashArray=dash))
        at = y(value) - 2.5
        if label_at and abs(at - label_at[0]) < 8:  # target and floor close together: keep both readable
            better_above = (series.target or 0) >= (series.floor or 0)
            at = label_at[0] - 8 if better_above else label_at[0] + 8
        label_at.append(at)
        d.add(String(left + plot_w + 3, at, f"{name} {_fmt(value, series.unit)}", fontName=st.FONT,
                     fontSize=6.5, fillColor=colour))
    line = [c for m, v in points for c in (x(m), y(v))]
    d.add(PolyLine(line, strokeColor=VALUE, strokeWidth=1.6))
    for m, v in points:
        d.add(Circle(x(m), y(v), 1.4, fillColor=VALUE, strokeColor=VALUE))
    m, v = points[-1]
    d.add(String(x(m) - 3, y(v) + 4, _fmt(v, series.unit), fontName=st.FONT_BOLD, fontSize=7, fillColor=VALUE,
                 textAnchor="end"))
    _legend(d, height - 22)
    return d


def _legend(d: Drawing, at: float) -> None:
    items = [("Value", VALUE, None), ("Target", TARGET, (4, 2)), ("Floor", FLOOR, (1, 1.5))]
    items += [(name, colour, dash) for _w, name, colour, dash in COMPARATORS]
    x = 0.0
    for name, colour, dash in items:
        d.add(Line(x, at + 2.5, x + 14, at + 2.5, strokeColor=colour, strokeWidth=1.3, strokeDashArray=dash))
        d.add(String(x + 17, at, name, fontName=st.FONT, fontSize=6.5, fillColor=st.INK))
        x += 17 + len(name) * 3.4 + 10
