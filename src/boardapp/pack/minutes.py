"""Draft minutes to PDF, with the pack's own template: the marking centred at the top and bottom of
every page, "Page x of y", the PDF outline, and the pack's styles.

Headings: Present, Apologies, In attendance; each item's notes; Decisions; Actions arising
(owner and due); Challenges.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from boardapp.files import new_file_beside
from boardapp.pack import styles as st
from boardapp.pack.templates import Furniture, Heading, PackDocTemplate
from boardapp.services.meetings.draft_minutes import MinutesData

_WIDTH = st.PORTRAIT[0] - 2 * st.MARGIN_X
_CELL = st._style("MinutesCell", fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING)
_HEAD = st._style("MinutesHead", fontName=st.FONT_BOLD, fontSize=st.TABLE_SIZE, leading=st.TABLE_LEADING,
                  textColor=st.HEADER_INK)
_ITEM = st._style("MinutesItem", fontName=st.FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3,
                  textColor=st.HEADER_FILL)
_TABLE_STYLE = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
    ("GRID", (0, 0), (-1, -1), 0.4, st.GRID),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, st.ZEBRA]),
    ("LEFTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("RIGHTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
])


def _p(text: str, style: Any = st.BODY) -> Paragraph:
    return Paragraph(st.escape(text).replace("\n", "<br/>"), style)


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[float, ...]) -> Table:
    scale = _WIDTH / sum(widths)
    cells = [[_p(h, _HEAD) for h in headers]] + [[_p(v, _CELL) for v in row] for row in rows]
    table = Table(cells, colWidths=[w * scale for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(_TABLE_STYLE)
    return table


def _names(story: list[Any], title: str, key: str, names: tuple[str, ...]) -> None:
    story.append(Heading(title, st.H2, level=0, key=key))
    story += [_p(f"• {name}") for name in names] or [_p("None.")]


def minutes_story(data: MinutesData) -> list[Any]:
    """The flowables of the minutes (also what the tests read back)."""
    state = "Draft minutes" if data.approved_on is None else f"Minutes, approved {data.approved_on:%d/%m/%Y}"
    story: list[Any] = [
        Paragraph(st.escape(data.board_name), st.H1),
        _p(f"{state} — {data.heading}", st.COVER_SUB),
    ]
    where = ", ".join(part for part in (data.start_time, data.place) if part)
    if where:
        story.append(_p(where))
    if data.chair:
        story.append(_p(f"Chair: {data.chair}"))
    _names(story, "Present", "present", data.present)
    _names(story, "Apologies", "apologies", data.apologies)
    _names(story, "In attendance", "in-attendance", data.in_attendance)
    if data.absent:
        _names(story, "Absent", "absent", data.absent)
    story.append(Heading("Minutes", st.H2, level=0, key="minutes"))
    for item in data.items:
        title = f"{item.number}. {item.title}" + (" (Part B: confidential)" if item.confidential else "")
        story.append(Heading(title, _ITEM, level=1, key=f"item-{item.id}"))
        if item.presenter:
            story.append(_p(f"Presented by {item.presenter}.", st.SMALL))
        story.append(_p(item.notes.strip() or "No minutes recorded."))
    story.append(Heading("Decisions", st.H2, level=0, key="decisions"))
    if data.decisions:
        story.append(_table(("No.", "Item", "Decision", "Owner", "Due"),
                            [(d.label, d.item_number, d.text, d.owner, f"{d.due_date:%d/%m/%Y}" if d.due_date else "")
                             for d in data.decisions], (62, 32, 300, 110, 62)))
    else:
        story.append(_p("No decisions were recorded."))
    story.append(Heading("Actions arising", st.H2, level=0, key="actions-arising"))
    if data.actions:
        story.append(_table(("Ref", "Item", "Action", "Owner", "Due"),
                            [(a.ref, a.item_number, a.title, a.owner or "—", f"{a.due_date:%d/%m/%Y}")
                             for a in data.actions], (50, 32, 310, 120, 62)))
    else:
        story.append(_p("No actions arose."))
    story.append(Heading("Challenges", st.H2, level=0, key="challenges"))
    if data.challenges:
        story.append(_table(("Item", "Raised by", "To", "Challenge", "Response", "Status"),
                            [(c.item_number, c.raised_by, c.directed_to, c.challenge, c.response, c.status)
                             for c in data.challenges], (32, 90, 60, 180, 170, 55)))
    else:
        story.append(_p("No challenges were logged."))
    story.append(Spacer(1, 6))
    return story


def write_minutes_pdf(data: MinutesData, path: Path) -> int:
    """Write the minutes PDF whole or not at all; returns its page count."""
    path = Path(path)
    furniture = Furniture(
        marking=data.marking, header_left=f"{data.board_name}: minutes",
        header_right=f"{data.meeting_date:%d/%m/%Y}", footer_left=data.council,
        footer_right="Draft" if data.approved_on is None else "Approved",
    )
    temporary = str(new_file_beside(path, prefix=f".{path.stem}-", suffix=".pdf"))
    try:
        doc = PackDocTemplate(
            temporary, furniture=furniture, title=f"Minutes: {data.heading}",
            author=f"{data.board_name} secretariat", subject=f"{data.board_name} minutes",
            keywords=["minutes", "improvement board"],
        )
        story = minutes_story(data)
        doc.outline_plan = [(f.outline_level, f.outline_title, f.outline_key) for f in story if isinstance(f, Heading)]
        doc.build(story, canvasmaker=doc.canvas_maker)
        pages = doc.page
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return pages
