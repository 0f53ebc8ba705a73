"""The directory: add, edit, leave with the open actions reassigned (and undo), delete refused, merge."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, select

from boardapp.db.models import Action, MeetingAttendance, Meeting, Theme
from boardapp.domain.rules import ValidationError
from boardapp.services.people import people
from boardapp.services.people.errors import InUseError
from boardapp.services.plan.commands import create_action, update_action


def _by_name(session: Session, name: str) -> int:
    return next(p.id for p in people.list_directory(session=session) if p.name == name)


def _action(session: Session, owner: int, title: str = "Audit the front door", **extra: object) -> int:
    return create_action(session=session, who="Test", title=title, owner_id=owner, due_date=date(2027, 6, 30),
                         **extra).id


def test_the_wizard_directory_lists_chair_and_members(db: Session) -> None:
    rows = people.list_directory(session=db)
    assert [(r.name, r.role, r.is_member) for r in rows] == [
        ("Dr Ada Fairweather", "Independent Chair", True), ("Jo Reyes", "DfE adviser", True),
        ("Sam Okafor", "DCS", True)]
    assert rows[2].email == "sam.okafor@northshire.example"


def test_add_and_edit_record_the_name_in_the_audit(db: Session, audit: Any) -> None:
    row = people.create_person(session=db, who="Lucy Abernethy", name="  Priya   Venkat ", role="Head of Service")
    assert row.name == "Priya Venkat" and not row.is_member and row.active
    edited = people.update_person(row.id, {"email": "priya@example.org", "is_member": True}, session=db,
                                  who="Lucy Abernethy", expected_version=row.version)
    assert edited.email == "priya@example.org" and edited.is_member
    trail = audit(db, "person")[-3:]
    assert trail == [("Lucy Abernethy", "person", row.id, "created", None, "Priya Venkat"),
                     ("Lucy Abernethy", "person", row.id, "email", "", "priya@example.org"),
                     ("Lucy Abernethy", "person", row.id, "is_member", "False", "True")]


@pytest.mark.parametrize(("values", "field"), [
    ({"name": "   "}, "name"), ({"name": "A", "email": "not an address"}, "email"), ({"name": "x" * 121}, "name"),
])
def test_bad_details_name_the_field(db: Session, values: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        people.create_person(session=db, who="T", **values)
    assert caught.value.field == field


def test_leaving_owner_hands_open_actions_to_a_successor_and_undo_gives_them_back(db: Session, audit: Any) -> None:
    sam, jo = _by_name(db, "Sam Okafor"), _by_name(db, "Jo Reyes")
    open_ids = [_action(db, sam, f"Open {i}") for i in range(3)]
    done = _action(db, sam, "Finished one")
    update_action(done, {"status": "COMPLETE", "brag": "BLUE", "progress": 100}, session=db, who="T")
    assert people.person_row(sam, session=db).open_actions == 3

    record = people.leave_board(sam, session=db, who="Lucy", left_on=date(2027, 3, 31), successor_id=jo)
    db.expire_all()
    assert sorted(record.moved_action_ids) == sorted(open_ids)
    owners = {a.id: a.owner_id for a in db.exec(select(Action)).all()}
    assert [owners[i] for i in open_ids] == [jo, jo, jo] and owners[done] == sam  # history stays with Sam
    assert people.person_row(sam, session=db).left_on == date(2027, 3, 31)
    assert ("Lucy", "action", open_ids[0], "owner_id", str(sam), str(jo)) in audit(db, "action")

    people.undo_leave(record, session=db, who="Lucy")
    db.expire_all()
    assert all(db.get(Action, i).owner_id == sam for i in open_ids)
    assert people.person_row(sam, session=db).left_on is None


def test_leave_refuses_a_successor_who_has_left_and_changes_nothing(db: Session) -> None:
    sam, jo = _by_name(db, "Sam Okafor"), _by_name(db, "Jo Reyes")
    action = _action(db, sam)
    people.update_person(jo, {"left_on": date(2027, 1, 1)}, session=db, who="T")
    with pytest.raises(ValidationError, match="has left") as caught:
        people.leave_board(sam, session=db, who="T", left_on=date(2027, 3, 31), successor_id=jo)
    assert caught.value.field == "successor"
    db.expire_all()
    assert db.get(Action, action).owner_id == sam and people.person_row(sam, session=db).left_on is None


def test_deleting_an_owner_of_open_actions_is_refused_with_the_offer(db: Session) -> None:
    sam = _by_name(db, "Sam Okafor")
    _action(db, sam)
    with pytest.raises(InUseError, match="mark them as left and reassign") as caught:
        people.delete_person(sam, session=db, who="T")
    assert caught.value.open_actions == 1


def test_a_mistaken_entry_can_be_deleted_and_restored_with_its_id(db: Session) -> None:
    row = people.create_person(session=db, who="T", name="Typo Person")
    fields = people.delete_person(row.id, session=db, who="T")
    assert row.id not in {p.id for p in people.list_directory(session=db)}
    again = people.restore_person(fields, session=db, who="T")
    assert (again.id, again.name) == (row.id, "Typo Person")


def test_same_names_are_flagged_and_merging_moves_every_reference(db: Session, audit: Any) -> None:
    sam = _by_name(db, "Sam Okafor")
    twin = people.create_person(session=db, who="T", name="sam  okafor", email="", role="",
                                organisation="", is_member=False).id
    other = people.create_person(session=db, who="T", name="Somebody Else").id
    assert {r.name: r.same_name for r in people.list_directory(session=db)}["sam  okafor".replace("  ", " ")] == 1
    assert [[p.id for p in g] for g in people.duplicate_groups(session=db)] == [[sam, twin]]
    mine, theirs = _action(db, sam, "Sam's"), _action(db, twin, "Twin's")
    theme = db.exec(select(Theme).where(Theme.code == "T2")).one()
    theme.lead_id = twin
    db.add(theme)
    m1 = Meeting(meeting_date=date(2027, 1, 10), status="HELD")
    m2 = Meeting(meeting_date=date(2027, 2, 10), status="HELD")
    db.add_all([m1, m2])
    db.flush()
    db.add_all([MeetingAttendance(meeting_id=m1.id, person_id=sam, code="Y"),
                MeetingAttendance(meeting_id=m1.id, person_id=twin, code="A"),
                MeetingAttendance(meeting_id=m2.id, person_id=twin, code="Y"),
                MeetingAttendance(meeting_id=m2.id, person_id=other, code="N")])
    db.commit()

    record = people.merge_people(sam, twin, session=db, who="Lucy")
    db.expire_all()
    assert twin not in {p.id for p in people.list_directory(session=db)}
    assert db.get(Action, theirs).owner_id == sam and db.get(Action, mine).owner_id == sam
    assert db.get(Theme, theme.id).lead_id == sam
    attendance = sorted((a.meeting_id, a.person_id, a.code) for a in db.exec(select(MeetingAttendance)).all())
    assert attendance == [(m1.id, sam, "Y"), (m2.id, sam, "Y"), (m2.id, other, "N")]
    assert people.duplicate_groups(session=db) == []
    assert any(e[3] == "merged" and e[0] == "Lucy" for e in audit(db, "person"))

    people.unmerge_people(record, session=db, who="Lucy")
    db.expire_all()
    assert db.get(Action, theirs).owner_id == twin and db.get(Theme, theme.id).lead_id == twin
    attendance = sorted((a.meeting_id, a.person_id, a.code) for a in db.exec(select(MeetingAttendance)).all())
    assert attendance == sorted([(m1.id, sam, "Y"), (m1.id, twin, "A"), (m2.id, twin, "Y"), (m2.id, other, "N")])


def test_merging_fills_blank_details_from_the_duplicate(db: Session) -> None:
    keep = people.create_person(session=db, who="T", name="Ann Lee").id
    dup = people.create_person(session=db, who="T", name="Ann Lee", email="ann@example.org", role="Head of QA",
                               is_member=True).id
    people.merge_people(keep, dup, session=db, who="T")
    row = people.person_row(keep, session=db)
    assert (row.email, row.role, row.is_member, row.same_name) == ("ann@example.org", "Head of QA", True, 0)
