"""The demo workspace's board meetings: a year of them (one cancelled), and the next one planned.

Monthly meetings on a Tuesday; the next is about two weeks after ``today``, and the twelve
before it run back a year from there (as at 11/09/2024: 19/09/2023 – 20/08/2024, with
23/04/2024 cancelled, and 24/09/2024 next). Each held meeting's minutes were approved at
the next held meeting; the last one's wait for the next meeting. Held
meetings carry minutes, attendance, decisions, challenge-log entries and actions arising
(``raise_demo_actions``: actions of the plan created after a meeting were raised at it).
The next meeting has the full agenda, its items presenting the pack's sections, and two
papers the demo makes (``demo.papers``).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from boardapp.domain.enums import AgendaPurpose, Attendance, ChallengeStatus, MeetingStatus
from boardapp.demo.papers import build_papers
from boardapp.demo.record import DEPUTIES, MEETING_PLACES, NEXT_MEETING_PLACE, PEOPLE, THEMES

Row = dict[str, Any]

#: The meetings before the next one: one a month for a year (one of them cancelled).
PAST_MEETINGS = 12
TUESDAY = 1

#: (title, presenter key, minutes) of the standing items of every meeting.
STANDING_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("Welcome, apologies and declarations of interest", "chair",
     "The chair welcomed members. Apologies were noted. No declarations of interest were made."),
    ("Minutes of the last meeting and matters arising", "chair",
     "The minutes were agreed as an accurate record. Matters arising are covered in the action log."),
    ("Action log and challenge log", "secretariat",
     "The board reviewed open actions and challenges; completed items were closed."),
    ("DCS progress and exception report", "dcs",
     "The DCS summarised progress against the plan and the actions reported by exception."),
    ("Improvement plan: BRAG progress", "qa",
     "The board noted the BRAG summary and the direction of travel since the last meeting."),
    ("Performance scorecard", "performance",
     "Members discussed the scorecard, focusing on measures outside tolerance."),
    ("Risk register", "ad",
     "The board reviewed the highest-scoring risks and agreed the mitigations remain appropriate."),
    ("Finance: DfE grant and budget", "finance",
     "Spend against the grant lines is in line with the profile; the wider budget pressure was noted."),
    ("Any other business", "chair", "None."),
)

#: The next meeting's agenda: (title, presenter, purpose, minutes allotted, pack section it presents).
NEXT_AGENDA: tuple[tuple[str, str, AgendaPurpose, int, str], ...] = (
    ("Welcome, apologies and declarations of interest", "chair", AgendaPurpose.INFORMATION, 5, ""),
    ("Minutes of the last meeting", "chair", AgendaPurpose.DECISION, 5, "minutes"),
    ("Matters arising", "secretariat", AgendaPurpose.DISCUSSION, 10, "matters_arising"),
    ("Action log", "secretariat", AgendaPurpose.ASSURANCE, 15, "action_log"),
    ("DCS progress and exception report", "dcs", AgendaPurpose.ASSURANCE, 20, "exceptions"),
    ("Improvement plan: BRAG progress", "qa", AgendaPurpose.ASSURANCE, 10, "summary"),
    ("Deep dive: workforce stability", "workforce", AgendaPurpose.DISCUSSION, 25, ""),
    ("Readiness for the next monitoring visit", "dcs", AgendaPurpose.ASSURANCE, 15, "readiness"),
    ("Performance scorecard", "performance", AgendaPurpose.ASSURANCE, 15, "scorecard"),
    ("Risk register", "ad", AgendaPurpose.ASSURANCE, 10, "risks"),
    ("Finance: DfE grant and budget", "finance", AgendaPurpose.INFORMATION, 10, "funding"),
    ("Challenge log", "secretariat", AgendaPurpose.DISCUSSION, 10, "challenge_log"),
    ("Decisions log", "secretariat", AgendaPurpose.INFORMATION, 5, "decisions"),
    ("Any other business", "chair", AgendaPurpose.DISCUSSION, 5, ""),
    ("Date of the next meeting", "chair", AgendaPurpose.INFORMATION, 2, ""),
)
#: The held meeting this many meetings before the last was cancelled (the chair was unwell).
CANCELLED_MEETINGS_AGO = 4
#: At most this many of the actions created after a meeting count as raised at it.
ARISING_PER_MEETING = 2
ACTION_LOG_ITEM = "Action log and challenge log"

DEEP_DIVE_MINUTES = (
    "The theme lead presented progress, the evidence of impact and the actions at risk. "
    "Members asked how the voice of children was informing the work."
)
VISIT_PREP_MINUTES = "Preparation for the next monitoring visit was discussed, including the self-assessment."

DECISIONS: tuple[str, ...] = (
    "Agreed the revised due dates for the slipped actions, subject to a recovery plan at the next meeting.",
    "Agreed to commission a thematic audit of repeat referrals.",
    "Approved the updated risk register.",
    "Agreed that the workforce strategy refresh comes to the next meeting.",
    "Agreed to close the actions evidenced as complete.",
    "Requested a deep dive into placement stability.",
    "Agreed the self-assessment ahead of the next monitoring visit.",
    "Approved the reallocation of underspend between grant lines.",
    "Agreed to invite care leavers to present to the board.",
    "Agreed the performance scorecard will show statistical-neighbour comparators.",
)

CHALLENGES: tuple[tuple[str, str, str], ...] = (
    ("dfe", "How does the board know that improved timeliness has improved the quality of assessments?",
     "Monthly audits now sample assessments completed on time; findings will be reported quarterly."),
    ("scrutineer", "Why has agency reliance not fallen in line with the workforce plan?",
     "Two recruitment cohorts started late; conversion offers are being made to 12 agency staff."),
    ("chair", "What is the plan for actions that have been Red for two consecutive meetings?",
     "Each will come with an exception report and recovery plan signed off by the DCS."),
    ("police", "Are strategy discussions out of hours now consistently including the police?",
     "Attendance is now reported monthly; it was 94% last month."),
    ("doctor", "How are health partners sighted on children subject to a second plan?",
     "The designated nurse now attends the repeat-plan panel."),
    ("member", "What are care leavers telling us about the local offer?",
     "The care leavers' forum reviewed the offer; changes are being made to the housing section."),
    ("chair", "Is the service ready for the next monitoring visit?",
     "The self-assessment has been refreshed and practice weeks are scheduled."),
    ("dfe", "How is learning from audits reaching frontline practitioners?",
     "Learning briefings go to all teams monthly and are discussed in group supervision."),
    ("scrutineer", "Are partners assured about the threshold document?",
     "A partnership threshold audit was completed; partners endorsed the revised document."),
)


@dataclass
class MeetingRows:
    meeting: list[Row] = field(default_factory=list)
    agendaitem: list[Row] = field(default_factory=list)
    attendance: list[Row] = field(default_factory=list)
    decision: list[Row] = field(default_factory=list)
    challengelogentry: list[Row] = field(default_factory=list)
    paper: list[Row] = field(default_factory=list)


def _months_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, 28))


def _tuesday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - TUESDAY) % 7)


def meeting_dates(today: date) -> tuple[list[date], date]:
    """The past meetings (oldest first; one of them is cancelled) and the next planned one, about two
    weeks after ``today``."""
    next_day = today + timedelta(days=12)
    next_day += timedelta(days=(TUESDAY - next_day.weekday()) % 7)
    held = [_tuesday_on_or_before(_months_back(next_day, k)) for k in range(PAST_MEETINGS, 0, -1)]
    return [d for d in held if d < today], next_day


def build_meetings(
    rng: random.Random, today: date, person_ids: dict[str, int], visit_starts: list[date]
) -> MeetingRows:
    """Meetings with agenda, minutes, attendance, decisions and challenges."""
    rows = MeetingRows()
    held, next_day = meeting_dates(today)
    members = [p.key for p in PEOPLE if p.board_member]
    ids = {"item": 0, "att": 0, "dec": 0, "ch": 0}
    previous = date.min
    for number, day in enumerate(held + [next_day], start=1):
        is_held = day < today
        rows.meeting.append({
            "id": number, "title": "Improvement Board", "meeting_date": day,
            "start_time": time(10) if not is_held or rng.random() < 0.8 else time(14),
            "place": NEXT_MEETING_PLACE if not is_held else rng.choice(MEETING_PLACES),
            "status": (MeetingStatus.HELD if is_held else MeetingStatus.PLANNED).value,
            "chair_id": person_ids["chair"], "version": 1,
        })
        theme = THEMES[(number - 1) % len(THEMES)]
        items = list(STANDING_ITEMS)
        items.insert(5, (f"Deep dive: {theme.title}", theme.lead, DEEP_DIVE_MINUTES))
        visit_soon = any(day < v <= day + timedelta(days=70) for v in visit_starts)
        visit_since = [v for v in visit_starts if previous < v <= day]
        if visit_soon:
            items.insert(6, ("Ofsted monitoring visit: preparation", "dcs", VISIT_PREP_MINUTES))
        if visit_since:
            items.insert(6, ("Ofsted monitoring visit feedback", "dcs",
                             "The DCS presented the findings of the visit and the response to them."))
        item_ids: list[int] = []
        cancelled = is_held and number == len(held) - CANCELLED_MEETINGS_AGO
        if cancelled:
            rows.meeting[-1]["status"] = MeetingStatus.CANCELLED.value
        if is_held:
            agenda = [(title, presenter, AgendaPurpose.DISCUSSION, 10, "", minutes)
                      for title, presenter, minutes in items]
        else:
            agenda = [(title, presenter, purpose, length, section, "")
                      for title, presenter, purpose, length, section in NEXT_AGENDA]
        by_presenter: dict[str, int] = {}
        for order, (title, presenter, purpose, length, section, minutes) in enumerate(agenda, start=1):
            ids["item"] += 1
            item_ids.append(ids["item"])
            by_presenter.setdefault(presenter, ids["item"])
            rows.agendaitem.append({
                "id": ids["item"], "meeting_id": number, "item_order": order, "title": title,
                "presenter_id": person_ids[presenter], "notes": minutes if is_held and not cancelled else "",
                "purpose": purpose.value, "duration_minutes": length, "pack_section": section, "version": 1,
            })
        if cancelled:
            pass
        elif is_held:
            _attendance(rng, rows, ids, number, members, person_ids)
            _decisions(rng, rows, ids, number, day, item_ids, person_ids, today, len(held) - number)
        else:
            ids["att"] += 1
            absent = rng.choice([k for k in members if k != "chair"])
            rows.attendance.append({"id": ids["att"], "meeting_id": number, "person_id": person_ids[absent],
                                    "code": Attendance.A.value, "deputy_name": ""})
            authors = {p.key: p.name for p in PEOPLE}
            rows.paper = build_papers(number, day, by_presenter, authors, today)
        previous = day
    _approve_minutes(rows.meeting)
    return rows


def _approve_minutes(meetings: list[Row]) -> None:
    """Each held meeting's minutes approved on the day of the next held meeting (the last's are still to be)."""
    held = [m for m in meetings if m["status"] == MeetingStatus.HELD.value]
    for meeting, following in zip(held, held[1:]):
        meeting["minutes_approved_on"] = following["meeting_date"]
    for meeting in meetings:  # every row names the columns (the bulk insert takes them from the first)
        meeting.setdefault("minutes_approved_on", None)


def _attendance(
    rng: random.Random, rows: MeetingRows, ids: dict[str, int], meeting_id: int, members: list[str],
    person_ids: dict[str, int],
) -> None:
    for key in members:
        r = rng.random()
        if key == "chair" or r < 0.74:
            code = Attendance.Y
        elif r < 0.86:
            code = Attendance.A
        elif r < 0.97 and key in DEPUTIES:
            code = Attendance.D
        else:
            code = Attendance.N
        ids["att"] += 1
        rows.attendance.append({
            "id": ids["att"], "meeting_id": meeting_id, "person_id": person_ids[key], "code": code.value,
            "deputy_name": DEPUTIES[key] if code == Attendance.D else "",
        })


def _decisions(
    rng: random.Random, rows: MeetingRows, ids: dict[str, int], meeting_id: int, day: date, item_ids: list[int],
    person_ids: dict[str, int], today: date, meetings_ago: int,
) -> None:
    owners = ["dcs", "ad", "qa", "workforce", "performance", "secretariat"]
    for number, text in enumerate(rng.sample(DECISIONS, rng.randint(1, 3)), start=1):
        ids["dec"] += 1
        rows.decision.append({
            "id": ids["dec"], "meeting_id": meeting_id, "agenda_item_id": rng.choice(item_ids[2:-1]), "number": number,
            "text": text, "owner_id": person_ids[rng.choice(owners)],
            "due_date": day + timedelta(days=rng.choice((28, 35, 56))), "version": 1,
        })
    for raised_by, challenge, response in rng.sample(CHALLENGES, rng.randint(1, 2)):
        if meetings_ago >= 3:
            status, answer = ChallengeStatus.CLOSED, response
        elif meetings_ago == 0 or (meetings_ago == 1 and rng.random() < 0.4):
            status, answer = ChallengeStatus.OPEN, ""
        else:
            status, answer = ChallengeStatus.ANSWERED, response
        ids["ch"] += 1
        rows.challengelogentry.append({
            "id": ids["ch"], "meeting_id": meeting_id, "raised_by_id": person_ids[raised_by],
            "challenge": challenge, "response": answer, "status": status.value, "version": 1,
        })


def raise_demo_actions(tables: dict[str, list[Row]]) -> None:
    """Actions of the plan created after a held meeting (up to the next) were raised at it, at its action log item."""
    meetings = sorted((m for m in tables["meeting"] if m["status"] == MeetingStatus.HELD.value),
                      key=lambda m: m["meeting_date"])
    log_items = {i["meeting_id"]: i["id"] for i in tables["agendaitem"] if i["title"] == ACTION_LOG_ITEM}
    bounds = [(m, nxt["meeting_date"] if nxt else date.max) for m, nxt in zip(meetings, meetings[1:] + [None])]
    taken: dict[int, int] = {}
    for action in tables["action"]:  # every row names the columns (the bulk insert takes them from the first)
        action.setdefault("raised_at_meeting_id", None)
        action.setdefault("raised_at_item_id", None)
    for action in tables["action"]:
        created = action["created_at"].date()
        for meeting, until in bounds:
            if meeting["meeting_date"] < created <= until and action.get("deleted_at") is None:
                if taken.get(meeting["id"], 0) < ARISING_PER_MEETING:
                    taken[meeting["id"]] = taken.get(meeting["id"], 0) + 1
                    action["raised_at_meeting_id"] = meeting["id"]
                    action["raised_at_item_id"] = log_items.get(meeting["id"])
                break
