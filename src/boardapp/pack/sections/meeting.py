"""The meeting's own sections: minutes of the last meeting, matters arising, decisions log, challenge log.

(The agenda, which needs the pages the assembly puts things on, is in ``sections.agenda``.)
"""
from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from boardapp.domain.enums import Attendance, ChallengeStatus
from boardapp.pack import styles as st
from boardapp.pack.sections.base import gap, long_date, para, plural, section_heading, sub_heading
from boardapp.services.pack_data import PackData
from boardapp.services.pack_meeting import ChallengeEntry, DecisionEntry

GRID_STYLE = TableStyle([
    ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.GRID),
    ("BOX", (0, 0), (-1, -1), 0.5, st.RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("RIGHTPADDING", (0, 0), (-1, -1), st.CELL_PAD_X),
    ("TOPPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y),
    ("BOTTOMPADDING", (0, 0), (-1, -1), st.CELL_PAD_Y + 1),
])
ATTENDANCE_WORDS = {Attendance.Y.value: "Present", Attendance.N.value: "Did not attend",
                    Attendance.A.value: "Apologies", Attendance.D.value: "Deputy"}


def cell(text: str, style: object = st.CELL) -> Paragraph:
    return Paragraph(st.escape(text).replace("\n", "<br/>"), style)  # type: ignore[arg-type]


def grid(header: list[str], rows: list[list[str]], weights: list[float], width: float) -> Table:
    """A table of wrapped text whose header row repeats on every page it runs onto."""
    scale = width / sum(weights)
    body = [[cell(h, st.CELL_HEAD) for h in header]] + [[cell(c) for c in r] for r in rows]
    return Table(body, colWidths=[w * scale for w in weights], style=GRID_STYLE, repeatRows=1, hAlign="LEFT")


def _people(entries: list[str]) -> str:
    return "; ".join(entries) if entries else "None recorded."


def build_minutes(data: PackData, width: float) -> list[Flowable]:
    mp = data.meeting_pack
    prev = mp.previous
    flow: list[Flowable] = [section_heading("minutes", "Minutes of the last meeting")]
    if prev is None:
        return flow + [para("No earlier board meeting is recorded, so there are no minutes to approve.")]
    flow.append(para(f"Draft minutes of the {prev.title} meeting held on {long_date(prev.meeting_date)}"
                     f"{' at ' + prev.place if prev.place else ''}, for approval as an accurate record."))
    present = [f"{a.name} ({a.role})" if a.role else a.name for a in mp.attendance if a.code == Attendance.Y.value]
    apologies = [a.name for a in mp.attendance if a.code == Attendance.A.value]
    deputies = [f"{a.deputy_name} (deputy for {a.name})" for a in mp.attendance if a.code == Attendance.D.value]
    absent = [a.name for a in mp.attendance if a.code == Attendance.N.value]
    flow += sub_heading("minutes", 1, "Attendance and apologies")
    rows = [["Present", _people(present)], ["Apologies", _people(apologies)],
            ["In attendance (deputies)", _people(deputies)], ["Did not attend", _people(absent)]]
    flow.append(grid(["", f"{plural(len(mp.attendance), 'member')} recorded"], rows, [22, 78], width))
    flow += sub_heading("minutes", 2, "Minutes by item")
    rows = []
    for item in mp.previous_items:
        if item.confidential:
            rows.append([item.number, item.title, "Confidential item (Part B): minuted separately."])
        else:
            rows.append([item.number, item.title, item.notes or "No notes recorded."])
    if rows:
        flow.append(grid(["Item", "Title", "Minutes"], rows, [6, 30, 64], width))
    else:
        flow.append(para("The meeting had no agenda recorded."))
    flow += sub_heading("minutes", 3, f"Decisions ({len(mp.previous_decisions)})", outline="Decisions")
    if mp.previous_decisions:
        flow.append(_decision_table(list(mp.previous_decisions), width, with_date=False))
    else:
        flow.append(para("The meeting recorded no decisions."))
    return flow


def _decision_table(rows: list[DecisionEntry], width: float, *, with_date: bool) -> Table:
    body = [[d.number, d.text, d.owner or "—", f"{d.due_date:%d/%m/%Y}" if d.due_date else "—", d.item_title or "—"]
            for d in rows]
    return grid(["Decision", "What was decided", "Owner", "Due", "Agenda item"], body, [11, 42, 15, 11, 21], width)


def build_matters_arising(data: PackData, width: float) -> list[Flowable]:
    mp = data.meeting_pack
    flow: list[Flowable] = [section_heading("matters_arising", "Matters arising")]
    flow.append(para(f"Open actions raised at earlier board meetings ({len(mp.arising)}) and challenges still "
                     f"awaiting a response ({len(mp.open_challenges)})."))
    flow += sub_heading("matters_arising", 1, f"Open actions raised at earlier meetings ({len(mp.arising)})",
                        outline="Open actions raised at earlier meetings")
    if mp.arising:
        rows = [[a.ref, a.title, a.owner or "Unassigned", f"{a.due:%d/%m/%Y}", st.brag_word(a.brag),
                 f"{a.meeting_date:%d/%m/%Y}" + (f"\n{a.item_title}" if a.item_title else "")] for a in mp.arising]
        flow.append(grid(["Ref", "Action", "Owner", "Due", "BRAG", "Raised at"], rows, [7, 40, 15, 9, 8, 21], width))
    else:
        flow.append(para("No open action was raised at an earlier meeting."))
    flow += sub_heading("matters_arising", 2, f"Open challenges ({len(mp.open_challenges)})", outline="Open challenges")
    if mp.open_challenges:
        flow.append(_challenge_table(mp.open_challenges, width))
    else:
        flow.append(para("No challenge is awaiting a response."))
    return flow


def build_decisions(data: PackData, width: float) -> list[Flowable]:
    mp = data.meeting_pack
    flow: list[Flowable] = [section_heading("decisions", "Decisions log")]
    flow.append(para(f"Decisions of the board's meetings in the twelve months before this one, newest first: "
                     f"{plural(len(mp.decisions), 'decision')}."))
    if mp.decisions:
        flow += [gap(4), _decision_table(list(mp.decisions), width, with_date=True)]
    else:
        flow.append(para("No decision is recorded."))
    return flow


def _challenge_table(rows: list[ChallengeEntry], width: float) -> Table:
    body = [[f"{c.meeting_date:%d/%m/%Y}", c.raised_by or "—", c.directed_to or "—", c.challenge,
             c.response or "Awaiting a response",
             ChallengeStatus(c.status).label + (f"\n{c.answered_on:%d/%m/%Y}" if c.answered_on else "")]
            for c in rows]
    return grid(["Raised", "By", "To", "Challenge", "Response", "Status"], body, [9, 12, 12, 29, 29, 9], width)


def build_challenge_log(data: PackData, width: float) -> list[Flowable]:
    mp = data.meeting_pack
    flow: list[Flowable] = [section_heading("challenge_log", "Challenge log")]
    groups = [(s, [c for c in mp.challenges if c.status == s.value]) for s in ChallengeStatus]
    flow.append(para("Challenges raised by board members and the service's responses: "
                     + "; ".join(f"{s.label.lower()} {len(rows)}" for s, rows in groups)
                     + ". Closed challenges are shown for the last twelve months."))
    for index, (status, rows) in enumerate(groups, start=1):
        flow += sub_heading("challenge_log", index, f"{status.label} ({len(rows)})", outline=status.label)
        flow.append(_challenge_table(rows, width) if rows else para(f"No {status.label.lower()} challenge."))
    return flow
