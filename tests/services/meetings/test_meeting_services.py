"""Meetings, agenda, papers and attendance use-cases: what they write, what they refuse, how they undo."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from boardapp.db.models import AuditEntry, Board, Meeting, Paper, Person
from boardapp.domain.rules import ValidationError
from boardapp.services.meetings import agenda as ag
from boardapp.services.meetings import attendance as att
from boardapp.services.meetings import meetings as mt
from boardapp.services.meetings import papers as pp
from boardapp.services.meetings.queries import agenda, list_meetings
from boardapp.services.meetings.sections import AGENDA_SECTION_KEYS

WHO = "Test Secretary"


@pytest.fixture
def db(workspace_path: Path) -> Iterator[Session]:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace

    engine = open_workspace(workspace_path)
    with session_scope(engine) as s:
        s.add(Board(name="Test Board", quorum=2))
        for name, member in (("Ann Chair", True), ("Bob Member", True), ("Cat Member", True), ("Dan Officer", False)):
            s.add(Person(name=name, is_member=member))
        s.commit()
        yield s
    engine.dispose()


def person(db: Session, name: str) -> int:
    return db.exec(select(Person).where(Person.name == name)).one().id  # type: ignore[return-value]


def make_pdf(path: Path, pages: int = 2, *, encrypt: bool = False, title: str = "DCS progress report") -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title, "/Author": "Director of Children's Services"})
    if encrypt:
        writer.encrypt("secret")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_a_new_meeting_gets_the_standing_items_timed_from_its_start(db: Session) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8), start_time=time(10, 0),
                                   place="Town Hall, Committee Room 2")
    items = agenda(meeting_id, session=db)
    assert [i.title for i in items] == [t for t, *_ in ag.STANDING_ITEMS]
    assert [i.number for i in items] == ["1", "2", "3", "4", "5", "6", "7"]
    assert items[0].starts == time(10, 0) and items[1].starts == time(10, 5)
    assert {i.pack_section for i in items} - {""} <= AGENDA_SECTION_KEYS
    row = list_meetings(session=db, meeting_id=meeting_id)[0]
    assert row.end_time == time(10, 55) and row.agenda_items == 7
    assert db.exec(select(AuditEntry).where(AuditEntry.entity == "meeting", AuditEntry.entity_id == meeting_id)).first()


def test_meeting_fields_are_validated_by_name(db: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8), title="  ")
    assert caught.value.field == "title"
    with pytest.raises(ValidationError) as caught:
        mt.create_meeting(session=db, who=WHO, meeting_date="8/12/2026")
    assert caught.value.field == "meeting_date"
    assert db.exec(select(Meeting)).all() == []


def test_cancel_delete_and_restore(db: Session) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8))
    assert mt.cancel_meeting(meeting_id, session=db, who=WHO) == {"status": "PLANNED"}
    mt.update_meeting(meeting_id, {"status": "PLANNED"}, session=db, who=WHO, expected={"status": "CANCELLED"})
    mt.delete_meeting(meeting_id, session=db, who=WHO)
    assert list_meetings(session=db) == []
    mt.restore_meeting(meeting_id, session=db, who=WHO)
    assert [m.id for m in list_meetings(session=db)] == [meeting_id]
    mt.update_meeting(meeting_id, {"status": "HELD"}, session=db, who=WHO)
    with pytest.raises(ValidationError) as caught:
        mt.delete_meeting(meeting_id, session=db, who=WHO)
    assert caught.value.field == "status"


def test_next_date_follows_the_board_frequency(db: Session) -> None:
    day, start, place = mt.next_meeting_date(session=db, today=date(2026, 12, 1))
    assert day == date(2027, 1, 5) and start == time(10, 0)  # the 1st Tuesday, a month on
    mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8), start_time=time(14, 0), place="Online")
    assert mt.next_meeting_date(session=db, today=date(2026, 12, 1)) == (date(2027, 1, 12), time(14, 0), "Online")
    board = db.exec(select(Board)).one()
    board.meeting_frequency = "SIX_WEEKLY"
    db.add(board)
    db.commit()
    assert mt.next_meeting_date(session=db, today=date(2026, 12, 1))[0] == date(2027, 1, 19)


def test_items_move_up_down_into_a_heading_and_back(db: Session) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8), start_time=time(10, 0),
                                   standing_items=False)
    a = ag.add_item(meeting_id, session=db, who=WHO, title="Performance", duration_minutes=0)
    b = ag.add_item(meeting_id, session=db, who=WHO, title="Scorecard", duration_minutes=20)
    c = ag.add_item(meeting_id, session=db, who=WHO, title="Workforce", duration_minutes=15)
    before = ag.place_item(b, session=db, who=WHO, parent_id=a, index=0)
    ag.place_item(c, session=db, who=WHO, parent_id=a, index=1)
    items = agenda(meeting_id, session=db)
    assert [(i.number, i.title, i.starts) for i in items] == [
        ("1", "Performance", time(10, 0)), ("1.1", "Scorecard", time(10, 0)), ("1.2", "Workforce", time(10, 20))]
    assert items[-1].ends == time(10, 35)
    d = ag.add_item(meeting_id, session=db, who=WHO, title="AOB", duration_minutes=5)
    ag.place_item(d, session=db, who=WHO, parent_id=None, index=0)  # to the top: the heading moves with its items
    assert [i.number + " " + i.title for i in agenda(meeting_id, session=db)] == [
        "1 AOB", "2 Performance", "2.1 Scorecard", "2.2 Workforce"]
    ag.place_item(b, session=db, who=WHO, parent_id=before.parent_id, index=before.index)
    assert [i.title for i in agenda(meeting_id, session=db) if i.depth == 0] == ["AOB", "Scorecard", "Performance"]
    with pytest.raises(ValidationError) as caught:
        ag.place_item(a, session=db, who=WHO, parent_id=d, index=0)  # Performance still has Workforce under it
    assert caught.value.field == "parent_id"


def test_delete_and_restore_an_item_with_its_sub_items(db: Session) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8), standing_items=False)
    a = ag.add_item(meeting_id, session=db, who=WHO, title="One")
    b = ag.add_item(meeting_id, session=db, who=WHO, title="Two")
    ag.add_item(meeting_id, session=db, who=WHO, title="Two point one", parent_id=b)
    ag.add_item(meeting_id, session=db, who=WHO, title="Three")
    _stamp, where = ag.delete_item(b, session=db, who=WHO)
    assert [i.title for i in agenda(meeting_id, session=db)] == ["One", "Three"]
    ag.restore_item(b, session=db, who=WHO, placement=where)
    assert [i.number + " " + i.title for i in agenda(meeting_id, session=db)] == [
        "1 One", "2 Two", "2.1 Two point one", "3 Three"]
    assert a


def test_item_fields_are_validated_by_name(db: Session) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8), standing_items=False)
    for fields, field in (({"title": ""}, "title"), ({"title": "x", "duration_minutes": -5}, "duration_minutes"),
                          ({"title": "x", "purpose": "VOTE"}, "purpose"), ({"title": "x", "pack_section": "nope"},
                                                                          "pack_section")):
        with pytest.raises(ValidationError) as caught:
            ag.add_item(meeting_id, session=db, who=WHO, **fields)
        assert caught.value.field == field


def test_copy_agenda_from_the_previous_meeting_and_undo(db: Session) -> None:
    first = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 11, 10))
    ag.add_item(first, session=db, who=WHO, title="Workforce deep dive", duration_minutes=30, confidential=True)
    second = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8))
    source = ag.previous_meeting_with_agenda(second, session=db)
    assert source is not None and source.id == first
    before = [i.id for i in agenda(second, session=db)]
    change = ag.copy_agenda(second, first, session=db, who=WHO)
    copied = agenda(second, session=db)
    assert [i.title for i in copied] == [i.title for i in agenda(first, session=db)]
    assert copied[-1].confidential and copied[-1].duration_minutes == 30
    ag.undo_copy_agenda(second, change, session=db, who=WHO)
    assert [i.id for i in agenda(second, session=db)] == before


def test_a_pdf_is_attached_and_late_after_the_pack_was_issued(db: Session, tmp_path: Path) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8))
    item = agenda(meeting_id, session=db)[3].id
    paper_id = pp.add_paper(meeting_id, make_pdf(tmp_path / "dcs.pdf", 3), session=db, who=WHO, agenda_item_id=item)
    [row] = pp.list_papers(meeting_id, session=db)
    assert (row.title, row.author, row.page_count, row.late) == ("DCS progress report", "Director of Children's Services",
                                                                 3, False)
    assert pp.paper_content(paper_id, session=db)[1].startswith(b"%PDF-")
    issued = datetime.now(timezone.utc)
    mt.set_pack_issued(meeting_id, issued, session=db, who=WHO)
    late_id = pp.add_paper(meeting_id, make_pdf(tmp_path / "late.pdf", title=""), session=db, who=WHO)
    late = {r.id: r for r in pp.list_papers(meeting_id, session=db)}
    assert late[late_id].late and late[late_id].title == "late" and not late[paper_id].late
    mt.set_pack_issued(meeting_id, None, session=db, who=WHO)
    assert not any(r.late for r in pp.list_papers(meeting_id, session=db))
    pp.remove_paper(paper_id, session=db, who=WHO)
    assert [r.id for r in pp.list_papers(meeting_id, session=db)] == [late_id]
    pp.restore_paper(paper_id, session=db, who=WHO)
    assert agenda(meeting_id, session=db)[3].papers == 1


def test_bad_papers_are_refused_naming_the_file(db: Session, tmp_path: Path) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8))
    text = tmp_path / "minutes.docx"
    text.write_bytes(b"PK\x03\x04 not a pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage garbage")
    locked = make_pdf(tmp_path / "locked.pdf", encrypt=True)
    renamed = tmp_path / "notes.pdf"  # a text file someone renamed: not told to "save it as PDF" only
    renamed.write_bytes(b"Notes for the board")
    for path, words in ((text, "is not a PDF"), (broken, "not a readable PDF"), (locked, "encrypted"),
                        (renamed, "is named .pdf but is not a PDF inside")):
        with pytest.raises(ValidationError) as caught:
            pp.add_paper(meeting_id, path, session=db, who=WHO)
        assert caught.value.field == "file" and path.name in caught.value.message and words in caught.value.message
    with pytest.raises(ValidationError) as caught:
        pp.read_pdf(make_pdf(tmp_path / "big.pdf"), max_bytes=100)
    assert "big.pdf" in caught.value.message and "at most" in caught.value.message
    assert db.exec(select(Paper)).all() == []


def test_attendance_with_a_deputy_guests_and_quorum(db: Session) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8))
    sheet = att.attendance_sheet(meeting_id, session=db)
    assert [r.name for r in sheet.rows] == ["Ann Chair", "Bob Member", "Cat Member"] and sheet.quorum_met is False
    assert att.set_attendance(meeting_id, person(db, "Ann Chair"), "Y", session=db, who=WHO) is None
    with pytest.raises(ValidationError) as caught:
        att.set_attendance(meeting_id, person(db, "Bob Member"), "D", session=db, who=WHO)
    assert caught.value.field == "deputy_name"
    att.set_attendance(meeting_id, person(db, "Bob Member"), "D", "Eve Deputy", session=db, who=WHO)
    before = att.set_attendance(meeting_id, person(db, "Cat Member"), "A", session=db, who=WHO)
    guest, created = att.add_guest(meeting_id, session=db, who=WHO, name="Dan Officer")
    assert not created
    sheet = att.attendance_sheet(meeting_id, session=db)
    assert [(r.name, r.code, r.deputy_name) for r in sheet.rows] == [
        ("Ann Chair", "Y", ""), ("Bob Member", "D", "Eve Deputy"), ("Cat Member", "A", ""), ("Dan Officer", "Y", "")]
    assert sheet.present == 2 and sheet.quorum_met is True
    att.set_attendance(meeting_id, person(db, "Cat Member"), None, session=db, who=WHO, expected=("A", ""))
    assert before is None
    with pytest.raises(ValidationError):
        att.add_guest(meeting_id, session=db, who=WHO, name="Ann Chair")
    att.remove_guest(meeting_id, guest, session=db, who=WHO)
    assert "Dan Officer" not in [r.name for r in att.attendance_sheet(meeting_id, session=db).rows]


def test_the_matrix_leaves_cancelled_meetings_out(db: Session) -> None:
    ann, bob = person(db, "Ann Chair"), person(db, "Bob Member")
    ids = [mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, m, 10), standing_items=False)
           for m in (1, 2, 3, 4)]
    for i, meeting_id in enumerate(ids):
        att.set_attendance(meeting_id, ann, "Y", session=db, who=WHO)
        att.set_attendance(meeting_id, bob, "A" if i % 2 else "Y", session=db, who=WHO)
    mt.cancel_meeting(ids[1], session=db, who=WHO)
    matrix = att.attendance_matrix(session=db, today=date(2026, 5, 1))
    assert [m for m, _d in matrix.meetings] == [ids[0], ids[2], ids[3]]
    rows: dict[str, Any] = {r.name: r for r in matrix.rows}
    assert rows["Ann Chair"].rate == 1.0 and rows["Bob Member"].codes == ("Y", "Y", "A")
    assert rows["Bob Member"].rate == pytest.approx(2 / 3) and rows["Cat Member"].rate is None


def test_a_guest_added_by_a_new_name_is_removed_with_the_person(db: Session) -> None:
    meeting_id = mt.create_meeting(session=db, who=WHO, meeting_date=date(2026, 12, 8))
    guest, created = att.add_guest(meeting_id, session=db, who=WHO, name="  Dr  New   Adviser ")
    assert created and db.get(Person, guest).name == "Dr New Adviser"  # type: ignore[union-attr]
    att.remove_guest(meeting_id, guest, session=db, who=WHO, delete_person=True)
    assert db.get(Person, guest) is None
    kept, created = att.add_guest(meeting_id, session=db, who=WHO, name="Dan Officer")
    other = mt.create_meeting(session=db, who=WHO, meeting_date=date(2027, 1, 12), standing_items=False)
    att.add_guest(other, session=db, who=WHO, person_id=kept)
    att.remove_guest(meeting_id, kept, session=db, who=WHO, delete_person=True)
    assert not created and db.get(Person, kept) is not None  # still at another meeting: the directory keeps them
