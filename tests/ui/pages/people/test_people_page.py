"""The People page: the directory and the themes, every edit undoable, refusals that offer the way out."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from boardapp.services.people.setup import MemberDraft, ThemeDraft, WorkspaceSetup, create_workspace

SETUP = WorkspaceSetup(
    name="Riverside Improvement Board", chair_name="Dr Ada Fairweather",
    members=(MemberDraft("Sam Okafor", "DCS"), MemberDraft("Jo Reyes", "DfE adviser")),
    themes=(ThemeDraft("FD", "The front door", "Sam Okafor"), ThemeDraft("CIC", "Children in care")),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Made once (a new workspace runs the migrations); each test works on a copy."""
    path = tmp_path_factory.mktemp("people-page") / "riverside.db"
    create_workspace(path, SETUP, who="Setup", today=date(2026, 11, 23)).dispose()
    return path


def copy_of(template: Path, target: Path) -> Path:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(template)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def ctx(template: Path, tmp_path: Path, pinned_today: date) -> Iterator[Any]:
    from boardapp.db.workspace import open_workspace
    from boardapp.ui.common.context import AppContext

    path = copy_of(template, tmp_path / "riverside.db")
    engine = open_workspace(path)
    context = AppContext(engine, path, "Lucy Abernethy")
    yield context
    context.undo_stack.clear()
    engine.dispose()


@pytest.fixture
def page(qtbot: Any, ctx: Any) -> Iterator[Any]:
    from PySide6.QtWidgets import QMainWindow

    from boardapp.ui.pages.people.page import PeoplePage

    window = QMainWindow()
    qtbot.addWidget(window)
    people_page = PeoplePage(ctx)
    window.setCentralWidget(people_page)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield people_page  # the window lives as long as the test
    window.close()


def add_action(ctx: Any, owner: str, theme: str | None = None, title: str = "An action") -> int:
    from boardapp.services.people.people import list_directory
    from boardapp.services.people.themes import list_theme_rows
    from boardapp.services.plan.commands import create_action

    with ctx.session() as session:
        owner_id = next(p.id for p in list_directory(session=session) if p.name == owner)
        theme_id = next((t.id for t in list_theme_rows(session=session) if t.code == theme), None)
        return create_action(session=session, who="T", title=title, owner_id=owner_id, theme_id=theme_id,
                             due_date=date(2027, 6, 30)).id


def owner_of(ctx: Any, action_id: int) -> str:
    from boardapp.services.plan.register_read import action_row

    with ctx.session() as session:
        return action_row(action_id, session=session).owner_name


def choose(tab: Any, name: str) -> None:
    rows = tab.model.rows()
    index = next(i for i, r in enumerate(rows) if getattr(r, "name", getattr(r, "code", None)) == name)
    tab.table.setFocus()
    tab.table.selectRow(index)


def names(page: Any) -> list[str]:
    return [r.name for r in page.people.model.rows()]


def test_both_tables_pass_the_model_tester(page: Any, qtmodeltester: Any) -> None:
    qtmodeltester.check(page.people.model, force_py=True)
    qtmodeltester.check(page.themes.model, force_py=True)
    assert names(page) == ["Dr Ada Fairweather", "Jo Reyes", "Sam Okafor"]
    assert [(t.code, t.lead_name) for t in page.themes.model.rows()] == [("FD", "Sam Okafor"), ("CIC", "")]


def test_add_a_person_names_a_bad_field_then_saves_and_undo_removes(page: Any, ctx: Any, qtbot: Any) -> None:
    page.people.table.setFocus()
    qtbot.keyClick(page.people.table, Qt.Key.Key_Insert)
    dialog = page.people.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Priya Venkat")
    qtbot.keyClicks(dialog.email_edit, "priya at council")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Email: ")
    assert dialog.email_edit.hasFocus() or dialog.focusWidget() is dialog.email_edit
    dialog.email_edit.setText("priya@riverside.example")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert "Priya Venkat" in names(page)
    assert ctx.undo_stack.undoText() == "Add Priya Venkat"
    ctx.undo_stack.undo()
    assert "Priya Venkat" not in names(page)
    ctx.undo_stack.redo()
    assert "Priya Venkat" in names(page)


