"""Themes: add, edit, reorder, and a used theme cannot be deleted until its actions move."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session

from boardapp.db.models import Action
from boardapp.domain.rules import ValidationError
from boardapp.services.people import themes
from boardapp.services.people.errors import InUseError
from boardapp.services.people.queries import list_themes
from boardapp.services.plan.commands import create_action


def _codes(session: Session) -> list[str]:
    return [t.code for t in themes.list_theme_rows(session=session)]


def test_wizard_themes_come_in_order_with_their_lead(db: Session) -> None:
    rows = themes.list_theme_rows(session=db)
    assert [(t.code, t.title, t.lead_name, t.ilacs_area) for t in rows] == [
        ("T1", "Front door", "Sam Okafor", "HELP_AND_PROTECTION"), ("T2", "Children in care", "", "CHILDREN_IN_CARE")]


def test_add_edit_and_reorder(db: Session, audit: Any) -> None:
    row = themes.create_theme(session=db, who="Lucy", code="t3", title=" Care leavers ", ilacs_area="CARE_LEAVERS")
    assert (row.code, row.title) == ("T3", "Care leavers") and _codes(db) == ["T1", "T2", "T3"]
    themes.update_theme(row.id, {"title": "Care leavers aged 18+"}, session=db, who="Lucy")
    before = themes.move_theme(row.id, -1, session=db, who="Lucy")
    assert _codes(db) == ["T1", "T3", "T2"]
    assert themes.move_theme(themes.list_theme_rows(session=db)[0].id, -1, session=db, who="Lucy") is None
    themes.set_theme_order(before, session=db, who="Lucy")  # undo
    assert _codes(db) == ["T1", "T2", "T3"]
    assert ("Lucy", "theme", row.id, "title", "Care leavers", "Care leavers aged 18+") in audit(db, "theme")


@pytest.mark.parametrize(("values", "field"), [
    ({"code": "T1", "title": "Again"}, "code"), ({"code": "", "title": "No code"}, "code"),
    ({"code": "T 9", "title": "Space"}, "code"), ({"code": "T9", "title": " "}, "title"),
    ({"code": "T9", "title": "Area", "ilacs_area": "NOWHERE"}, "ilacs_area"),
])
def test_bad_themes_name_the_field(db: Session, values: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        themes.create_theme(session=db, who="T", **values)
    assert caught.value.field == field


def test_a_used_theme_is_not_deleted_until_its_actions_move(db: Session) -> None:
    t1, t2 = themes.list_theme_rows(session=db)
    ids = [create_action(session=db, who="T", title=f"A{i}", theme_id=t1.id, due_date=date(2027, 5, 1)).id
           for i in range(2)]
    with pytest.raises(InUseError, match="move them to another theme") as caught:
        themes.delete_theme(t1.id, session=db, who="T")
    assert caught.value.live_actions == 2 and _codes(db) == ["T1", "T2"]

    deletion = themes.delete_theme(t1.id, session=db, who="Lucy", move_actions_to=t2.id)
    db.expire_all()
    assert _codes(db) == ["T2"] and [t.code for t in list_themes(session=db)] == ["T2"]
    assert all(db.get(Action, i).theme_id == t2.id for i in ids)
    assert deletion.hard  # nothing refers to it once its actions have moved

    themes.restore_theme(deletion, session=db, who="Lucy")
    db.expire_all()
    assert _codes(db) == ["T1", "T2"] and all(db.get(Action, i).theme_id == t1.id for i in ids)


def test_an_unused_theme_goes_outright_and_its_code_is_free(db: Session) -> None:
    t2 = themes.list_theme_rows(session=db)[1]
    deletion = themes.delete_theme(t2.id, session=db, who="T")
    assert deletion.hard and _codes(db) == ["T1"]
    themes.create_theme(session=db, who="T", code="T2", title="A new T2")
    assert _codes(db) == ["T1", "T2"]


def test_moving_a_themes_actions_and_back(db: Session) -> None:
    t1, t2 = themes.list_theme_rows(session=db)
    action = create_action(session=db, who="T", title="A", theme_id=t1.id, due_date=date(2027, 5, 1)).id
    moved = themes.move_theme_actions(t1.id, t2.id, session=db, who="T")
    assert moved == [action] and themes.theme_row(t2.id, session=db).actions == 1
    themes.move_actions_back(moved, t1.id, t2.id, session=db, who="T")
    assert themes.theme_row(t1.id, session=db).open_actions == 1
