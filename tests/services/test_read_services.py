"""Read services of the non-plan aggregates over the demo workspace, and their pure rules."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlmodel import Session

from boardapp.domain.enums import Direction
from boardapp.domain.kpi import Rag, kpi_direction, kpi_rag, risk_rating, risk_score
from boardapp.services.funding import queries as funding
from boardapp.services.inspections import queries as inspections
from boardapp.services.meetings import queries as meetings
from boardapp.services.meetings import calendar as meeting_calendar
from boardapp.services.performance import queries as performance
from boardapp.services.risks import queries as risks

TODAY = date(2024, 9, 11)  # the day tests/conftest.py pins the demo template to


def _frozen(row: object) -> None:
    assert dataclasses.is_dataclass(row)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(row, dataclasses.fields(row)[0].name, None)


# -- pure rules ------------------------------------------------------------------------


def test_kpi_direction_respects_polarity() -> None:
    assert kpi_direction(80.0, 85.0, "HIGHER_IS_BETTER") is Direction.BETTER
    assert kpi_direction(80.0, 85.0, "LOWER_IS_BETTER") is Direction.WORSE
    assert kpi_direction(80.0, 80.0, "LOWER_IS_BETTER") is Direction.SAME
    assert kpi_direction(None, 80.0, "LOWER_IS_BETTER") is Direction.NEW
    assert kpi_direction(80.0, None, "LOWER_IS_BETTER") is None


def test_risk_score_and_rating() -> None:
    assert risk_score(4, 5) == 20 and risk_rating(20) is Rag.RED
    assert risk_rating(15) is Rag.RED and risk_rating(14) is Rag.AMBER
    assert risk_rating(8) is Rag.AMBER and risk_rating(7) is Rag.GREEN
    with pytest.raises(ValueError, match="impact"):
        risk_score(3, 6)


def test_format_pence() -> None:
    assert funding.format_pence(34_275_200) == "£342,752"
    assert funding.format_pence(123_450) == "£1,234.50"
    assert funding.format_pence(-24_800) == "-£248"


# -- services over the demo workspace -----------------------------------------------------


def test_inspections_list_with_counts(session: Session) -> None:
    rows = inspections.list_inspections(session=session)
    assert [r.kind for r in rows] == ["ILACS"] + ["MONITORING_VISIT"] * 6 + ["RE_INSPECTION"]
    assert rows[0].overall_grade == "INADEQUATE" and rows[0].recommendations >= 5
    assert rows[1].label == "Monitoring visit 1 (Feb 2023)"
    for visit in rows[1:6]:
        assert visit.status == "COMPLETED" and visit.strengths > 0 and visit.areas_for_development > 0
        assert visit.findings == visit.strengths + visit.areas_for_development
    assert rows[-1].status == "EXPECTED" and rows[-1].findings == 0
    _frozen(rows[0])
    assert [v.number for v in inspections.completed_visits(session=session)] == [1, 2, 3, 4, 5]
    latest = inspections.latest_judgement(session=session)
    assert latest is not None and latest.kind == "ILACS"


def test_inspection_detail_has_grades_and_linked_findings(session: Session) -> None:
    ilacs = inspections.list_inspections(session=session)[0]
    detail = inspections.inspection_detail(ilacs.id, session=session)
    assert [g.area for g in detail.grades][-1] == "OVERALL"
    assert {g.grade_label for g in detail.grades} >= {"Inadequate"}
    assert [f.sort_order for f in detail.findings] == sorted(f.sort_order for f in detail.findings)  # the letter's order
    assert any(f.action_count > 0 for f in detail.findings if f.kind == "RECOMMENDATION")
    with pytest.raises(LookupError):
        inspections.inspection_detail(9999, session=session)


def test_scorecard_has_latest_previous_rag_and_direction(session: Session) -> None:
    rows = performance.scorecard(session=session)
    assert 10 <= len(rows) <= 12
    for row in rows:
        assert row.latest_period == date(2024, 8, 1)
        assert row.latest_value is not None and row.previous_value is not None
        assert row.rag == kpi_rag(row.latest_value, row.target, row.polarity, row.floor)
        assert row.direction in (Direction.BETTER, Direction.SAME, Direction.WORSE)
        assert row.neighbours is not None and row.england is not None
    assert len({r.rag for r in rows}) >= 2
    series = performance.kpi_series(rows[0].id, session=session)
    assert len(series.points) == 24
    assert [p.period for p in series.points] == sorted(p.period for p in series.points)
    assert series.points[-1].value == rows[0].latest_value
    recent = performance.kpi_series(rows[0].id, session=session, since=date(2024, 3, 1))
    assert len(recent.points) == 6
    assert len(performance.all_series(session=session)) == len(rows)


def test_risks_are_scored_and_owned(session: Session) -> None:
    rows = risks.list_risks(session=session)
    assert len(rows) == 12
    assert all(r.score == r.likelihood * r.impact and r.owner_name for r in rows)
    open_scores = [r.score for r in rows if r.status == "OPEN"]
    assert open_scores == sorted(open_scores, reverse=True)
    assert rows[-1].status == "CLOSED"
    assert all(r.status != "CLOSED" for r in risks.list_risks(session=session, include_closed=False))


def test_grant_lines_add_up(session: Session) -> None:
    (grant,) = funding.list_grants(session=session)
    assert grant.allocated_pence == 34_275_200
    assert grant.lines_allocated_pence == 34_300_000 and grant.over_allocated_pence == 24_800  # as published
    assert grant.warnings == (grant.allocation_warning,) and "£248 more than the grant" in grant.allocation_warning
    assert grant.spent_pence == sum(line.spent_pence for line in grant.lines)
    assert grant.remaining_pence == grant.allocated_pence - grant.spent_pence >= 0
    assert [line.purpose for line in grant.lines][0] == "Improvement specialist"
    assert all(line.remaining_pence >= 0 for line in grant.lines)


def test_meetings_list_detail_next_and_last(session: Session) -> None:
    rows = meetings.list_meetings(session=session)
    assert rows[0].status == "PLANNED" and rows[0].meeting_date > TODAY
    assert all(r.status in ("HELD", "CANCELLED") for r in rows[1:])  # the demo has one cancelled meeting
    assert sum(r.status == "CANCELLED" for r in rows) == 1 and rows[1].status == "HELD"
    assert [r.meeting_date for r in rows] == sorted((r.meeting_date for r in rows), reverse=True)
    nxt = meeting_calendar.next_meeting(session=session, today=TODAY)
    last = meeting_calendar.last_held_meeting(session=session, today=TODAY)
    assert nxt is not None and nxt.id == rows[0].id and nxt.chair_name
    assert last is not None and last.id == rows[1].id and last.meeting_date < TODAY

    detail = meetings.meeting_detail(last.id, session=session)
    assert [a.item_order for a in detail.agenda] == list(range(1, len(detail.agenda) + 1))
    assert all(a.notes for a in detail.agenda)
    assert detail.attendance and all(a.name for a in detail.attendance)
    assert all((a.code == "D") == bool(a.deputy_name) for a in detail.attendance)
    assert detail.decisions and all(d.meeting_id == last.id for d in detail.decisions)
    assert detail.challenges and detail.meeting.open_challenges == sum(
        c.status == "OPEN" for c in detail.challenges)

    upcoming = meetings.meeting_detail(nxt.id, session=session)
    assert upcoming.agenda and not any(a.notes for a in upcoming.agenda)
    assert not upcoming.decisions
    assert meeting_calendar.next_meeting(session=session, today=date(2030, 1, 1)) is None

    log = meetings.challenge_log(session=session)
    assert len(log) > len(meetings.challenge_log(session=session, open_only=True)) > 0
    assert len(meetings.decisions(session=session)) >= len(rows) - 1
    with pytest.raises(LookupError):
        meetings.meeting_detail(9999, session=session)

