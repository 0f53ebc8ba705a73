"""Monitoring-visit readiness: the summary figures, the findings in focus with the actions and
measures answering them, and what is due before the visit, by owner.

Drawn from ``PackData.readiness`` (``services.inspections.readiness``): the same figures as
the Readiness page and ``boardapp readiness``.
"""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from boardapp.domain.enums import FindingKind
from boardapp.pack import styles as st
from boardapp.pack.sections.base import gap, para, plural, section_heading, sub_heading
from boardapp.pack.tables import action_table
from boardapp.services.inspections.readiness import (
    BEFORE_VISIT_DEFINITION, FIGURES, NEXT_VISIT_DEFINITION, Readiness, ReadinessAction,
)
from boardapp.services.pack_data import PackData

KEY = "readiness"
TITLE = "Monitoring-visit readiness"
LINKED_COLUMNS = ("ref", "title", "owner", "due", "brag", "progress", "days", "evidence")
BEFORE_COLUMNS = ("ref", "title", "theme", "due", "brag", "progress", "days", "update")
#: At most this many refs are written beside a finding (a big plan links hundreds to one).
REFS_PER_FINDING = 14

_CELL = ParagraphStyle("ReadinessCell", fontName=st.FONT, fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING,
                       textColor=st.INK)
#: Points needed below an owner's name before it is set: the name, the table header and a row of 3 lines.
OWNER_GROUP_MIN_HEIGHT = 70

_CELL_HEAD = ParagraphStyle("ReadinessHead", fontName=st.FONT_BOLD, fontSize=st.TABLE_SIZE,
                            leading=st.TABLE_LEADING, textColor=st.HEADER_INK)
_GRID_STYLE = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("RIGHTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("TOPPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y),
    ("BOTTOMPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y),
])
_TILE_STYLE = TableStyle([
    ("FONT", (0, 0), (-1, 0), st.FONT_BOLD, 18, 22),
    ("FONT", (0, 1), (-1, 1), st.FONT, 8, 10),
    ("TEXTCOLOR", (0, 0), (-1, 0), st.HEADER_FILL),
    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
    ("LINEAFTER", (0, 0), (-2, -1), 0.5, st.GRID),
    ("BACKGROUND", (0, 0), (-1, -1), st.ZEBRA),
    ("TOPPADDING", (0, 0), (-1, 0), 7),
    ("BOTTOMPADDING", (0, 1), (-1, 1), 7),
])


def _cell(text: str) -> Paragraph:
    return Paragraph(st.escape(text), _CELL)


def _grid(header: list[str], rows: list[list[str]], weights: list[float], width: float) -> Table:
    scale = width / sum(weights)
    data = [[Paragraph(st.escape(h), _CELL_HEAD) for h in header]] + [[_cell(c) for c in r] for r in rows]
    return Table(data, colWidths=[w * scale for w in weights], style=_GRID_STYLE, repeatRows=1, hAlign="LEFT")


def _visit_paragraph(r: Readiness) -> str:
    visit = r.next_visit
    assert visit is not None
    days = r.days_to_go or 0
    when = "is under way" if days < 0 else "starts today" if days == 0 else f"starts in {plural(days, 'day')}"
    area = r.focus_area_label or "no ILACS area chosen yet"
    return (f"{visit.label} ({visit.status.lower()}) {when}: on site {visit.start_date:%d/%m/%Y} to "
            f"{visit.end_date:%d/%m/%Y}. Focus: {visit.focus_area or 'not yet announced'} (ILACS area: {area}). "
            f"Figures as at {r.today:%d/%m/%Y}.")


def _tiles(r: Readiness, width: float) -> Table:
    tile_w = width / len(FIGURES)
    labels = ["\n".join(st.wrap_text(f.caption, tile_w - 10, st.FONT, 8, max_lines=3)) for f in FIGURES]
    return Table([[r.value_text(f.key) for f in FIGURES], labels], colWidths=[tile_w] * len(FIGURES),
                 style=_TILE_STYLE)


