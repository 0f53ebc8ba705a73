"""What a meeting pack shows, gathered once as plain frozen rows.

The pack (``boardapp.pack``) is a pure function of :class:`PackData`; this module is
the only place that reads the database for it. It imports no reportlab, so the
window can list the pack's sections (``PACK_SECTIONS``) without loading the renderer,
and no ORM: ``boardapp pack`` reads through a bare DB-API connection (``services.connection``),
the window through its session. Only ``record_issue`` (a final export) writes, with the ORM.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

from boardapp.services.connection import Reader, dbapi
from boardapp.services.funding.queries import GrantRow, list_grants
from boardapp.services.inspections.readiness import Readiness
from boardapp.services.performance.pack_read import ScorecardPack, read_scorecard_pack
from boardapp.services.plan.register_read import list_action_rows
from boardapp.services.plan.summary import PlanSummary, summarise
from boardapp.services.readiness_read import read_readiness
from boardapp.services.risks.queries import RiskRow, list_risks
from boardapp.services.rows import ActionRow, InspectionRow, MeetingRow
from boardapp.services.meetings.calendar import meeting_row, next_meeting
from boardapp.services.pack_meeting import MeetingPack, read_meeting_pack
from boardapp.services.workspace import effective_today, workspace_summary


class PackError(ValueError):
    """The pack cannot be made as asked; the message says why and what to do instead."""


@dataclass(frozen=True, slots=True)
class SectionInfo:
    """A section of the pack as the export dialog and the CLI list it."""

    key: str
    title: str


#: Every section of the pack, in pack order; all are on by default. The renderer
#: (``boardapp.pack.sections.SECTIONS``) binds one builder to each key.
PACK_SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("cover", "Cover"),
    SectionInfo("contents", "Contents"),
    SectionInfo("agenda", "Agenda"),
    SectionInfo("minutes", "Minutes of the last meeting"),
    SectionInfo("matters_arising", "Matters arising"),
    SectionInfo("summary", "Action log summary"),
    SectionInfo("readiness", "Monitoring-visit readiness"),
    SectionInfo("exceptions", "Exception report"),
    SectionInfo("action_log", "Action log"),
    SectionInfo("decisions", "Decisions log"),
    SectionInfo("challenge_log", "Challenge log"),
    SectionInfo("scorecard", "Performance scorecard"),
    SectionInfo("risks", "Risk register"),
    SectionInfo("funding", "Funding"),
)

SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in PACK_SECTIONS)
#: Other names a section is still accepted by in ``--sections`` (the first cut's names).
SECTION_ALIASES: dict[str, str] = {
    "before_visit": "readiness", "challenges": "challenge_log", "decisions_log": "decisions",
    "decision_log": "decisions", "minutes_last": "minutes", "matters": "matters_arising",
}
#: Sections that belong to the front of the pack, never presented by an agenda item.
FRONT_SECTIONS: frozenset[str] = frozenset({"cover", "contents", "agenda"})
#: The parts a pack export makes: the pack itself, its confidential part (Part B), a supplement.
PART_MAIN, PART_CONFIDENTIAL, PART_SUPPLEMENT = "main", "confidential", "supplement"
#: Supplement N's confidential papers (late papers on Part B items), circulated with Part B, never in the public one.
PART_CONFIDENTIAL_SUPPLEMENT = "confidential-supplement"
CONFIDENTIAL_MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class PackData:
    """Everything the pack renders: no ORM objects, no session, safe on any thread."""

    board_name: str
    council: str
    meeting: MeetingRow
    chair_name: str
    marking: str
    pack_version: str
    generated_at: datetime
    today: date
    next_visit: InspectionRow | None
    days_to_next_visit: int | None
    last_meeting: MeetingRow | None
    actions: tuple[ActionRow, ...]
    summary: PlanSummary
    sections: tuple[str, ...]
    full_complete: bool = False
    readiness: Readiness | None = None
    scorecard: ScorecardPack | None = None  # the live measures and the off-target trends
    risks: tuple[RiskRow, ...] = ()  # the whole register, in register order (the section picks)
    grants: tuple[GrantRow, ...] = ()  # live grants with their live lines
    meeting_pack: MeetingPack = MeetingPack()
    papers: bool = True  # merge the agenda items' papers in place
    part: str = PART_MAIN
    supplement: int | None = None  # the supplement's number (the two supplement parts)

    def section_key(self, key: str) -> str:
        """An agenda item's pack section as a known key ('' when it names none this pack has)."""
        key = SECTION_ALIASES.get(key, key)
        return key if key in SECTION_KEYS and key not in FRONT_SECTIONS else ""

    @property
    def title(self) -> str:
        day = self.meeting.meeting_date
        if self.part == PART_CONFIDENTIAL:
            return f"{self.board_name}: meeting pack, {day.day} {day:%B %Y}: confidential part (Part B)"
        if self.part == PART_SUPPLEMENT:
            return f"{self.board_name}: Supplement {self.supplement} to the meeting pack of {day.day} {day:%B %Y}"
        if self.part == PART_CONFIDENTIAL_SUPPLEMENT:
            return (f"{self.board_name}: Supplement {self.supplement} to the meeting pack of {day.day} {day:%B %Y}: "
                    "confidential part (Part B)")
        return f"{self.board_name}: meeting pack, {day.day} {day:%B %Y}"

    @property
    def pack_label(self) -> str:
        """What the header calls this document."""
        if self.part == PART_CONFIDENTIAL:
            return "confidential part (Part B)"
        if self.part == PART_SUPPLEMENT:
            return f"Supplement {self.supplement}"
        if self.part == PART_CONFIDENTIAL_SUPPLEMENT:
            return f"Supplement {self.supplement}, confidential part (Part B)"
        return "meeting pack"

    @property
    def subject(self) -> str:
        return (
            f"Papers for the {self.meeting.title} meeting of {self.meeting.meeting_date.day} "
            f"{self.meeting.meeting_date:%B %Y}: "
            "action log summary, exception report and action log"
        )

    @property
    def keywords(self) -> list[str]:
        words = ["improvement board", "meeting pack", "action log", "BRAG", self.marking]
        if self.council:
            words.append(self.council)
        return words

    def enabled(self, key: str) -> bool:
        return key in self.sections


