"""Plan use-cases: one transaction each, an audit row per changed field, frozen rows out."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from boardapp.db.models import Action, AuditEntry, Meeting, Person, Theme
from boardapp.domain.enums import Direction
from boardapp.domain.rules import ValidationError
from boardapp.services.plan import commands as plan
from boardapp.services.plan.register_read import list_action_rows
from boardapp.services.plan.queries import action_history

TODAY = date(2026, 11, 23)


@pytest.fixture
def session(engine: Engine) -> Any:
    with Session(engine, expire_on_commit=False) as s:
        s.add(Person(name="Priya Example", role="Head of Safeguarding"))
        s.add(Theme(code="T1", title="The Front Door", ilacs_area="HELP_AND_PROTECTION"))
        s.commit()
        yield s


def _new(session: Session, **over: Any) -> Any:
    fields = dict(title="Screen referrals within a day", due_date=date(2026, 12, 1), theme_id=1, owner_id=1) | over
    return plan.create_action(session=session, who="tester", **fields)


def _audit(session: Session, action_id: int) -> list[tuple[str, str | None, str | None]]:
    rows = session.exec(select(AuditEntry).where(AuditEntry.entity_id == action_id).order_by(AuditEntry.id)).all()
    return [(a.field, a.old, a.new) for a in rows]


def test_create_gives_next_ref_and_audits(session: Session) -> None:
    first, second = _new(session), _new(session)
    assert (first.ref, second.ref) == ("T1.1", "T1.2")
    assert first.owner_name == "Priya Example" and first.theme_title == "The Front Door"
    assert _audit(session, first.id) == [("created", None, "T1.1")]


def test_edit_writes_one_audit_row_per_changed_field(session: Session) -> None:
    row = _new(session)
    changed = plan.update_action(
        row.id, {"title": "Screen all referrals", "brag": "RED", "progress": 0}, session=session, who="tester"
    )
    assert changed.version == row.version + 1
    assert _audit(session, row.id)[1:] == [("title", row.title, "Screen all referrals"), ("brag", "GREEN", "RED")]
    assert all(a.who == "tester" for a in session.exec(select(AuditEntry)).all())


def test_stale_version_is_refused(session: Session) -> None:
    row = _new(session)
    plan.update_action(row.id, {"title": "Changed elsewhere"}, session=session, who="a")
    with pytest.raises(plan.ConflictError):
        plan.update_action(row.id, {"title": "Mine"}, session=session, who="b", expected_version=row.version)


def test_bad_edit_names_the_field_and_writes_nothing(session: Session) -> None:
    row = _new(session, start_date=date(2026, 1, 1))
    with pytest.raises(ValidationError) as info:
        plan.update_action(row.id, {"due_date": date(2025, 1, 1), "title": "x"}, session=session, who="t")
    assert info.value.field == "due_date"
    session.rollback()
    assert session.get(Action, row.id).title == row.title  # type: ignore[union-attr]
    assert len(_audit(session, row.id)) == 1


def test_bulk_change_is_all_or_nothing(session: Session) -> None:
    a, b = _new(session), _new(session, status="COMPLETE", brag="BLUE", progress=100)
    with pytest.raises(ValidationError) as info:
        plan.bulk_update_actions([b.id, a.id], {"brag": "BLUE"}, session=session, who="t")
    assert a.ref in str(info.value)
    assert session.get(Action, a.id).brag == "GREEN"  # type: ignore[union-attr]
    rows = plan.bulk_update_actions([a.id, b.id], {"brag": "RED", "status": "IN_PROGRESS"}, session=session, who="t")
    assert {r.brag for r in rows} == {"RED"}


def test_delete_is_recoverable(session: Session) -> None:
    row = _new(session)
    plan.delete_action(row.id, session=session, who="t")
    assert list_action_rows(session=session, today=TODAY) == []
    assert [r.ref for r in list_action_rows(session=session, today=TODAY, include_deleted=True)] == [row.ref]
    plan.restore_action(row.id, session=session, who="t")
    assert [r.ref for r in list_action_rows(session=session, today=TODAY)] == [row.ref]


def test_progress_update_sets_brag_and_shows_in_history(session: Session) -> None:
    row = _new(session)
    after = plan.add_action_update(
        row.id, session=session, who="t", update_date=TODAY, narrative="Duty rota agreed", brag="AMBER", progress=30
    )
    assert (after.brag, after.progress, after.latest_update) == ("AMBER", 30, "Duty rota agreed")
    kinds = [(h.kind, h.text) for h in action_history(row.id, session=session)]
    assert ("update", "Duty rota agreed") in kinds
    assert any(k == "change" and "brag" in t for k, t in kinds)
    with pytest.raises(ValidationError):
        plan.add_action_update(row.id, session=session, who="t", update_date=TODAY, narrative=" ", brag="RED", progress=0)


def test_direction_of_travel_since_last_meeting(session: Session) -> None:
    meeting_day = TODAY - timedelta(days=10)
    session.add(Meeting(meeting_date=meeting_day, status="HELD"))
    session.commit()
    before_meeting = datetime.combine(meeting_day - timedelta(days=5), time(9), tzinfo=timezone.utc)
    worse, better, same = _new(session), _new(session), _new(session)
    for entry in session.exec(select(AuditEntry)).all():  # pretend all three existed before the meeting
        entry.at = before_meeting
        session.add(entry)
    for action in session.exec(select(Action)).all():
        action.created_at = before_meeting
        session.add(action)
    session.commit()
    plan.update_action(worse.id, {"brag": "RED"}, session=session, who="t")
    plan.update_action(better.id, {"status": "COMPLETE", "brag": "BLUE", "progress": 100}, session=session, who="t")
    new = _new(session)
    directions = {r.ref: r.direction for r in list_action_rows(session=session, today=TODAY)}
    assert directions == {
        worse.ref: Direction.WORSE, better.ref: Direction.BETTER, same.ref: Direction.SAME, new.ref: Direction.NEW,
    }


def test_history_reads_as_words_names_and_uk_dates(session: Session) -> None:
    session.add(Person(name="Sam Other"))
    session.commit()
    row = _new(session)
    plan.update_action(
        row.id, {"brag": "AMBER", "status": "IN_PROGRESS", "owner_id": 2, "revised_due_date": date(2027, 1, 31)},
        session=session, who="tester",
    )
    changes = {h.field: (h.old, h.new) for h in action_history(row.id, session=session) if h.kind == "change"}
    assert changes["brag"] == ("Green", "Amber")
    assert changes["status"] == ("Not started", "In progress")
    assert changes["owner_id"] == ("Priya Example", "Sam Other")
    assert changes["revised_due_date"] == (None, "31/01/2027")