def _answered_by(r: Readiness, action_ids: tuple[int, ...]) -> str:
    if not action_ids:
        return "No action: needs one"
    shown = []
    for action_id in action_ids[:REFS_PER_FINDING]:
        found = r.action(action_id)
        if found is not None:
            shown.append(f"{found.row.ref} ({st.brag_word(found.row.brag)})")
    more = len(action_ids) - REFS_PER_FINDING
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _measure_rows(actions: tuple[ReadinessAction, ...]) -> list[list[str]]:
    """One row per measure: its latest value against target, RAG, and the linked actions it measures."""
    seen: dict[int, tuple[object, list[str]]] = {}
    for a in actions:
        for m in a.measures:
            seen.setdefault(m.kpi_id, (m, []))[1].append(a.row.ref)
    rows = []
    for m, refs in seen.values():
        value = "no value" if m.latest_value is None else f"{m.latest_value:g}"  # type: ignore[attr-defined]
        period = f"{m.latest_period:%m/%Y}" if m.latest_period else "—"  # type: ignore[attr-defined]
        target = "—" if m.target is None else f"{m.target:g}"  # type: ignore[attr-defined]
        rag = m.rag.label if m.rag is not None else "no RAG"  # type: ignore[attr-defined]
        listed = ", ".join(refs[:REFS_PER_FINDING]) + (f" and {len(refs) - REFS_PER_FINDING} more"
                                                       if len(refs) > REFS_PER_FINDING else "")
        rows.append([f"{m.code} {m.title}", m.unit, period, value, target, rag, listed])  # type: ignore[attr-defined]
    return rows


def build_readiness(data: PackData, width: float) -> list[Flowable]:
    flow: list[Flowable] = [section_heading(KEY, TITLE)]
    r = data.readiness
    if r is None or r.next_visit is None:
        return flow + [para("No monitoring visit or inspection is expected or scheduled, so there is no "
                            "readiness to report."), para(NEXT_VISIT_DEFINITION, st.SMALL)]
    flow += [para(_visit_paragraph(r)), gap(4), _tiles(r, width), gap(6)]
    flow += [Paragraph(f"<b>{st.escape(f.caption)}</b>: {st.escape(f.definition)}", st.SMALL) for f in FIGURES]
    flow.append(Paragraph(f"<b>The next visit</b>: {st.escape(NEXT_VISIT_DEFINITION)}", st.SMALL))

    flow += sub_heading(KEY, 1, f"Findings in focus ({len(r.findings)})", outline="Findings in focus")
    if r.findings:
        rows = [[f.inspection_label, FindingKind(f.kind).label, f.text, _answered_by(r, f.action_ids)]
                for f in r.findings]
        flow.append(_grid(["From", "Kind", "Finding", "Answered by (BRAG)"], rows, [13, 11, 46, 30], width))
    else:
        flow.append(para("No area for development or recommendation from an earlier inspection or visit is in "
                         "the visit's area."))

    flow += sub_heading(KEY, 2, f"Actions answering them ({len(r.actions)})", outline="Actions answering them")
    if r.actions:
        flow += action_table([a.row for a in r.actions], LINKED_COLUMNS, width=width, today=r.today)
        measures = _measure_rows(r.actions)
        if measures:
            flow += [gap(8), para("Measures linked to these actions: the latest value against the target.",
                                  st.SMALL), gap(2)]
            flow.append(_grid(["Measure", "Unit", "Period", "Latest", "Target", "RAG", "Measures actions"],
                              measures, [34, 8, 7, 7, 7, 7, 30], width))
    else:
        flow.append(para("No action answers the findings in focus."))

    count = r.before_visit_count
    flow += sub_heading(KEY, 3, f"Before the visit ({count})", outline="Before the visit")
    flow.append(para(f"{BEFORE_VISIT_DEFINITION} {plural(count, 'action')}, held by "
                     f"{plural(len(r.before_visit), 'owner')}."))
    for group in r.before_visit:
        # the owner's name never sits alone at the foot of a page: room for it, the header and a row first
        flow += [CondPageBreak(OWNER_GROUP_MIN_HEIGHT), gap(4),
                 Paragraph(st.escape(f"{group.owner} ({len(group.actions)})"), st.CELL_BOLD), gap(2)]
        flow += action_table(list(group.actions), BEFORE_COLUMNS, width=width, today=r.today)
    if not r.before_visit:
        flow.append(para("Every action due before the visit is complete."))
    return flow
