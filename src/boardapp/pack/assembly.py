"""The story of one document (the pack, its confidential part or a supplement), in agenda order.

cover · contents · agenda · then each agenda item in order, one top-level outline entry per item,
with the section it presents and its papers (each after a divider page) under it · then the
sections no item presents, as an appendix. Without an agenda the sections keep their first-cut order.
The outline and the contents list the same entries, in that order (see ``Assembly.entries``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Table, TableStyle

from boardapp.domain.enums import AgendaPurpose
from boardapp.pack import styles as st
from boardapp.pack.papers import PaperSlot, PreparedPaper, prepare_paper, template_name
from boardapp.pack.parts import ItemPlan, PartPlan, plan_part
from boardapp.pack.sections import SECTIONS, Section
from boardapp.pack.sections.agenda import agenda_rows, build_agenda
from boardapp.pack.sections.base import gap, para, plural
from boardapp.pack.styles import LANDSCAPE, MARGIN_X, PORTRAIT
from boardapp.pack.templates import CancelFn, ContentsFlowable, Heading, PackCancelled
from boardapp.services.pack_data import PART_CONFIDENTIAL_SUPPLEMENT, PART_SUPPLEMENT, PackData, PackError
from boardapp.services.pack_meeting import PaperEntry

#: The contents' page column for an agenda item with no section or paper in the document (its entry
#: links to its line on the agenda), and for a confidential item the main pack leaves to Part B.
NOTHING_IN_PACK = "no paper"
NOTHING_WITHHELD = "Part B"
WIDTH = {"portrait": PORTRAIT[0] - 2 * MARGIN_X, "landscape": LANDSCAPE[0] - 2 * MARGIN_X}
_DIVIDER_STYLE = TableStyle([
    ("FONT", (0, 0), (0, -1), st.FONT_BOLD, 10.5, 14),
    ("FONT", (1, 0), (1, -1), st.FONT, 10.5, 14),
    ("TEXTCOLOR", (0, 0), (0, -1), st.MUTED),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("TOPPADDING", (0, 0), (-1, -1), 5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
])


@dataclass
class Assembly:
    """A document's flowables, the outline/contents entries in order, and the papers it merges."""

    story: list[Flowable] = field(default_factory=list)
    entries: list[tuple[int, str, str]] = field(default_factory=list)
    first_orientation: str = ""
    papers: dict[int, PreparedPaper] = field(default_factory=dict)
    #: key → what the contents says instead of a page number (an item with nothing in this document)
    labels: dict[str, str] = field(default_factory=dict)
    page_sizes: dict[str, tuple[float, float]] = field(default_factory=dict)

    def new_page(self, template: str) -> None:
        if not self.first_orientation:
            self.first_orientation = template
        else:
            self.story += [NextPageTemplate(template), PageBreak()]

    def add(self, flowables: list[Flowable], shift: int = 0) -> None:
        """Append flowables; their headings (shifted ``shift`` levels deeper) become entries."""
        for f in flowables:
            if isinstance(f, Heading):
                f.outline_level += shift
                self.entries.append((f.outline_level, f.outline_title, f.outline_key))
        self.story += flowables


def _check(cancelled: CancelFn | None) -> None:
    if cancelled is not None and cancelled():
        raise PackCancelled("the meeting pack export was cancelled")


def _meta_line(ip: ItemPlan) -> str:
    a = ip.item
    bits = []
    if a.presenter:
        bits.append(f"Presented by {a.presenter}")
    if a.purpose:
        bits.append(f"For {AgendaPurpose(a.purpose).label.lower()}" if a.purpose in AgendaPurpose.__members__
                    else a.purpose)
    if a.starts:
        bits.append(f"{a.starts:%H:%M}" + (f", {a.minutes} minutes" if a.minutes else ""))
    return " · ".join(bits)


def _kicker(ip: ItemPlan, level: int) -> list[Flowable]:
    flow: list[Flowable] = [Heading(ip.label, st.ITEM_KICKER, level=level, key=ip.key)]
    meta = _meta_line(ip)
    if meta:
        flow.append(para(meta, st.SMALL))
    return flow + [gap(6)]


def _divider(paper: PreparedPaper, ip: ItemPlan | None, level: int, width: float) -> list[Flowable]:
    p = paper.entry
    rows = [
        ("Agenda item", f"{ip.item.number}. {ip.item.title}" if ip else "Not linked to an agenda item"),
        ("Paper", p.title),
        ("Author", p.author or "Not recorded"),
        ("Pages", f"{plural(paper.pages, 'page')}, after this page"),
    ]
    if p.file_name:
        rows.append(("File", p.file_name))
    if p.late:
        rows.append(("Late paper", f"Supplement {p.supplement_number}" if p.supplement_number else "Yes"))
    table = Table([[k, "\n".join(st.wrap_text(v, width * 0.7, st.FONT, 10.5, max_lines=4))] for k, v in rows],
                  colWidths=[width * 0.25, width * 0.75], style=_DIVIDER_STYLE, hAlign="LEFT")
    return [Heading(p.title, st.H1, level=level, key=f"paper-{p.id}"), gap(8), table, gap(16),
            para("The paper follows as submitted. The pack's protective marking, header and page numbers are added "
                 "at the top and bottom of each of its pages; its own content is unchanged (scaled down slightly "
                 "where needed so nothing is covered).", st.SMALL)]


