"""The pack's risk register: the heat maps (residual and inherent) and the risks scored 12 or more."""
from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from boardapp.domain.enums import RiskStatus
from boardapp.domain.risks import PACK_THRESHOLD
from boardapp.pack import styles as st
from boardapp.pack.sections.cells import cell_style as _ps
from boardapp.pack.risk_heat_map import heat_map_drawing
from boardapp.pack.sections.base import gap, para, plural, section_heading, sub_heading
from boardapp.services.pack_data import PackData
from boardapp.services.risks.queries import RiskRow

KEY = "risks"
TITLE = "Risk register"
_CELL = _ps("RiskCell", fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING)
_CELL_BOLD = _ps("RiskCellBold", fontName=st.FONT_BOLD, fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING)
_HEAD = _ps("RiskHead", fontName=st.FONT_BOLD, fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING,
                  textColor=st.HEADER_INK)
_OVERDUE = _ps("RiskOverdue", fontName=st.FONT_BOLD, fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING,
                     textColor=st.BRAG_FILL["RED"])
_COLUMNS = (("Ref", 4.5), ("Risk, cause and effect", 25), ("Owner", 10), ("Inherent", 7), ("Residual", 8.5),
            ("Rating", 6.5), ("Controls and further mitigation", 27), ("Review", 8))