def test_a_leaving_owner_hands_over_open_actions_in_one_undoable_step(page: Any, ctx: Any, qtbot: Any) -> None:
    ids = [add_action(ctx, "Sam Okafor", "FD", f"Action {i}") for i in range(3)]
    page.refresh()
    choose(page.people, "Sam Okafor")
    assert page.people.selected().open_actions == 3
    dialog = page.people.leave_selected()
    assert dialog.intro_label.text().startswith("Sam Okafor owns 3 open actions.")
    dialog.successor_combo.setCurrentIndex(dialog.successor_combo.findData(
        next(r.id for r in page.people.rows if r.name == "Jo Reyes")))
    dialog.left_edit.set_value(date(2026, 11, 30))
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert {owner_of(ctx, i) for i in ids} == {"Jo Reyes"}
    sam = next(r for r in page.people.model.rows() if r.name == "Sam Okafor")
    assert sam.left_on == date(2026, 11, 30) and sam.open_actions == 0
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.undoText() == "Sam Okafor left; open actions to Jo Reyes"
    ctx.undo_stack.undo()
    assert {owner_of(ctx, i) for i in ids} == {"Sam Okafor"}
    assert next(r for r in page.people.model.rows() if r.name == "Sam Okafor").left_on is None


def test_open_action_counts_follow_edits_made_elsewhere(page: Any, ctx: Any) -> None:
    add_action(ctx, "Jo Reyes")
    ctx.actions_changed.emit([])  # as the register's editor announces a new action
    assert next(r for r in page.people.model.rows() if r.name == "Jo Reyes").open_actions == 1


def test_deleting_an_owner_offers_leave_and_reassign(page: Any, ctx: Any, dialogs: Any, qtbot: Any) -> None:
    add_action(ctx, "Sam Okafor")
    page.refresh()
    choose(page.people, "Sam Okafor")
    dialogs.answer("question", True)
    dialogs.answer("choice", "Mark as left and reassign…")
    qtbot.keyClick(page.people.table, Qt.Key.Key_Delete)
    assert dialogs.names() == ["question", "choice"]
    assert "owns 1 open action" in dialogs.calls[1][1][2] and "reassign" in dialogs.calls[1][1][2]
    assert "Sam Okafor" in names(page)
    assert page.people.dialog is not None and page.people.dialog.windowTitle() == "Sam Okafor is leaving"


def test_same_names_are_flagged_and_merged_into_one(page: Any, ctx: Any) -> None:
    from boardapp.services.people.people import create_person

    with ctx.session() as session:
        create_person(session=session, who="T", name="jo reyes", email="jo@dfe.example")
    page.refresh()
    assert "share a name" in page.people.duplicates_label.text()
    choose(page.people, "Jo Reyes")
    assert page.people.merge_button.isEnabled()
    dialog = page.people.merge_selected()
    dialog.save_button.click()
    assert [n.casefold() for n in names(page)].count("jo reyes") == 1
    jo = next(r for r in page.people.model.rows() if r.name == "Jo Reyes")
    assert jo.email == "jo@dfe.example" and jo.same_name == 0
    ctx.undo_stack.undo()
    assert [n.casefold() for n in names(page)].count("jo reyes") == 2


