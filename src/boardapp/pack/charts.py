"""Charts drawn with reportlab.graphics (vector, no image files).

Colour is never the only carrier: the legend names each BRAG, and the summary puts the
same numbers in a table beside the chart.
"""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String

from boardapp.pack import styles as st
from boardapp.services.plan.summary import BRAG_ORDER, ThemeCounts


def brag_by_theme_chart(themes: list[ThemeCounts], *, width: float, height: float) -> Drawing:
    """Stacked horizontal bars: one per theme, segments Red, Amber, Green, Blue (complete)."""
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, "Actions by theme and BRAG", fontName=st.FONT_BOLD, fontSize=9,
                       fillColor=st.INK))
    if not themes:
        drawing.add(String(0, height - 30, "No actions in the plan.", fontName=st.FONT, fontSize=9))
        return drawing
    ordered = list(reversed(themes))  # the chart draws bottom-up; keep the table's order top-down
    chart = HorizontalBarChart()
    chart.x = 46
    chart.y = 34
    chart.width = width - chart.x - 10
    chart.height = height - chart.y - 20
    chart.data = [[t.brag.get(b, 0) for t in ordered] for b in BRAG_ORDER]
    chart.categoryAxis.categoryNames = [t.code for t in ordered]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = st.FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = st.RULE
    chart.valueAxis.valueMin = 0
    top = max((t.total for t in themes), default=0)
    chart.valueAxis.valueMax = max(5, top)
    chart.valueAxis.valueStep = _nice_step(max(5, top))
    chart.valueAxis.labels.fontName = st.FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.strokeColor = st.RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = st.GRID
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.barSpacing = 0
    chart.groupSpacing = 6
    for i, brag in enumerate(BRAG_ORDER):
        chart.bars[i].fillColor = st.BRAG_FILL[brag]
        chart.bars[i].strokeColor = st.BRAG_FILL[brag]
        chart.bars[i].strokeWidth = 0
    drawing.add(chart)
    legend = Legend()
    legend.x = chart.x
    legend.y = 10
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = st.FONT
    legend.fontSize = 8
    legend.dx = 8
    legend.dy = 8
    legend.deltax = 62
    legend.colorNamePairs = [(st.BRAG_FILL[b], st.brag_word(b) + (" (complete)" if b == "BLUE" else ""))
                             for b in BRAG_ORDER]
    drawing.add(legend)
    return drawing


def _nice_step(top: int) -> int:
    """A round axis step giving about five gridlines."""
    raw = top / 5
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if step >= raw:
            return step
    return int(raw)
