"""The two papers of the demo's next meeting, made with reportlab: a DCS progress report and a
workforce deep dive, each a few pages, so the pack has papers to merge (neither is late)."""
from __future__ import annotations

import hashlib
import io
from datetime import date, datetime, time, timezone

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from boardapp.demo.record import BOARD_NAME, MARKING

PAPERS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("dcs", "DCS progress and exception report", "dcs-progress-report.pdf", (
        ("Summary", "Progress against the improvement plan since the last meeting: most actions are on track; "
                    "the exceptions below are those at risk of missing their date, with the recovery plans."),
        ("Front door", "Contacts are screened within one working day in most cases; the MASH staffing plan is "
                       "complete and the new duty rota started in August."),
        ("Exceptions", "Two workforce actions are Amber: recruitment of permanent team managers and the "
                       "conversion of agency staff. Recovery plans are attached to the action log."),
        ("Next steps", "The self-assessment is being refreshed ahead of the next monitoring visit; practice "
                       "weeks are booked for October."),
    )),
    ("workforce", "Deep dive: workforce stability", "workforce-deep-dive.pdf", (
        ("Purpose", "To give the board assurance on the workforce strategy: recruitment, retention, agency "
                    "reliance and caseloads."),
        ("Where we are", "Agency reliance has fallen for three months running; average caseloads are within the "
                         "target range in most teams but remain high in two assessment teams."),
        ("What children tell us", "Children and care leavers say changes of social worker are the thing they "
                                  "most want to stop; the number with three or more social workers in a year "
                                  "is falling."),
        ("Asks of the board", "To note progress, and to support the business case for a second cohort of the "
                              "social work academy."),
    )),
)


def paper_pdf(title: str, author: str, sections: tuple[tuple[str, str], ...], day: date) -> tuple[bytes, int]:
    """The paper as PDF bytes and its page count (one section per page after the first)."""
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author=author, subject=BOARD_NAME,
                            invariant=1)  # no creation date or random id: the same build, the same bytes
    story: list[object] = [Paragraph(MARKING, styles["Normal"]), Paragraph(title, styles["Title"]),
                           Paragraph(f"{BOARD_NAME}, meeting of {day:%d/%m/%Y}. Author: {author}.", styles["Normal"]),
                           Spacer(1, 12)]
    for number, (heading, text) in enumerate(sections):
        if number and number % 2 == 0:
            story.append(PageBreak())
        story += [Paragraph(heading, styles["Heading2"])] + [Paragraph(text, styles["BodyText"])] * 6
    doc.build(story)
    return buffer.getvalue(), doc.page


def build_papers(meeting_id: int, day: date, items_by_presenter: dict[str, int], authors: dict[str, str],
                 issued_before: date) -> list[dict[str, object]]:
    """Paper rows for the next meeting (added the week before, before any pack went out: not late)."""
    rows: list[dict[str, object]] = []
    added = datetime.combine(issued_before, time(9), tzinfo=timezone.utc)
    for number, (presenter, title, file_name, sections) in enumerate(PAPERS, start=1):
        content, pages = paper_pdf(title, authors[presenter], sections, day)
        rows.append({
            "id": number, "meeting_id": meeting_id, "agenda_item_id": items_by_presenter[presenter], "title": title,
            "author": authors[presenter], "file_name": file_name, "page_count": pages, "size_bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest(), "content": content, "added_at": added, "late": False,
            "sort_order": number, "version": 1,
        })
    return rows