def _papers(asm: Assembly, papers: tuple[PaperEntry, ...], ip: ItemPlan | None, level: int,
            kicker_first: bool, cancelled: CancelFn | None) -> None:
    for index, entry in enumerate(papers):
        _check(cancelled)
        where = f"item {ip.item.number} ({ip.item.title})" if ip else "the meeting"
        prepared = asm.papers.get(entry.id) or prepare_paper(entry, where)
        asm.papers[entry.id] = prepared
        asm.new_page("portrait")
        if kicker_first and index == 0 and ip is not None:
            asm.add(_kicker(ip, level - 1))
        asm.add(_divider(prepared, ip, level, WIDTH["portrait"]))
        for page_index, size in enumerate(prepared.sizes):
            name = template_name(size)
            asm.page_sizes[name] = size
            asm.new_page(name)
            asm.story.append(PaperSlot(entry.id, page_index))


def _section(data: PackData, key: str) -> Section:
    return next(s for s in SECTIONS if s.key == key)


def _item(asm: Assembly, data: PackData, ip: ItemPlan, level: int, cancelled: CancelFn | None) -> None:
    _check(cancelled)
    if ip.section:
        section = _section(data, ip.section)
        asm.new_page(section.orientation)
        asm.add(_kicker(ip, level))
        asm.add(section.build(data, WIDTH[section.orientation]), shift=level + 1)
    _papers(asm, ip.papers, ip, level + 1, kicker_first=not ip.section, cancelled=cancelled)


def assemble(data: PackData, cancelled: CancelFn | None = None) -> Assembly:
    """The story of ``data.part`` with its entries; raises PackError for an unreadable paper."""
    known = {s.key for s in SECTIONS}
    missing = [k for k in data.sections if k not in known]
    if missing:
        raise PackError(f"the pack has no section {missing[0]!r}; valid sections are: {', '.join(known)}")
    asm = Assembly()
    plan = plan_part(data)
    contents = ContentsFlowable()
    if data.enabled("cover"):
        asm.new_page("portrait")
        asm.add(_section(data, "cover").build(data, WIDTH["portrait"]))
    if data.enabled("contents"):
        asm.new_page("portrait")
        asm.story += [Paragraph("Contents", st.H1), gap(6), contents]
    if plan.by_agenda:
        _by_agenda(asm, data, plan, cancelled)
    else:
        for section in SECTIONS:
            if section.key in ("cover", "contents") or not data.enabled(section.key):
                continue
            _check(cancelled)
            asm.new_page(section.orientation)
            asm.add(section.build(data, WIDTH[section.orientation]))
    if plan.loose_papers:
        asm.new_page("portrait")
        asm.add([Heading("Other papers", st.H1, level=0, key="other-papers"),
                 para("Papers of the meeting not attached to an agenda item.")])
        _papers(asm, plan.loose_papers, None, 1, kicker_first=False, cancelled=cancelled)
    contents.set_expected(list(asm.entries), asm.labels)
    return asm


def _by_agenda(asm: Assembly, data: PackData, plan: PartPlan, cancelled: CancelFn | None) -> None:
    agenda_on = data.enabled("agenda") and data.part not in (PART_SUPPLEMENT, PART_CONFIDENTIAL_SUPPLEMENT)
    # The outline level of each item: its depth, or its parent's when the parent has no entry of its own.
    levels: dict[str, int] = {}
    has_entry: dict[int, int] = {}
    for ip in plan.items:
        parent_level = has_entry.get(ip.item.parent_id) if ip.item.parent_id is not None else None
        level = 0 if ip.item.parent_id is None else (parent_level + 1 if parent_level is not None else
                                                     max(0, ip.item.depth - 1))
        if ip.has_content or agenda_on:
            levels[ip.key] = level
            has_entry[ip.item.id] = level
    if agenda_on:
        asm.new_page("portrait")
        row_levels = {ip.key: levels[ip.key] for ip in plan.items if not ip.has_content and ip.key in levels}
        built = build_agenda(data, WIDTH["portrait"], row_levels)
        # the agenda's own entries come first; item rows' entries are placed in agenda order below
        asm.add([f for f in built if isinstance(f, Heading) and f.outline_key == "agenda"])
        asm.story += [f for f in built if not (isinstance(f, Heading) and f.outline_key == "agenda")]
        supplements = [f for f in built if isinstance(f, Heading) and f.outline_key != "agenda"]
        for f in supplements:
            asm.entries.append((f.outline_level, f.outline_title, f.outline_key))
    for ip in plan.items:
        if ip.key not in levels:
            continue
        if not ip.has_content:
            # bookmarked on its agenda row; the contents says why it has no page of its own
            asm.entries.append((levels[ip.key], ip.label, ip.key))
            asm.labels[ip.key] = NOTHING_WITHHELD if ip.withheld else NOTHING_IN_PACK
            continue
        _item(asm, data, ip, levels[ip.key], cancelled)
    for key in plan.appendix:
        _check(cancelled)
        section = _section(data, key)
        asm.new_page(section.orientation)
        asm.story.append(Paragraph("Appendix", st.APPENDIX_KICKER))
        asm.add(section.build(data, WIDTH[section.orientation]))


__all__ = ["Assembly", "NOTHING_IN_PACK", "NOTHING_WITHHELD", "WIDTH", "agenda_rows", "assemble"]