def test_the_audit_trail_names_who_is_editing(page: Any, ctx: Any) -> None:
    from sqlmodel import select

    from boardapp.db.models import AuditEntry

    dialog = page.people.add_person()
    dialog.name_edit.setText("Noor Haddad")
    dialog.save_button.click()
    ctx.who = "Someone Else"
    choose(page.people, "Noor Haddad")
    dialog = page.people.edit_selected()
    dialog.organisation_edit.setText("Riverside Police")
    dialog.save_button.click()
    with ctx.session() as session:
        trail = [(e.who, e.field) for e in session.exec(select(AuditEntry).where(AuditEntry.entity == "person")).all()]
    assert trail[-2:] == [("Lucy Abernethy", "created"), ("Someone Else", "organisation")]


def test_a_used_theme_is_refused_and_its_actions_can_move(page: Any, ctx: Any, dialogs: Any, qtbot: Any) -> None:
    action = add_action(ctx, "Jo Reyes", "FD")
    page.tabs.setCurrentWidget(page.themes)
    page.refresh()
    choose(page.themes, "FD")
    dialogs.answer("choice", "Move its actions…")
    qtbot.keyClick(page.themes.table, Qt.Key.Key_Delete)
    assert dialogs.names() == ["choice"] and "cannot be deleted until its actions are moved" in dialogs.calls[0][1][2]
    dialog = page.themes.dialog
    assert dialog.target_combo.currentText() == "CIC — Children in care"
    dialog.save_button.click()
    assert [t.code for t in page.themes.model.rows()] == ["CIC"]
    from boardapp.services.plan.register_read import action_row

    with ctx.session() as session:
        assert action_row(action, session=session).theme_code == "CIC"
    ctx.undo_stack.undo()
    assert [t.code for t in page.themes.model.rows()] == ["FD", "CIC"]
    with ctx.session() as session:
        assert action_row(action, session=session).theme_code == "FD"


def test_themes_reorder_from_the_keyboard_and_undo(page: Any, ctx: Any, qtbot: Any) -> None:
    page.tabs.setCurrentWidget(page.themes)
    choose(page.themes, "FD")
    qtbot.keyClick(page.themes.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [t.code for t in page.themes.model.rows()] == ["CIC", "FD"]
    assert page.themes.selected().code == "FD"
    ctx.undo_stack.undo()
    assert [t.code for t in page.themes.model.rows()] == ["FD", "CIC"]


def test_add_theme_suggests_the_next_code_and_names_a_clash(page: Any, ctx: Any) -> None:
    page.tabs.setCurrentWidget(page.themes)
    dialog = page.themes.add_theme()
    assert dialog.code_edit.text() == "T1"
    dialog.code_edit.setText("fd")
    dialog.title_edit.setText("Another front door")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Code: code FD is already used")
    dialog.code_edit.setText("QA")
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData("LEADERS"))
    dialog.save_button.click()
    assert [(t.code, t.ilacs_area) for t in page.themes.model.rows()][-1] == ("QA", "LEADERS")


def test_a_new_workspace_without_people_or_themes_says_what_to_add(qtbot: Any, tmp_path: Path, pinned_today: date) -> None:
    from boardapp.ui.common.context import AppContext
    from boardapp.ui.pages.people.page import PeoplePage

    path = tmp_path / "bare.db"
    engine = create_workspace(path, WorkspaceSetup(name="Bare Board"), who="T", today=pinned_today)
    ctx = AppContext(engine, path, "Lucy")
    try:
        page = PeoplePage(ctx)
        qtbot.addWidget(page)
        page.show()
        assert page.people.switch.is_empty() and page.themes.switch.is_empty()
        page.themes.empty.button("Add the ILACS starter set").click()
        assert [t.code for t in page.themes.model.rows()] == ["T1", "T2", "T3", "T4"]
        assert not page.themes.switch.is_empty()
        assert ctx.undo_stack.undoText() == "Add the ILACS starter themes"
        ctx.undo_stack.undo()
        assert page.themes.switch.is_empty()
        page.people.empty.button("Add the first person…").click()
        assert page.people.dialog is not None and page.people.dialog.isVisible()
        page.people.dialog.reject()
    finally:
        ctx.undo_stack.clear()
        engine.dispose()