def parse_sections(sections: list[str] | str | None) -> tuple[str, ...]:
    """The enabled section keys in pack order; an unknown key is refused by name."""
    if sections is None:
        return SECTION_KEYS
    items = sections.split(",") if isinstance(sections, str) else list(sections)
    wanted = [SECTION_ALIASES.get(key, key) for key in (s.strip().lower() for s in items if s and s.strip())]
    unknown = [s for s in wanted if s not in SECTION_KEYS]
    if unknown:
        raise PackError(
            f"unknown pack section {unknown[0]!r}; valid sections are: {', '.join(SECTION_KEYS)}"
        )
    if not wanted:
        raise PackError(f"choose at least one pack section from: {', '.join(SECTION_KEYS)}")
    return tuple(k for k in SECTION_KEYS if k in wanted)


def resolve_meeting(meeting: str | int, *, session: Reader, today: date) -> MeetingRow:
    """'next' (the next planned meeting on or after today) or a meeting id."""
    if isinstance(meeting, str):
        text = meeting.strip().lower()
        if text == "next":
            found = next_meeting(session=session, today=today)
            if found is None:
                raise _with_meeting_ids(PackError(
                    f"no board meeting is planned on or after {today:%d/%m/%Y}; plan the next meeting on the "
                    "Meetings page, or choose one of the meetings already held"), session)
            return found
        if not (text.isascii() and text.isdigit()):
            raise PackError(f"the meeting must be 'next' or a meeting id, not {meeting!r}")
        meeting = int(text)
    found = meeting_row(int(meeting), session=session) if 0 < int(meeting) <= MAX_ROW_ID else None
    if found is None:
        raise _with_meeting_ids(PackError(f"no meeting with id {meeting}"), session)
    return found


#: SQLite's largest integer key: a bigger id cannot name a row (and overflows the driver).
MAX_ROW_ID = 2**63 - 1


def _with_meeting_ids(error: PackError, session: Reader) -> PackError:
    """The command line names meetings by id, which the window never shows: list them for it."""
    from boardapp.services.meetings.calendar import list_meeting_rows

    rows = list_meeting_rows(session=session)[:8]
    if rows:
        listed = ", ".join(f"{r.id} ({r.meeting_date:%d/%m/%Y}, {r.status.lower()})" for r in rows)
        error.cli_hint = f"choose one with --meeting ID; the newest meetings are {listed}"  # type: ignore[attr-defined]
    else:
        error.cli_hint = "the workspace has no meetings yet"  # type: ignore[attr-defined]
    return error


