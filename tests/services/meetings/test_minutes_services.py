"""Minutes, decisions, challenges, actions arising, matters arising and marking a meeting held."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from boardapp.db.models import Action, AuditEntry, Meeting, Person
from boardapp.domain.enums import Direction
from boardapp.domain.rules import ValidationError
from boardapp.services.meetings import arising, challenges, decisions, held, minutes
from boardapp.services.meetings.queries import agenda
from boardapp.services.plan import commands as plan
from boardapp.services.plan.raised import raise_action
from boardapp.services.plan.register_read import action_row, direction_baseline, list_action_rows
from boardapp.services.transaction import ConflictError

TODAY = date(2024, 9, 11)
WHO = "Test Secretary"


@pytest.fixture
def session(demo_path: Path) -> Iterator[Session]:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace

    engine = open_workspace(demo_path)
    with session_scope(engine) as s:
        yield s
    engine.dispose()


def _last_held(session: Session) -> Meeting:
    return session.exec(select(Meeting).where(Meeting.status == "HELD", Meeting.meeting_date < TODAY)
                        .order_by(Meeting.meeting_date.desc())).first()  # type: ignore[attr-defined]


def _next_planned(session: Session) -> Meeting:
    return session.exec(select(Meeting).where(Meeting.status == "PLANNED", Meeting.meeting_date >= TODAY)
                        .order_by(Meeting.meeting_date)).first()  # type: ignore[attr-defined]


def _member(session: Session) -> Person:
    return session.exec(select(Person).where(Person.is_member == True)).first()  # noqa: E712


def test_item_notes_are_written_audited_and_checked_for_version(session: Session) -> None:
    meeting = _last_held(session)
    item = agenda(meeting.id, session=session)[3]
    result = minutes.set_item_notes(item.id, "The board noted the report.", session=session, who=WHO)
    assert result.old_notes == item.notes
    assert agenda(meeting.id, session=session)[3].notes == "The board noted the report."
    audit = session.exec(select(AuditEntry).where(AuditEntry.entity == "agendaitem",
                                                   AuditEntry.entity_id == item.id)).all()
    assert [a.field for a in audit] == ["notes"]
    with pytest.raises(ConflictError):
        minutes.set_item_notes(item.id, "stale", session=session, who=WHO, expected_version=result.version - 1)
    undone = minutes.set_item_notes(item.id, result.old_notes, session=session, who=WHO, expected_version=result.version)
    assert agenda(meeting.id, session=session)[3].notes == item.notes
    assert undone.version == result.version + 1


def test_decisions_are_numbered_per_meeting_and_shown_year_month_number(session: Session) -> None:
    meeting = _next_planned(session)
    first = decisions.add_decision(meeting.id, session=session, who=WHO, text="Agreed the plan.")
    second = decisions.add_decision(meeting.id, session=session, who=WHO, text="  Approved the risks.  ")
    assert (first.number, second.number) == (1, 2)
    assert second.text == "Approved the risks."
    assert second.label == f"{meeting.meeting_date.year}/{meeting.meeting_date.month:02d}/2"
    assert decisions.decision_label(date(2026, 12, 1), 3) == "2026/12/3"
    decisions.delete_decision(second.id, session=session, who=WHO)
    assert [d.number for d in decisions.list_decisions(meeting.id, session=session)] == [1]
    restored = decisions.restore_decision(second.id, session=session, who=WHO)
    assert restored.number == 2
    with pytest.raises(ValidationError) as err:
        decisions.add_decision(meeting.id, session=session, who=WHO, text="   ")
    assert err.value.field == "text"
    with pytest.raises(ValidationError) as err:
        decisions.add_decision(meeting.id, session=session, who=WHO, text="x", agenda_item_id=10**6)
    assert err.value.field == "agenda_item"
    edited = decisions.update_decision(first.id, {"text": "Agreed the revised plan."}, session=session, who=WHO,
                                       expected_version=first.version)
    assert edited.text == "Agreed the revised plan." and edited.version == first.version + 1


def test_challenges_move_from_open_to_answered_with_the_date(session: Session) -> None:
    meeting = _next_planned(session)
    member = _member(session)
    entry = challenges.add_challenge(meeting.id, session=session, who=WHO, challenge="How do we know?",
                                     raised_by_id=member.id, directed_to="DCS")
    assert entry.status == "OPEN" and entry.raised_by_name == member.name
    with pytest.raises(ValidationError) as err:
        challenges.update_challenge(entry.id, {"status": "ANSWERED"}, session=session, who=WHO)
    assert err.value.field == "response"
    with pytest.raises(ValidationError) as err:
        challenges.update_challenge(entry.id, {"answered_on": meeting.meeting_date}, session=session, who=WHO)
    assert err.value.field == "answered_on"
    answered = challenges.update_challenge(
        entry.id, {"status": "ANSWERED", "response": "Audits.", "answered_on": meeting.meeting_date + timedelta(days=7)},
        session=session, who=WHO, expected_version=entry.version)
    assert (answered.status, answered.response) == ("ANSWERED", "Audits.")
    with pytest.raises(ValidationError) as err:
        challenges.add_challenge(meeting.id, session=session, who=WHO, challenge="")
    assert err.value.field == "challenge"
    challenges.set_challenge_deleted(entry.id, True, session=session, who=WHO)
    assert entry.id not in {c.id for c in challenges.list_challenges(meeting.id, session=session)}
    challenges.set_challenge_deleted(entry.id, False, session=session, who=WHO)
    assert entry.id in {c.id for c in challenges.list_challenges(meeting.id, session=session)}


def test_an_action_arising_goes_into_the_plan_with_where_it_was_raised(session: Session) -> None:
    meeting = _last_held(session)
    item = agenda(meeting.id, session=session)[4]
    owner = _member(session)
    row = raise_action(meeting.id, session=session, who=WHO, title="Report back on agency staff",
                       due_date=TODAY + timedelta(days=30), agenda_item_id=item.id, owner_id=owner.id)
    assert row.ref and row.title == "Report back on agency staff" and not row.deleted
    assert row.id in {r.id for r in list_action_rows(session=session, today=TODAY)}
    where = arising.raised_at(row.id, session=session)
    assert where is not None and where.meeting_id == meeting.id and where.item_id == item.id
    assert f"item {item.item_order}" in where.raised_at
    assert row.id in {a.id for a in arising.actions_arising(meeting.id, session=session)}
    # matters arising at the next meeting: this open action and the open challenges of earlier meetings
    matters = arising.matters_arising(_next_planned(session).id, session=session)
    assert row.id in {a.id for a in matters.actions}
    assert all(c.status == "OPEN" and c.meeting_date < _next_planned(session).meeting_date for c in matters.challenges)
    # undo is the plan's delete
    plan.delete_action(row.id, session=session, who=WHO)
    assert row.id not in {a.id for a in arising.actions_arising(meeting.id, session=session)}
    with pytest.raises(ValidationError) as err:
        raise_action(meeting.id, session=session, who=WHO, title="No date", due_date=None)
    assert err.value.field == "due_date"
    before = session.exec(select(Action.id)).all()
    with pytest.raises(ValidationError) as err:
        raise_action(meeting.id, session=session, who=WHO, title="", due_date=TODAY)
    assert err.value.field == "title"
    assert session.exec(select(Action.id)).all() == before  # nothing half-written


def test_marking_held_snapshots_brag_and_moves_the_baseline(session: Session) -> None:
    meeting = _last_held(session)
    rows = list_action_rows(session=session, today=TODAY)
    moved = [r for r in rows if r.direction in (Direction.BETTER, Direction.WORSE)]
    assert moved, "the demo has actions that moved since its last meeting"
    change = held.mark_held(meeting.id, session=session, who=WHO, today=TODAY)
    assert change.actions_snapshotted == len(rows)
    assert direction_baseline(session=session, today=TODAY).snapshot_meeting_id == meeting.id
    after = {r.id: r for r in list_action_rows(session=session, today=TODAY)}
    assert all(after[r.id].direction == Direction.SAME for r in moved)  # the baseline is now
    # a change after the snapshot shows as a move against it
    target = moved[0]
    new_brag = "RED" if after[target.id].brag != "RED" else "GREEN"
    plan.update_action(target.id, {"brag": new_brag}, session=session, who=WHO)
    row = action_row(target.id, session=session, today=TODAY)
    assert row.previous_brag == after[target.id].brag and row.direction != Direction.SAME
    # a new action is new against the snapshot
    fresh = plan.create_action(session=session, who=WHO, title="Fresh", due_date=TODAY)
    assert action_row(fresh.id, session=session, today=TODAY).direction == Direction.NEW
    # undo puts back the snapshot it had before
    held.unmark_held(change, session=session, who=WHO)
    assert held.has_snapshot(meeting.id, session=session) == bool(change.old_snapshot)


def test_marking_held_refuses_a_future_or_cancelled_meeting(session: Session) -> None:
    upcoming = _next_planned(session)
    with pytest.raises(ValidationError) as err:
        held.mark_held(upcoming.id, session=session, who=WHO, today=TODAY)
    assert err.value.field == "meeting_date"
    assert not held.has_snapshot(upcoming.id, session=session)


def test_minutes_are_approved_at_a_later_meeting(session: Session) -> None:
    meeting = _last_held(session)
    old = minutes.approve_minutes(meeting.id, TODAY, session=session, who=WHO)
    session.expire_all()
    assert session.get(Meeting, meeting.id).minutes_approved_on == TODAY  # type: ignore[union-attr]
    minutes.approve_minutes(meeting.id, old, session=session, who=WHO)
    with pytest.raises(ValidationError) as err:
        minutes.approve_minutes(meeting.id, meeting.meeting_date - timedelta(days=1), session=session, who=WHO)
    assert err.value.field == "minutes_approved_on"


def test_a_meeting_held_today_is_the_baseline_from_now_not_from_tomorrow(session: Session) -> None:
    """A meeting today counts once it is marked held: what moved before it no longer shows as moved."""
    from boardapp.services.meetings.calendar import last_held_meeting
    from boardapp.services.meetings.meetings import create_meeting

    last = _last_held(session)
    today_id = create_meeting(session=session, who=WHO, meeting_date=TODAY)
    assert direction_baseline(session=session, today=TODAY).snapshot_meeting_id == last.id  # planned: not yet
    target = list_action_rows(session=session, today=TODAY)[0]
    plan.update_action(target.id, {"brag": "RED" if target.brag != "RED" else "AMBER"}, session=session, who=WHO)
    assert action_row(target.id, session=session, today=TODAY).direction != Direction.SAME  # moved since 20/08
    change = held.mark_held(today_id, session=session, who=WHO, today=TODAY)
    assert direction_baseline(session=session, today=TODAY).snapshot_meeting_id == today_id
    assert last_held_meeting(session=session, today=TODAY).id == today_id  # the dashboard's "compared with"
    rows = list_action_rows(session=session, today=TODAY)
    assert all(r.direction == Direction.SAME for r in rows)
    held.unmark_held(change, session=session, who=WHO)
    assert direction_baseline(session=session, today=TODAY).snapshot_meeting_id == last.id
    assert last_held_meeting(session=session, today=TODAY).id == last.id


def test_the_register_says_where_an_action_arising_was_raised(session: Session) -> None:
    meeting = _last_held(session)
    items = agenda(meeting.id, session=session)
    row = raise_action(meeting.id, session=session, who=WHO, title="Report on placement stability",
                       due_date=TODAY + timedelta(days=30), agenda_item_id=items[3].id)
    assert (row.raised_at_meeting_id, row.raised_at) == (meeting.id, f"{meeting.meeting_date:%d/%m/%Y} · 4")
    whole = {r.id: r for r in list_action_rows(session=session, today=TODAY)}
    assert whole[row.id].raised_at == row.raised_at  # the whole-plan read says the same
    plain = raise_action(meeting.id, session=session, who=WHO, title="Write to the DfE", due_date=TODAY)
    assert action_row(plain.id, session=session).raised_at == f"{meeting.meeting_date:%d/%m/%Y}"  # no item
    assert all(r.raised_at == "" for r in whole.values() if r.raised_at_meeting_id is None)
