"""The two papers of the demo's next meeting, made with reportlab: a DCS progress report (A4 portrait,
with a table of key measures) and a workforce deep dive (A4 landscape, with caseloads by team), each
two pages or more of plausible text, so the pack has real papers to merge (neither is late).

The figures agree with the demo's scorecard for August 2024 (caseload 19.6, agency 23%, three or more
social workers 11.3%); people are the demo's invented officers. Built with ``invariant=1``: the same
build gives the same bytes.
"""
from __future__ import annotations

import hashlib
import io
from datetime import date, datetime, time, timezone

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from boardapp.demo.record import BOARD_NAME, MARKING

#: A block of a paper: ("h", heading), ("p", paragraph), ("ul", items) or ("table", header, rows).
Block = tuple[object, ...]

_DCS: tuple[Block, ...] = (
    ("h", "1. Purpose"),
    ("p", "This report gives the board the Director of Children's Services' view of progress against the "
          "improvement plan since the meeting of 20 August 2024, the exceptions that need the board's attention, "
          "and the preparation for the sixth monitoring visit, a re-visit of children in care expected at the end "
          "of October."),
    ("h", "2. Overall position"),
    ("p", "Of the 120 live actions in the plan, 55 are complete and evidenced, 40 are on track, 12 are at risk and "
          "13 need attention now. Eight actions are past their effective due date. The direction of travel is "
          "mixed: eight actions moved to a better rating since August, six moved worse, mostly in the front door "
          "and the workforce themes where recruitment has slowed delivery."),
    ("p", "Practice is improving where we have stable teams. Audits in August judged half of the sampled case "
          "files good or better, up from a third in the spring; the remaining files were mostly judged to require "
          "improvement rather than inadequate, and the themes are consistent: the child's voice is recorded but "
          "not always acted upon, and plans are not always specific enough to measure."),
    ("h", "3. Key measures (August 2024)"),
    ("table", ("Measure", "Target", "August", "Since July"), (
        ("Contacts screened within 1 working day", "95%", "93.3%", "better"),
        ("Assessments completed within 45 working days", "85%", "83%", "better"),
        ("Child protection visits within timescale", "95%", "90.8%", "worse"),
        ("Children in care visits within timescale", "95%", "96.5%", "better"),
        ("Average social worker caseload", "18", "19.6", "same"),
        ("Agency social workers", "15%", "23%", "better"),
    )),
    ("p", "Timeliness at the front door has recovered from the dip in June, when the case-management system "
          "migration took two days of screening capacity. Child protection visits remain the measure most at "
          "risk: two teams carry vacancies, and visits are prioritised by risk while the vacancies are covered."),
    ("h", "4. Exceptions"),
    ("p", "The exception report in this pack lists every action rated Red or overdue. Three need the board's "
          "attention this month:"),
    ("ul", (
        "T1.6, the out-of-hours police and health rota, is blocked by the delayed system go-live; a manual rota "
        "is in place and the police partner has agreed an interim protocol until November.",
        "T4.8, the local offer for care leavers, has slipped because the council's housing pathway is being "
        "redesigned; the care leavers' forum has reviewed the draft and a revised date of December is proposed.",
        "T2.20, chronologies in every child protection case, depends on the new system's chronology tool; "
        "teams are completing chronologies by hand for children on plans for more than six months.",
    )),
    ("h", "5. Preparing for the monitoring visit"),
    ("p", "The self-assessment has been refreshed with the findings of the fourth and fifth visits. Practice "
          "weeks for children in care are booked for the first two weeks of October, with the independent "
          "reviewing service and the virtual school taking part. The findings in focus and the actions answering "
          "them are set out in the readiness section of this pack."),
    ("h", "6. Asks of the board"),
    ("ul", (
        "To note progress against the plan and the key measures for August.",
        "To agree the revised due dates for T4.8 and T1.6, with the recovery plans in the action log.",
        "To challenge the pace of improvement in child protection visits, and receive an update in October.",
    )),
)

_WORKFORCE: tuple[Block, ...] = (
    ("h", "1. Purpose"),
    ("p", "To give the board assurance on the workforce strategy agreed in January 2024: recruiting and keeping "
          "permanent social workers and managers, reducing reliance on agency staff, and bringing caseloads to a "
          "level that lets social workers know the children they work with. The board asked for this deep dive "
          "when it reviewed the scorecard in July."),
    ("h", "2. Where we are"),
    ("p", "Agency reliance has fallen for three months running, from 27% in May to 23% in August, as the first "
          "international recruitment cohort and the social work academy's newly qualified staff took up posts. "
          "Average caseloads are 19.6 children per social worker against a target of 18; most teams are within "
          "the target range, but two assessment teams and one child protection team remain high, as the table "
          "shows."),
    ("table", ("Team", "Social workers (FTE)", "Vacancies", "Agency", "Children", "Average caseload", "Change since May"), (
        ("Assessment North", "9.0", "2", "3", "216", "24.0", "down 2.1"),
        ("Assessment South", "8.5", "1", "2", "196", "23.1", "down 1.4"),
        ("Child protection North", "10.0", "1", "2", "198", "19.8", "down 0.6"),
        ("Child protection South", "9.5", "2", "3", "205", "21.6", "up 0.8"),
        ("Children in care", "12.0", "0", "1", "204", "17.0", "down 1.2"),
        ("Care leavers (personal advisers)", "8.0", "0", "0", "152", "19.0", "same"),
        ("Disabled children", "6.0", "1", "1", "96", "16.0", "down 0.5"),
        ("All teams", "63.0", "7", "12", "1,267", "19.6", "down 0.9"),
    )),
    ("p", "Caseloads for personal advisers are counted as young people; children in care teams carry fewer but "
          "more complex cases, which is reflected in the lower target for those teams."),
    ("h", "3. Recruitment and retention"),
    ("p", "Twelve permanent social workers have started since April: seven through the academy, four from the "
          "international cohort and one returner. Five left in the same period, two of them to neighbouring "
          "councils offering higher market supplements. Exit interviews are now held with every leaver; the most "
          "common reasons given are caseload, travel across the county and the pace of change in the service."),
    ("p", "The regional agency pledge has held the rates we pay, and two long-standing agency team managers have "
          "converted to permanent contracts. Team manager vacancies remain the main risk: each vacancy adds "
          "supervision to a neighbouring manager and slows the audit programme."),
    ("h", "4. What children tell us"),
    ("p", "Children and care leavers say that changes of social worker are the thing they most want to stop. The "
          "share of children with three or more social workers in twelve months has fallen to 11.3%, against a "
          "target of 10%. The children in care council has asked that a child is told by their social worker, in "
          "person, when a change is coming, and this is now part of the transfer standard."),
    ("h", "5. Asks of the board"),
    ("ul", (
        "To note the progress on agency reliance and caseloads, and the two assessment teams still above range.",
        "To support the business case for a second academy cohort of twelve newly qualified social workers "
        "from January 2025.",
        "To receive a further update on team manager recruitment at the November meeting.",
    )),
)