def pack_version(meeting: MeetingRow, rows: list[ActionRow]) -> str:
    """Meeting date plus a fingerprint of the plan: two packs with the same version show the same plan."""
    digest = hashlib.sha1(usedforsecurity=False)
    for r in rows:
        digest.update(f"{r.id}:{r.version}:{r.latest_update_date}|".encode())
    return f"{meeting.meeting_date:%Y%m%d}-{digest.hexdigest()[:6]}"


def build_pack_data(
    *,
    session: Reader,
    meeting: str | int = "next",
    marking: str | None = None,
    sections: list[str] | str | None = None,
    today: date | None = None,
    full_complete: bool = False,
    generated_at: datetime | None = None,
    papers: bool = True,
) -> PackData:
    """Gather the pack's rows; raises PackError with a clear message for a bad choice."""
    enabled = parse_sections(sections)
    day = today or effective_today(session=session)
    chosen = resolve_meeting(meeting, session=session, today=day)
    ws = workspace_summary(session=session, today=day)
    rows = list_action_rows(session=session, today=day)
    visit = ws.next_visit
    summary = summarise(rows, today=day, next_visit_start=visit.start_date if visit else None)
    chosen_marking = (marking if marking is not None else ws.default_marking).strip().upper()
    if not chosen_marking:
        raise PackError("the protective marking cannot be empty (e.g. OFFICIAL or OFFICIAL-SENSITIVE)")
    if len(chosen_marking) > 60:
        raise PackError("the protective marking is too long (60 characters at most)")
    chair = chosen.chair_name or _board_chair(session)
    return PackData(
        board_name=ws.board_name,
        council=ws.council,
        meeting=chosen,
        chair_name=chair,
        marking=chosen_marking,
        pack_version=pack_version(chosen, rows),
        generated_at=generated_at or datetime.now().astimezone(),
        today=day,
        next_visit=visit,
        days_to_next_visit=ws.days_to_next_visit,
        last_meeting=ws.last_meeting,
        actions=tuple(rows),
        summary=summary,
        sections=enabled,
        full_complete=full_complete,
        readiness=read_readiness(session=session, today=day, rows=rows) if "readiness" in enabled else None,
        scorecard=read_scorecard_pack(session=session, today=day) if "scorecard" in enabled else None,
        risks=tuple(list_risks(session=session)) if "risks" in enabled else (),
        grants=tuple(list_grants(session=session)) if "funding" in enabled else (),
        meeting_pack=read_meeting_pack(chosen, session=session),
        papers=papers,
    )


def _board_chair(session: Reader) -> str:
    """The board's standing chair, when the meeting names none."""
    found = dbapi(session).execute(
        "SELECT p.name FROM person p JOIN board b ON b.chair_id = p.id ORDER BY b.id LIMIT 1").fetchone()
    return found[0] if found else ""


def read_pack_data(engine: "Engine", **options: Any) -> PackData:
    """``build_pack_data`` in a session of its own on ``engine`` (what the pack's exporter calls)."""
    from boardapp.db.engine import session_scope

    with session_scope(engine) as session:
        return build_pack_data(session=session, **options)


def record_issue(engine: "Engine", meeting_id: int, *, who: str, when: datetime | None = None,
                 supplement: int | None = None, paper_ids: tuple[int, ...] = ()) -> None:
    """A final export: the meeting's pack is issued now (papers added later are late), or the late
    papers ``paper_ids`` went out in Supplement ``supplement``. One transaction, audited."""
    from boardapp.db.engine import session_scope
    from boardapp.db.models import Meeting, Paper
    from boardapp.db.types import utcnow
    from boardapp.services.audit import record_change
    from boardapp.services.transaction import write_transaction

    at = when or utcnow()
    with session_scope(engine) as session, write_transaction(session):
        if supplement is None:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise PackError(f"no meeting with id {meeting_id}")
            if meeting.pack_issued_at is None:
                record_change(session, who=who, entity="meeting", entity_id=meeting_id, field="pack_issued_at",
                              old=None, new=at, at=at)
                meeting.pack_issued_at = at
                session.add(meeting)
            return
        for paper_id in paper_ids:
            paper = session.get(Paper, paper_id)
            if paper is not None and paper.supplement_number is None:
                record_change(session, who=who, entity="paper", entity_id=paper_id, field="supplement_number",
                              old=None, new=supplement, at=at)
                paper.supplement_number = supplement
                session.add(paper)
