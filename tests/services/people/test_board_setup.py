"""A new workspace of one's own (what the wizard and `boardapp new` make) and the board's settings."""
from __future__ import annotations

from datetime import date
from typing import Any
from pathlib import Path

import pytest
from sqlmodel import Session

from boardapp.domain.rules import ValidationError
from boardapp.services.people import board
from boardapp.services.people.setup import MemberDraft, ThemeDraft, WorkspaceSetup, create_workspace

TODAY = date(2027, 3, 1)  # as in conftest.py


def test_the_workspace_has_board_chair_and_next_meeting(db: Session, audit: Any) -> None:
    row = board.board_row(session=db, today=TODAY)
    assert (row.name, row.council, row.chair_name, row.default_marking, row.meeting_frequency) == (
        "Northshire Improvement Board", "Northshire County Council", "Dr Ada Fairweather", "OFFICIAL-SENSITIVE",
        "MONTHLY")
    assert row.next_meeting is not None and row.next_meeting.meeting_date == date(2027, 3, 18)
    assert row.next_meeting.status == "PLANNED" and row.next_meeting.chair_name == ""  # the board's chair chairs it
    assert {e[0] for e in audit(db)} == {"Setup Person"}


@pytest.mark.parametrize(("setup", "field"), [
    (WorkspaceSetup(name=" "), "name"),
    (WorkspaceSetup(la_code="89"), "la_code"),
    (WorkspaceSetup(quorum=0), "quorum"),
    (WorkspaceSetup(next_meeting=date(2027, 2, 1)), "next_meeting"),
    (WorkspaceSetup(members=(MemberDraft("A"), MemberDraft("B", email="b@"))), "members row 2 email"),
    (WorkspaceSetup(themes=(ThemeDraft("T1", "One"), ThemeDraft("t1", "Two"))), "themes row 2 code"),
])
def test_bad_setup_names_the_field_and_leaves_no_file(tmp_path: Path, setup: WorkspaceSetup, field: str) -> None:
    target = tmp_path / "bad.db"
    with pytest.raises(ValidationError) as caught:
        create_workspace(target, setup, who="T", today=TODAY)
    assert caught.value.field == field
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "taken.db"
    target.write_bytes(b"precious")
    with pytest.raises(FileExistsError, match="already exists"):
        create_workspace(target, WorkspaceSetup(), who="T", today=TODAY)
    assert target.read_bytes() == b"precious"


def test_board_settings_change_with_a_new_chair(db: Session, audit: Any) -> None:
    before = board.board_row(session=db, today=TODAY)
    row, chair_id = board.update_board(
        {"name": "Northshire Children's Improvement Board", "quorum": "5", "la_code": "892",
         "default_marking": "official", "meeting_frequency": "SIX_WEEKLY"},
        session=db, who="Lucy", expected_version=before.version, new_chair_name="Prof Neil Bright")
    assert (row.name, row.quorum, row.la_code, row.default_marking, row.meeting_frequency, row.chair_name) == (
        "Northshire Children's Improvement Board", 5, "892", "OFFICIAL", "SIX_WEEKLY", "Prof Neil Bright")
    assert chair_id == row.chair_id
    assert ("Lucy", "board", row.id, "quorum", None, "5") in audit(db, "board")


@pytest.mark.parametrize(("changes", "field"), [
    ({"la_code": "ABC"}, "la_code"), ({"quorum": "many"}, "quorum"), ({"name": ""}, "name"),
    ({"default_marking": " "}, "default_marking"), ({"meeting_frequency": "DAILY"}, "meeting_frequency"),
])
def test_bad_settings_name_the_field(db: Session, changes: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        board.update_board(changes, session=db, who="T")
    assert caught.value.field == field


def test_the_next_meeting_moves_and_undo_puts_it_back(db: Session) -> None:
    change = board.set_next_meeting(date(2027, 3, 25), session=db, who="T", today=TODAY)
    assert change is not None and change.old_date == date(2027, 3, 18)
    assert board.board_row(session=db, today=TODAY).next_meeting.meeting_date == date(2027, 3, 25)
    board.undo_next_meeting(change, session=db, who="T")
    assert board.board_row(session=db, today=TODAY).next_meeting.meeting_date == date(2027, 3, 18)
    with pytest.raises(ValidationError) as caught:
        board.set_next_meeting(date(2027, 2, 1), session=db, who="T", today=TODAY)
    assert caught.value.field == "next_meeting"


def test_board_settings_with_a_new_chair_and_meeting_are_one_undoable_change(db: Session) -> None:
    before = board.board_row(session=db, today=TODAY)
    change = board.save_board_settings({"council": "Northshire Council"}, session=db, who="Lucy",
                                       new_chair_name="Prof Neil Bright", next_meeting_on=date(2027, 4, 1), today=TODAY)
    after = board.board_row(session=db, today=TODAY)
    assert (after.council, after.chair_name, after.next_meeting.meeting_date) == (
        "Northshire Council", "Prof Neil Bright", date(2027, 4, 1))
    board.undo_board_settings(change, session=db, who="Lucy")
    again = board.board_row(session=db, today=TODAY)
    assert (again.council, again.chair_name, again.next_meeting.meeting_date) == (
        before.council, before.chair_name, date(2027, 3, 18))
    from boardapp.services.people.people import list_directory

    assert "Prof Neil Bright" not in {p.name for p in list_directory(session=db)}
