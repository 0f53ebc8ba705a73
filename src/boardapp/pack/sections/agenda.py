"""The agenda: number, time, item, presenter, purpose and the page where its section or paper starts.

Each row is its own small table, so an item with nothing in the pack (welcome, any other business,
a confidential item in the main pack) can carry its outline entry on its agenda row; the header row
is repeated at the top of every page the agenda runs onto (``repeat_header``). The page column is
drawn when the document is saved, from the pages the item and paper headings landed on.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from boardapp.domain.enums import AgendaPurpose
from boardapp.pack import styles as st
from boardapp.pack.parts import PartPlan, plan_part
from boardapp.pack.sections.base import gap, long_date, para, plural, section_heading
from boardapp.pack.sections.meeting import cell
from boardapp.pack.templates import Heading, PackCanvas
from boardapp.services.pack_data import PART_CONFIDENTIAL, PackData

_WEIGHTS = (6, 7, 46, 19, 12, 10)
_ROW_STYLE = TableStyle([
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("LEFTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("RIGHTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
])
_HEAD_STYLE = TableStyle(list(_ROW_STYLE.getCommands()) + [("BACKGROUND", (0, 0), (-1, -1), st.HEADER_FILL)])


class PageRef(Flowable):
    """The page an outline key landed on, right-aligned; drawn at save time (every page is known then)."""

    def __init__(self, key: str, prefix: str = "") -> None:
        super().__init__()
        self.key, self.prefix = key, prefix

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._w = availWidth
        return availWidth, st.TABLE_LEADING

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        # drawn later on the bare page, so take the table's translation into page coordinates now
        a, b, c, d, e, f = canvas._currentMatrix  # type: ignore[attr-defined]
        right, key, prefix = a * (x + self._w) + c * y + e, self.key, self.prefix
        y = b * (x + self._w) + d * y + f

        def draw(c: Canvas) -> None:
            page = getattr(c, "key_pages", {}).get(key)
            if page is not None:
                c.saveState()
                c.setFont(st.FONT, st.TABLE_SIZE)
                c.setFillColor(st.INK)
                c.drawRightString(right, y + 2.2, f"{prefix}{page}")
                c.restoreState()

        if isinstance(canvas, PackCanvas):
            canvas.defer(draw)

    def draw(self) -> None:
        pass


class AgendaRow(Table):
    """One agenda line; optionally the outline entry of its item (``outline_*`` as on a Heading)."""

    def __init__(self, cells: list[Any], widths: list[float], style: TableStyle, *,
                 header: Callable[[], Flowable] | None = None, outline: tuple[int, str, str] | None = None) -> None:
        super().__init__([cells], colWidths=widths, style=style, hAlign="LEFT")
        if header is not None:
            self.repeat_header = header
        if outline is not None:
            self.outline_level, self.outline_title, self.outline_key = outline


def _purpose(value: str) -> str:
    return AgendaPurpose(value).label if value in AgendaPurpose.__members__ else value.title()


def agenda_rows(plan: PartPlan, width: float, levels: dict[str, int]) -> list[Flowable]:
    """The agenda's header and rows; ``levels`` gives the outline level of items whose entry is their row."""
    widths = [w * width / sum(_WEIGHTS) for w in _WEIGHTS]

    def header() -> Flowable:
        heads = [cell(h, st.CELL_HEAD) for h in ("Item", "Time", "Title", "Presenter", "Purpose")]
        return AgendaRow(heads + [cell("Page", st.CELL_HEAD_RIGHT)], widths, _HEAD_STYLE)

    flow: list[Flowable] = [header()]
    for ip in plan.items:
        a = ip.item
        indent = "&nbsp;" * 4 * a.depth
        title = f"{indent}<b>{st.escape(a.title)}</b>" if a.depth == 0 else f"{indent}{st.escape(a.title)}"
        if ip.withheld:
            title += f" <i>{st.escape('(confidential — circulated separately)')}</i>"
        starts = f"{a.starts:%H:%M}" if a.starts else ""
        minutes = f"{a.minutes} min" if a.minutes else ""
        page: Flowable | str = PageRef(ip.key) if ip.has_content else ""
        cells = [cell(a.number), cell("\n".join(x for x in (starts, minutes) if x)), Paragraph(title, st.CELL),
                 cell(a.presenter or "—"), cell(_purpose(a.purpose)), page]
        outline = (levels[ip.key], ip.label, ip.key) if ip.key in levels else None
        flow.append(AgendaRow(cells, widths, _ROW_STYLE, header=header, outline=outline))
        for paper in ip.papers:
            by = f", {paper.author}" if paper.author else ""
            pcells = ["", "", cell(f"{'    ' * a.depth}    Paper: {paper.title}{by} ({plural(paper.page_count, 'page')})",
                                   st.CELL_MUTED), "", "", PageRef(f"paper-{paper.id}")]
            flow.append(AgendaRow(pcells, widths, _ROW_STYLE, header=header))
    return flow


def build_agenda(data: PackData, width: float, levels: dict[str, int] | None = None) -> list[Flowable]:
    """The agenda of the meeting (or, in Part B, of its confidential items)."""
    m = data.meeting
    mp = data.meeting_pack
    plan = plan_part(data)
    title = "Agenda: confidential items (Part B)" if data.part == PART_CONFIDENTIAL else "Agenda"
    flow: list[Flowable] = [section_heading("agenda", title)]
    if not plan.items:
        return flow + [para("No agenda has been set for this meeting yet." if not mp.agenda
                            else "No agenda item of this meeting is in this part.")]
    when = f"{long_date(m.meeting_date)}" + (f", {m.start_time:%H:%M}" if m.start_time else "")
    end = mp.end_time(m)
    intro = f"{m.title}: {when}" + (f" to {end:%H:%M}" if end else "") + (f", {m.place}" if m.place else "") + "."
    if data.chair_name:
        intro += f" Chair: {data.chair_name}."
    flow += [para(intro), gap(4)]
    flow += agenda_rows(plan, width, levels if levels is not None else {})
    if any(ip.withheld for ip in plan.items):
        flow += [gap(6), para("Items marked confidential are exempt information (Part B): their papers are in a "
                              "separate confidential part, marked OFFICIAL-SENSITIVE, circulated to members only.",
                              st.SMALL)]
    flow += _supplements(plan)
    return flow


def _supplements(plan: PartPlan) -> list[Flowable]:
    if not plan.supplements:
        return []
    flow: list[Flowable] = [gap(8), Heading("Supplements to this pack", st.H2, level=1, key="agenda-supplements")]
    for number, papers in plan.supplements:
        listed = "; ".join(f"{p.title} ({plural(p.page_count, 'page')})" for p in papers)
        if number is None:
            flow.append(para(f"Late papers to follow in the next supplement: {listed}."))
        else:
            flow.append(Heading(f"Supplement {number} (circulated separately): {listed}", st.BODY, level=2,
                                key=f"supplement-{number}", outline=f"Supplement {number} (circulated separately)"))
    return flow

