"""The front of the pack: cover and contents."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from boardapp.pack import styles as st
from boardapp.pack.sections.base import gap, long_date, para, section_heading
from boardapp.pack.templates import ContentsFlowable
from boardapp.services.pack_data import PART_CONFIDENTIAL, PART_CONFIDENTIAL_SUPPLEMENT, PART_SUPPLEMENT, PackData

_DETAILS_STYLE = TableStyle([
    ("FONT", (0, 0), (0, -1), st.FONT_BOLD, 10.5, 14),
    ("FONT", (1, 0), (1, -1), st.FONT, 10.5, 14),
    ("TEXTCOLOR", (0, 0), (0, -1), st.MUTED),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("TOPPADDING", (0, 0), (-1, -1), 5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
])
_MARKING_STYLE = TableStyle([
    ("BOX", (0, 0), (-1, -1), 1.2, st.MARKING_INK),
    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF5F6")),
    ("TOPPADDING", (0, 0), (-1, -1), 8),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
])


def _cover_line(data: PackData) -> str:
    day = data.meeting.meeting_date
    if data.part == PART_SUPPLEMENT:
        return f"Supplement {data.supplement} to the pack of {day.day} {day:%B %Y}"
    if data.part == PART_CONFIDENTIAL_SUPPLEMENT:
        return f"Supplement {data.supplement} to the pack of {day.day} {day:%B %Y}: confidential part (Part B)"
    if data.part == PART_CONFIDENTIAL:
        return f"Confidential part (Part B, exempt information): {long_date(day)}"
    return f"Meeting pack: {long_date(day)}"


def build_cover(data: PackData, width: float) -> list[Flowable]:
    m = data.meeting
    time_text = f"{m.start_time:%H:%M}" if m.start_time else "To be confirmed"
    details = [
        ("Meeting", m.title),
        ("Date", long_date(m.meeting_date)),
        ("Time", time_text),
        ("Place", m.place or "To be confirmed"),
        ("Chair", data.chair_name or "To be confirmed"),
        ("Protective marking", data.marking),
        ("Pack version", data.pack_version),
        ("Generated", f"{data.generated_at:%d/%m/%Y %H:%M}"),
    ]
    rows = [[label, "\n".join(st.wrap_text(value, width * 0.68, st.FONT, 10.5, max_lines=3))] for label, value in details]
    table = Table(rows, colWidths=[width * 0.3, width * 0.7], style=_DETAILS_STYLE, hAlign="LEFT")
    marking = Table(
        [[Paragraph(st.escape(data.marking), st.COVER_MARKING)],
         [para("Handle, store and share this pack in line with its protective marking. "
               "It is for members of the board and those they delegate to.", st.SMALL)]],
        colWidths=[width], style=_MARKING_STYLE,
    )
    flowables: list[Flowable] = [gap(40)]
    if data.council:
        flowables.append(para(data.council, st.COVER_SUB))
    flowables += [
        para(data.board_name, st.COVER_TITLE),
        gap(4),
        para(_cover_line(data), st.COVER_SUB),
        gap(30),
        table,
        gap(36),
        marking,
    ]
    return flowables


def build_contents(data: PackData, width: float) -> list[Flowable]:
    """The contents heading and its list; the entries are filled in by the builder from the story."""
    return [section_heading("contents", "Contents"), gap(6), ContentsFlowable()]
