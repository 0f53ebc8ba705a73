"""The pack's funding section: each grant with its lines, spent and remaining, and the totals."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from boardapp.domain.money import format_pence, share_text
from boardapp.pack import styles as st
from boardapp.pack.sections.cells import cell_style as _ps
from boardapp.pack.sections.base import gap, para, plural, section_heading, sub_heading
from boardapp.services.funding.queries import FundingTotals, GrantRow, funding_totals
from boardapp.services.pack_data import PackData

KEY = "funding"
TITLE = "Funding"
_CELL = _ps("FundCell", fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING)
_HEAD = _ps("FundHead", fontName=st.FONT_BOLD, fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING,
                  textColor=st.HEADER_INK)
_WARN = _ps("FundWarn", fontName=st.FONT_BOLD, fontSize=9, leading=12, textColor=st.BRAG_FILL["RED"])
_HEADERS = ("Line", "Owner", "Allocated", "Spent to date", "Remaining", "% spent", "Actions")
_WEIGHTS = (24, 14, 11, 11, 11, 6.5, 13)
_WARN_BOX = TableStyle([
    ("BOX", (0, 0), (-1, -1), 1.0, st.BRAG_FILL["RED"]),
    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FDECEA")),
    ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ("TOPPADDING", (0, 0), (-1, -1), 4),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
])


def _p(text: str, style: object = _CELL) -> Paragraph:
    return Paragraph(st.escape(text), style)  # type: ignore[arg-type]


def _style(rows: int, flagged: list[int]) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
        ("FONT", (0, 1), (-1, -1), st.FONT, st.TABLE_SIZE, st.TABLE_LEADING),
        ("ALIGN", (2, 1), (5, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
        ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
        ("FONT", (0, rows - 3), (-1, -1), st.FONT_BOLD, st.TABLE_SIZE, st.TABLE_LEADING),
        ("LINEABOVE", (0, rows - 3), (-1, rows - 3), 0.8, st.INK),
        ("BACKGROUND", (0, rows - 3), (-1, -1), st.ZEBRA),
    ]
    for i in flagged:
        commands += [("TEXTCOLOR", (3, i), (4, i), st.BRAG_FILL["RED"]),
                     ("FONT", (3, i), (4, i), st.FONT_BOLD, st.TABLE_SIZE, st.TABLE_LEADING)]
    return TableStyle(commands)


def _grant_table(grant: GrantRow, width: float) -> Table:
    scale = width / sum(_WEIGHTS)
    body: list[list[object]] = [[_p(h, _HEAD) for h in _HEADERS]]
    flagged: list[int] = []
    for i, line in enumerate(grant.lines, start=1):
        remaining = format_pence(line.remaining_pence)
        if line.overspent_pence:
            remaining = f"overspent by {format_pence(line.overspent_pence)}"
            flagged.append(i)
        body.append([_p(line.purpose), _p(line.owner_name or "Unassigned"), format_pence(line.allocated_pence),
                     format_pence(line.spent_pence), _p(remaining) if line.overspent_pence else remaining,
                     line.spent_share, _p(line.action_refs or "none")])
    body.append(["All lines", "", format_pence(grant.lines_allocated_pence), format_pence(grant.spent_pence),
                 format_pence(grant.lines_allocated_pence - grant.spent_pence),
                 share_text(grant.spent_pence, grant.lines_allocated_pence), ""])
    gap_label = "Over-allocated" if grant.unallocated_pence < 0 else "Not yet given to a line"
    body.append(["Grant total", "", format_pence(grant.allocated_pence), format_pence(grant.spent_pence),
                 format_pence(grant.remaining_pence), grant.spent_share, ""])
    body.append([gap_label, "", format_pence(abs(grant.unallocated_pence)), "", "", "", ""])
    return Table(body, colWidths=[w * scale for w in _WEIGHTS], repeatRows=1, style=_style(len(body), flagged),
                 hAlign="LEFT")


def _warnings(texts: tuple[str, ...], width: float) -> Table:
    return Table([[Paragraph("<br/>".join(f"Warning: {st.escape(t)}" for t in texts), _WARN)]], colWidths=[width],
                 style=_WARN_BOX, hAlign="LEFT")


def _totals_sentence(totals: FundingTotals) -> str:
    return (f"{plural(totals.grants, 'grant')} totalling {format_pence(totals.allocated_pence)}: "
            f"{format_pence(totals.spent_pence)} spent to date ({totals.spent_share or '0%'}), "
            f"{format_pence(totals.remaining_pence)} remaining.")


def build_funding(data: PackData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [section_heading(KEY, TITLE)]
    grants = [g for g in data.grants if not g.deleted]
    if not grants:
        return flow + [para("No grants or other funding are recorded.")]
    totals = funding_totals(grants)
    flow.append(para(f"Funding of the improvement programme as at {data.today.day} {data.today:%B %Y}: "
                     + _totals_sentence(totals)))
    for index, grant in enumerate(grants, start=1):
        flow += sub_heading(KEY, index, grant.name)
        details = [f"Funder: {grant.funder or 'not recorded'}", f"total {format_pence(grant.allocated_pence)}"]
        if grant.period:
            details.append(f"period {grant.period}")
        details.append(f"spent {format_pence(grant.spent_pence)} ({grant.spent_share or '0%'}), "
                       f"remaining {format_pence(grant.remaining_pence)}")
        flow.append(para("; ".join(details) + "."))
        if grant.warnings:
            flow += [_warnings(grant.warnings, width), gap(6)]
        if grant.lines:
            flow.append(_grant_table(grant, width))
        else:
            flow.append(para("No lines are recorded for this grant yet."))
        if grant.notes:
            flow += [gap(4), para(f"Notes: {grant.notes}", st.SMALL)]
    if len(grants) > 1:
        rows = [["All funding", "Total", "Spent to date", "Remaining", "% spent"]] + [
            [g.name, format_pence(g.allocated_pence), format_pence(g.spent_pence), format_pence(g.remaining_pence),
             g.spent_share] for g in grants
        ] + [["Total", format_pence(totals.allocated_pence), format_pence(totals.spent_pence),
              format_pence(totals.remaining_pence), totals.spent_share]]
        table = Table(rows, colWidths=[width * 0.4] + [width * 0.15] * 4, style=TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL), ("TEXTCOLOR", (0, 0), (-1, 0), st.HEADER_INK),
            ("FONT", (0, 0), (-1, -1), st.FONT, st.TABLE_SIZE, st.TABLE_LEADING),
            ("FONT", (0, 0), (-1, 0), st.FONT_BOLD, st.TABLE_SIZE, st.TABLE_LEADING),
            ("FONT", (0, -1), (-1, -1), st.FONT_BOLD, st.TABLE_SIZE, st.TABLE_LEADING),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, st.INK), ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
        ]), hAlign="LEFT")
        flow += [gap(10), KeepTogether([para("All funding", st.H2), table])]
    return flow