_BASE_STYLE = [
    ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("RIGHTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("TOPPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y),
    ("BOTTOMPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y + 1),
]
_SIDE_STYLE = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
_COUNTS_STYLE = TableStyle([
    ("FONT", (0, 0), (-1, -1), st.FONT, 8.5, 11),
    ("FONT", (0, 0), (-1, 0), st.FONT_BOLD, 8.5, 11),
    ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
    ("TEXTCOLOR", (0, 0), (-1, 0), st.HEADER_INK),
    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
])


def _p(text: str, style: object = _CELL) -> Paragraph:
    return Paragraph(st.escape(text).replace("\n", "<br/>"), style)  # type: ignore[arg-type]


def _live(data: PackData) -> list[RiskRow]:
    return [r for r in data.risks if r.status != RiskStatus.CLOSED]


def _counts_table(live: list[RiskRow], data: PackData) -> Table:
    by_rating = Counter(r.rating.value for r in live)
    by_status = Counter(r.status for r in live)
    overdue = sum(1 for r in live if r.review_overdue(data.today))
    closed = sum(1 for r in data.risks if r.status == RiskStatus.CLOSED)
    rows = [["Live risks", str(len(live))],
            ["Rated Red (15–25)", str(by_rating.get("RED", 0))],
            ["Rated Amber (8–14)", str(by_rating.get("AMBER", 0))],
            ["Rated Green (1–7)", str(by_rating.get("GREEN", 0))],
            [f"Scored {PACK_THRESHOLD} or more", str(sum(1 for r in live if r.score >= PACK_THRESHOLD))],
            ["Open", str(by_status.get(RiskStatus.OPEN.value, 0))],
            ["Monitoring", str(by_status.get(RiskStatus.MONITORING.value, 0))],
            ["Review overdue", str(overdue)],
            ["Closed (not shown)", str(closed)]]
    return Table([["Register", "Risks"]] + rows, colWidths=[112, 40], style=_COUNTS_STYLE, hAlign="LEFT")


def _review_cell(r: RiskRow, data: PackData) -> Paragraph:
    if r.review_date is None:
        return _p("not set")
    if r.review_overdue(data.today):
        days = (data.today - r.review_date).days
        return _p(f"{r.review_date:%d/%m/%Y}\nOVERDUE by {plural(days, 'day')}", _OVERDUE)
    return _p(f"{r.review_date:%d/%m/%Y}")


def _risk_table(rows: list[RiskRow], data: PackData, width: float) -> Table:
    scale = width / sum(w for _h, w in _COLUMNS)
    body: list[list[object]] = [[_p(h, _HEAD) for h, _w in _COLUMNS]]
    style = list(_BASE_STYLE)
    for i, r in enumerate(rows, start=1):
        risk = [f"<b>{st.escape(r.title)}</b>"]
        if r.cause:
            risk.append(f"<i>Cause:</i> {st.escape(r.cause)}")
        if r.effect:
            risk.append(f"<i>Effect:</i> {st.escape(r.effect)}")
        theme = f"\nTheme {r.theme_code}" if r.theme_code else ""
        controls = []
        if r.controls:
            controls.append(f"<i>Controls:</i> {st.escape(r.controls)}")
        if r.mitigation:
            controls.append(f"<i>Mitigation:</i> {st.escape(r.mitigation)}")
        body.append([
            _p(r.ref, _CELL_BOLD),
            Paragraph("<br/>".join(risk), _CELL),
            _p((r.owner_name or "Unassigned") + theme),
            _p(f"{r.inherent_likelihood} × {r.inherent_impact} = {r.inherent_score}"),
            _p(f"{r.likelihood} × {r.impact} = {r.score}", _CELL_BOLD),
            r.rating.label,
            Paragraph("<br/>".join(controls) or "None recorded", _CELL),
            _review_cell(r, data),
        ])
        rating = r.rating.value
        style += [("BACKGROUND", (5, i), (5, i), st.BRAG_FILL[rating]),
                  ("TEXTCOLOR", (5, i), (5, i), st.BRAG_INK[rating]),
                  ("FONT", (5, i), (5, i), st.FONT_BOLD, st.TABLE_SIZE, st.TABLE_LEADING)]
    return Table(body, colWidths=[w * scale for _h, w in _COLUMNS], repeatRows=1, style=TableStyle(style),
                 hAlign="LEFT")


def build_risks(data: PackData, width: float) -> list[Flowable]:
    live = _live(data)
    high = sorted((r for r in live if r.score >= PACK_THRESHOLD), key=lambda r: (-r.score, -r.inherent_score))
    others = [r for r in live if r.score < PACK_THRESHOLD]
    flow: list[Flowable] = [section_heading(KEY, TITLE)]
    if not data.risks:
        return flow + [para("No risks are recorded in the register.")]
    overdue = [r for r in live if r.review_overdue(data.today)]
    intro = (f"The register as at {data.today.day} {data.today:%B %Y}: {plural(len(live), 'live risk')} "
             f"(open or monitored), {len(high)} scored {PACK_THRESHOLD} or more after controls. "
             "Score = likelihood × impact, each from 1 to 5.")
    if overdue:
        intro += f" {plural(len(overdue), 'review is', 'reviews are')} overdue: {', '.join(r.ref for r in overdue)}."
    flow += [para(intro), gap(4)]
    residual = heat_map_drawing(Counter(r.cell() for r in live), title="Residual risk (with controls)", cell=34)
    inherent = heat_map_drawing(Counter(r.cell(inherent=True) for r in live), title="Inherent risk (before controls)",
                                cell=34)
    counts = _counts_table(live, data)
    spare = max(12.0, (width - residual.width - inherent.width - 152) / 2)
    flow.append(Table([[residual, "", inherent, "", counts]],
                      colWidths=[residual.width, spare, inherent.width, spare, 152], style=_SIDE_STYLE,
                      hAlign="LEFT"))
    flow += sub_heading(KEY, 1, f"Risks scored {PACK_THRESHOLD} or more ({len(high)})",
                        outline=f"Risks scored {PACK_THRESHOLD} or more")
    if high:
        flow.append(_risk_table(high, data, width))
    else:
        flow.append(para(f"No live risk scores {PACK_THRESHOLD} or more after controls."))
    if others:
        listed = "; ".join(f"{r.ref} {r.title} ({r.score})" for r in others)
        flow += [gap(6), para(f"Other live risks, below {PACK_THRESHOLD}: {listed}.", st.SMALL)]
    return flow
