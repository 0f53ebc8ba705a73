"""The pack's Performance scorecard: every live measure against its target and floor, and the off-target trends.

The RAG cell carries its word on its colour (never colour alone); direction is written out
against the previous period and the same period last year; the comparators are the latest
published period's (England, region, statistical neighbours).
"""
from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from boardapp.domain.enums import Polarity
from boardapp.pack import styles as st
from boardapp.pack.sections.base import gap, para, plural, section_heading, sub_heading
from boardapp.pack.sections.cells import cell_style as _ps
from boardapp.pack.sections.scorecard_chart import trend_drawing
from boardapp.services.pack_data import PackData
from boardapp.services.performance.queries import ScorecardRow

KEY = "scorecard"
TITLE = "Performance scorecard"
_CELL = _ps("ScoreCell", fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING)
_CELL_BOLD = _ps("ScoreCellBold", fontName=st.FONT_BOLD, fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING)
_HEAD = _ps("ScoreHead", fontName=st.FONT_BOLD, fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING,
            textColor=st.HEADER_INK)
_DIRECTION = {"BETTER": "Better", "WORSE": "Worse", "SAME": "Same", "NEW": "New"}
_COLUMNS = (("Code", 4.5), ("Measure", 25), ("Month", 6.5), ("Latest", 7), ("Target", 6.5), ("Floor", 6.5),
            ("RAG", 6), ("vs previous", 7.5), ("vs last year", 7.5), ("England", 7), ("Region", 7),
            ("Neighbours", 7.5))
_NUMBER_COLUMNS = (3, 4, 5, 9, 10, 11)
_BASE_STYLE = [
    ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("RIGHTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("TOPPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y),
    ("BOTTOMPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y + 1),
    ("FONT", (0, 1), (-1, -1), st.FONT, st.TABLE_SIZE, st.TABLE_LEADING),
]


def figure(value: float | None, unit: str) -> str:
    """A figure as the scorecard prints it: 93.3%, 1,234, 16.3 children; a dash for none."""
    if value is None:
        return "–"
    text = f"{value:,.1f}".removesuffix(".0")
    if unit == "%":
        return f"{text}%"
    return text if unit in ("number", "") else f"{text} {unit}"


def _p(text: str, style: object = _CELL) -> Paragraph:
    return Paragraph(st.escape(text), style)  # type: ignore[arg-type]


def _measure_cell(r: ScorecardRow) -> Paragraph:
    better = Polarity(r.polarity).label.lower()
    note = f"; {r.period_note}" if r.period_note else ""
    return Paragraph(f"{st.escape(r.title)}<br/><font size=6.5 color='#555555'>{st.escape(better + note)}</font>",
                     _CELL)


def _table(rows: list[ScorecardRow], width: float) -> Table:
    scale = width / sum(w for _h, w in _COLUMNS)
    body: list[list[object]] = [[_p(h, _HEAD) for h, _w in _COLUMNS]]
    style = list(_BASE_STYLE)
    for i, r in enumerate(rows, start=1):
        body.append([
            _p(r.code, _CELL_BOLD), _measure_cell(r),
            f"{r.latest_period:%b %Y}" if r.latest_period else "–",
            figure(r.latest_value, r.unit), figure(r.target, r.unit), figure(r.floor, r.unit),
            r.rag.label if r.rag else "No RAG",
            _DIRECTION.get(r.direction or "", "–"), _DIRECTION.get(r.year_direction or "", "–"),
            figure(r.england, r.unit), figure(r.region, r.unit), figure(r.neighbours, r.unit),
        ])
        if r.rag is not None:
            style += [("BACKGROUND", (6, i), (6, i), st.BRAG_FILL[r.rag.value]),
                      ("TEXTCOLOR", (6, i), (6, i), st.BRAG_INK[r.rag.value]),
                      ("FONT", (6, i), (6, i), st.FONT_BOLD, st.TABLE_SIZE, st.TABLE_LEADING)]
        if i % 2 == 0:
            style.append(("BACKGROUND", (0, i), (5, i), st.ZEBRA))
            style.append(("BACKGROUND", (7, i), (-1, i), st.ZEBRA))
    for column in _NUMBER_COLUMNS:
        style.append(("ALIGN", (column, 1), (column, -1), "RIGHT"))
    style.append(("ALIGN", (6, 1), (6, -1), "CENTER"))
    return Table(body, colWidths=[w * scale for _h, w in _COLUMNS], repeatRows=1, style=TableStyle(style),
                 hAlign="LEFT")


def _intro(rows: list[ScorecardRow], data: PackData) -> str:
    counts = Counter(r.rag.value for r in rows if r.rag is not None)
    months = sorted({r.latest_period for r in rows if r.latest_period is not None})
    latest = f", latest figures for {months[-1]:%B %Y}" if months else ""
    periods = sorted({r.comparator_period for r in rows if r.comparator_period})
    compared = (f" England, region and statistical neighbours are the DfE's published figures for {periods[-1]}."
                if periods else " No published comparators have been imported yet.")
    return (f"{plural(len(rows), 'measure')} as at {data.today.day} {data.today:%B %Y}{latest}: "
            f"{counts.get('GREEN', 0)} Green (meets or beats the target), {counts.get('AMBER', 0)} Amber "
            f"(misses the target, within the floor), {counts.get('RED', 0)} Red (beyond the floor)"
            f"{'' if len(counts) == len(rows) else f', {len(rows) - sum(counts.values())} without a RAG'}."
            f"{compared} Direction is against the previous period and the same period last year.")


def build_scorecard(data: PackData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [section_heading(KEY, TITLE)]
    pack = data.scorecard
    if pack is None or not pack.rows:
        return flow + [para("No performance measures are recorded.")]
    rows = list(pack.rows)
    flow += [para(_intro(rows, data)), gap(4), _table(rows, width)]
    off = list(pack.off_target)
    flow += sub_heading(KEY, 1, f"Trends of the measures off target ({len(off)})",
                        outline="Trends of the measures off target")
    if not off:
        return flow + [para("Every measure with a target meets it.")]
    flow.append(para("The last two years of each measure rated Amber or Red, with its target, its floor and the "
                     "published comparators (each holds from the end of its published period).", st.SMALL))
    column = (width - 18) / 2
    charts = [trend_drawing(s, width=column, height=124) for s in off]
    pairs = [charts[i:i + 2] + [""] * (2 - len(charts[i:i + 2])) for i in range(0, len(charts), 2)]
    for pair in pairs:
        # one row of two drawings: a table row never splits, so the pair moves to the next page whole
        flow.append(Table([[pair[0], "", pair[1]]], colWidths=[column, 18, column], hAlign="LEFT",
                          style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                            ("BOTTOMPADDING", (0, 0), (-1, -1), 10)])))
    return flow