#: presenter key, title, file name, page size, blocks
PAPERS: tuple[tuple[str, str, str, tuple[float, float], tuple[Block, ...]], ...] = (
    ("dcs", "DCS progress and exception report", "dcs-progress-report.pdf", A4, _DCS),
    ("workforce", "Deep dive: workforce stability", "workforce-deep-dive.pdf", landscape(A4), _WORKFORCE),
)

_TABLE_STYLE = TableStyle([
    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
    ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8893A3")),
    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
])


def _flowables(blocks: tuple[Block, ...], width: float) -> list[Flowable]:
    styles = getSampleStyleSheet()
    heading = ParagraphStyle("PaperHeading", parent=styles["Heading2"], keepWithNext=1)  # never last on a page
    flow: list[Flowable] = []
    for block in blocks:
        kind = block[0]
        if kind == "h":
            flow.append(Paragraph(str(block[1]), heading))
        elif kind == "p":
            flow.append(Paragraph(str(block[1]), styles["BodyText"]))
        elif kind == "ul":
            flow += [Paragraph(f"\u2022&nbsp;&nbsp;{item}", styles["BodyText"]) for item in block[1]]  # type: ignore[union-attr]
        elif kind == "table":
            header, rows = block[1], block[2]
            first = width * (0.42 if len(header) <= 4 else 0.26)  # type: ignore[arg-type]
            rest = (width - first) / (len(header) - 1)  # type: ignore[arg-type]
            table = Table([list(header)] + [list(r) for r in rows], colWidths=[first] + [rest] * (len(header) - 1),  # type: ignore[arg-type]
                          style=_TABLE_STYLE, repeatRows=1, hAlign="LEFT")
            if rows and str(rows[-1][0]).startswith("All "):  # type: ignore[index]
                table.setStyle([("FONT", (0, len(rows)), (-1, len(rows)), "Helvetica-Bold", 8.5)])  # type: ignore[arg-type]
            flow += [Spacer(1, 4), table, Spacer(1, 8)]
    return flow


def paper_pdf(title: str, author: str, blocks: tuple[Block, ...], day: date,
              pagesize: tuple[float, float] = A4) -> tuple[bytes, int]:
    """The paper as PDF bytes and its page count."""
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=pagesize, title=title, author=author, subject=BOARD_NAME,
                            leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm,
                            invariant=1)  # no creation date or random id: the same build, the same bytes

    def marking(canv: object, _doc: object) -> None:  # the paper's own marking and page number
        canv.saveState()  # type: ignore[attr-defined]
        canv.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canv.drawCentredString(pagesize[0] / 2, pagesize[1] - 10 * mm, MARKING)  # type: ignore[attr-defined]
        canv.drawRightString(pagesize[0] - 20 * mm, 10 * mm, f"{title}: page {canv.getPageNumber()}")  # type: ignore[attr-defined]
        canv.restoreState()  # type: ignore[attr-defined]

    story: list[Flowable] = [Paragraph(title, styles["Title"]),
                             Paragraph(f"{BOARD_NAME}, meeting of {day:%d/%m/%Y}. Report of {author}.",
                                       styles["Normal"]),
                             Spacer(1, 10)]
    story += _flowables(blocks, doc.width)
    doc.build(story, onFirstPage=marking, onLaterPages=marking)
    return buffer.getvalue(), doc.page


def build_papers(meeting_id: int, day: date, items_by_presenter: dict[str, int], authors: dict[str, str],
                 issued_before: date) -> list[dict[str, object]]:
    """Paper rows for the next meeting, all added at 09:00 UTC on ``issued_before`` (the demo passes its
    as-at date, about two weeks before the meeting), before any pack went out: none is late."""
    rows: list[dict[str, object]] = []
    added = datetime.combine(issued_before, time(9), tzinfo=timezone.utc)
    for number, (presenter, title, file_name, pagesize, blocks) in enumerate(PAPERS, start=1):
        content, pages = paper_pdf(title, authors[presenter], blocks, day, pagesize)
        rows.append({
            "id": number, "meeting_id": meeting_id, "agenda_item_id": items_by_presenter[presenter], "title": title,
            "author": authors[presenter], "file_name": file_name, "page_count": pages, "size_bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest(), "content": content, "added_at": added, "late": False,
            "sort_order": number, "version": 1,
        })
    return rows
