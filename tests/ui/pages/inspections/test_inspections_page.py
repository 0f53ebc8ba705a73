"""The Inspections page as a user works it: the timeline, editing inspections and findings, pasting a
letter, and linking findings and actions from both sides, each undone and redone."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QPoint, Qt

from boardapp.ui.common.date_fields import to_qdate
from boardapp.ui.pages.inspections.dialogs import FindingDialog, InspectionDialog, select_data
from boardapp.ui.pages.inspections.link_dialog import LinkActionsDialog
from boardapp.ui.pages.inspections.paste_dialog import PasteFindingsDialog
from boardapp.ui.shell.main_window import MainWindow

LETTER = """Areas for development:
• Workforce instability means children experience
  too many changes of social worker.
• Supervision does not yet challenge drift.

1. Consent is not always recorded.
"""


def page_of(window: MainWindow) -> Any:
    window.show_page("Inspections")
    return window.pages["Inspections"]


def choose(page: Any, number: int | None, kind: str = "MONITORING_VISIT") -> Any:
    row = next(r for r in page.inspection_model.rows() if r.kind == kind and r.number == number)
    page.select_inspection(row.id)
    return row


def choose_finding(page: Any, test: Any) -> Any:
    rows = page.finding_model.rows()
    index = next(i for i, f in enumerate(rows) if test(f))
    page.findings.selectRow(index)
    return page.current_finding()


def undo(window: MainWindow, qtbot: Any, redo: bool = False) -> None:
    """Edit › Undo / Redo from the keyboard, as a user does."""
    window.activateWindow()
    mods = Qt.KeyboardModifier.ControlModifier | (Qt.KeyboardModifier.ShiftModifier if redo else Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, mods)


def test_models_pass_the_model_tester(main_window: MainWindow, qtmodeltester: Any) -> None:
    page = page_of(main_window)
    choose(page, 4)
    page.findings.selectRow(3)
    for model in (page.inspection_model, page.finding_model, page.linked_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    from boardapp.services.inspections.queries import action_choices
    from boardapp.ui.pages.inspections.link_dialog import ActionChoiceModel

    with main_window.ctx.session() as session:
        choices = action_choices(session=session)
    qtmodeltester.check(ActionChoiceModel(choices, {choices[0].id}))


def test_the_timeline_shows_every_inspection_oldest_first_and_a_click_selects_it(
        main_window: MainWindow, qtbot: Any) -> None:
    page = page_of(main_window)
    timeline = page.timeline
    rows = timeline.rows()
    assert [r.kind for r in rows] == ["ILACS"] + ["MONITORING_VISIT"] * 6 + ["RE_INSPECTION"]
    assert [r.start_date for r in rows] == sorted(r.start_date for r in rows)
    from boardapp.ui.pages.inspections.timeline import card_lines

    ilacs = card_lines(rows[0])
    assert "Overall: Inadequate" in ilacs and any(line.startswith("Letter ") for line in ilacs)
    assert "Letter not published" in card_lines(rows[1])  # the first monitoring visit's
    assert "Expected" in card_lines(rows[6]) and "Children in Care (re-visit)" in card_lines(rows[6])
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=timeline.card_rect(3).center().toPoint())
    assert page.current_inspection().id == rows[3].id and timeline.current() == rows[3].id
    assert page.findings_title.text() == f"Findings of {rows[3].label}"
    qtbot.keyClick(timeline, Qt.Key.Key_Right)  # and from the keyboard
    assert page.current_inspection().id == rows[4].id
    page.inspections.selectRow(0)  # the list drives the timeline too
    assert timeline.current() == rows[0].id
    assert "Inadequate" in page.grades.text()


def test_add_an_inspection_the_dialog_names_the_field_at_fault_and_undo_removes_it(
        main_window: MainWindow, qtbot: Any, dialogs: Any) -> None:
    page = page_of(main_window)
    before = len(page.inspection_model.rows())
    qtbot.mouseClick(page.add_inspection_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, InspectionDialog) and dialog.isVisible()
    assert dialog.number_spin.value() == 7  # the next free number is offered
    dialog.number_spin.setValue(5)
    dialog.start_edit.setDate(to_qdate(date(2027, 2, 9)))
    qtbot.keyClicks(dialog.focus_edit, "Care Leavers aged 18+")
    select_data(dialog.area_combo, "CARE_LEAVERS")
    assert not dialog.save()
    assert dialog.isVisible() and dialog.error_text().startswith("Number:") and "already exists" in dialog.error_text()
    dialog.number_spin.setValue(7)
    dialog.end_edit.set_value(date(2027, 2, 8))
    assert not dialog.save() and dialog.error_text().startswith("Last day on site:")
    select_data(dialog.status_combo, "COMPLETED")
    dialog.end_edit.set_value(None)
    assert not dialog.save() and dialog.error_text().startswith("Last day on site:")  # a completed visit's dates
    select_data(dialog.status_combo, "EXPECTED")
    dialog.start_edit.line_edit.setText("31/02/2027")  # typed, not a date
    assert not dialog.save() and "First day on site" in dialog.error_text()
    dialog.start_edit.setDate(to_qdate(date(2027, 2, 9)))
    dialog.end_edit.set_value(date(2027, 2, 10))
    select_data(dialog.grade_combos["OVERALL"], "GOOD")
    assert not dialog.save() and dialog.error_text().startswith("Judgements:")
    select_data(dialog.grade_combos["OVERALL"], None)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # Save
    assert not dialog.isVisible()
    rows = page.inspection_model.rows()
    assert len(rows) == before + 1
    made = page.current_inspection()
    assert (made.number, made.focus_area, made.end_date) == (7, "Care Leavers aged 18+", date(2027, 2, 10))
    undo(main_window, qtbot)
    assert len(page.inspection_model.rows()) == before
    undo(main_window, qtbot, redo=True)
    assert len(page.inspection_model.rows()) == before + 1
    assert dialogs.calls == []


def test_edit_an_inspection_with_enter_and_delete_it_recoverably(main_window: MainWindow, qtbot: Any, dialogs: Any) -> None:
    page = page_of(main_window)
    mv6 = choose(page, 6)
    page.inspections.setFocus()
    qtbot.keyClick(page.inspections, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, InspectionDialog) and dialog.row.id == mv6.id
    select_data(dialog.status_combo, "SCHEDULED")
    dialog.start_edit.setDate(to_qdate(date(2027, 1, 12)))
    dialog.end_edit.set_value(date(2027, 1, 13))
    assert dialog.save()
    edited = page.current_inspection()
    assert (edited.status, edited.start_date) == ("SCHEDULED", date(2027, 1, 12))
    assert "to the next monitoring visit" in main_window.visit_label.text()  # the status bar follows
    undo(main_window, qtbot)
    assert page.current_inspection().status == "EXPECTED"
    # delete the fourth visit (it has findings: asked first), then bring it back
    mv4 = choose(page, 4)
    dialogs.answer("question", True)
    page.inspections.setFocus()
    qtbot.keyClick(page.inspections, Qt.Key.Key_Delete)
    assert dialogs.names() == ["question"]
    assert mv4.id not in {r.id for r in page.inspection_model.rows()}
    page.show_deleted.setChecked(True)
    deleted = next(r for r in page.inspection_model.rows() if r.id == mv4.id)
    assert deleted.deleted and "(deleted)" in page.inspection_model.data(page.inspection_model.index(
        page.inspection_model.rows().index(deleted), 0))
    page.select_inspection(mv4.id)
    assert page.delete_inspection_button.text() == "Restore"
    qtbot.mouseClick(page.delete_inspection_button, Qt.MouseButton.LeftButton)
    assert not page.current_inspection().deleted
    undo(main_window, qtbot)  # undo the restore: deleted again
    page.show_deleted.setChecked(False)
    assert mv4.id not in {r.id for r in page.inspection_model.rows()}


def test_findings_add_edit_move_and_delete_each_undone(main_window: MainWindow, qtbot: Any) -> None:
    page = page_of(main_window)
    choose(page, 6)
    assert page.finding_model.rowCount() == 0
    page.findings.setFocus()
    qtbot.keyClick(page.findings, Qt.Key.Key_Insert)
    dialog = page.dialog
    assert isinstance(dialog, FindingDialog)
    assert dialog.area_combo.currentData() == "CHILDREN_IN_CARE"  # the visit's area is offered
    assert not dialog.save() and dialog.error_text().startswith("Finding:")  # no text
    qtbot.keyClicks(dialog.text_edit, "Plans for permanence are timely.")
    assert dialog.save()
    first = page.current_finding()
    assert first.text == "Plans for permanence are timely." and first.needs_action
    flag = page.finding_model.index(0, 2)
    assert page.finding_model.data(flag) == "No action"
    assert page.finding_model.data(flag, Qt.ItemDataRole.ForegroundRole) is not None
    assert page.unanswered_label.text() == "⚠ 1 recommendation or area for development has no action"
    page.add_finding()
    page.dialog.text_edit.setPlainText("Second")
    assert page.dialog.save()
    assert [f.text for f in page.finding_model.rows()] == ["Plans for permanence are timely.", "Second"]
    page.findings.setFocus()
    qtbot.keyClick(page.findings, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # move "Second" up
    assert [f.text for f in page.finding_model.rows()] == ["Second", "Plans for permanence are timely."]
    undo(main_window, qtbot)
    assert [f.text for f in page.finding_model.rows()] == ["Plans for permanence are timely.", "Second"]
    choose_finding(page, lambda f: f.text == "Second")
    page.edit_finding()
    page.dialog.text_edit.setPlainText("Second, edited")
    assert page.dialog.save()
    assert page.current_finding().text == "Second, edited"
    page.findings.setFocus()
    qtbot.keyClick(page.findings, Qt.Key.Key_Delete)
    assert [f.text for f in page.finding_model.rows()] == ["Plans for permanence are timely."]
    undo(main_window, qtbot)
    undo(main_window, qtbot)
    assert [f.text for f in page.finding_model.rows()] == ["Plans for permanence are timely.", "Second"]


def test_pasted_letter_text_is_split_and_shown_before_anything_is_saved(main_window: MainWindow, qtbot: Any) -> None:
    page = page_of(main_window)
    mv5 = choose(page, 5)
    before = [f.id for f in page.finding_model.rows()]
    page.paste_findings(LETTER)
    dialog = page.dialog
    assert isinstance(dialog, PasteFindingsDialog) and dialog.isVisible()
    model = dialog.preview_model
    assert [model.item(i).text() for i in range(model.rowCount())] == [
        "Areas for development:",
        "Workforce instability means children experience too many changes of social worker.",
        "Supervision does not yet challenge drift.",
        "Consent is not always recorded.",
    ]
    assert model.item(0).checkState() == Qt.CheckState.Unchecked  # the heading is not a finding
    assert [f.id for f in page.finding_model.rows()] == before  # nothing saved yet
    model.item(3).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.add_button.text() == "Add 2 findings"
    select_data(dialog.kind_combo, "RECOMMENDATION")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    rows = page.finding_model.rows()
    added = rows[len(before):]
    assert [f.text for f in added] == ["Workforce instability means children experience too many changes of social "
                                       "worker.", "Supervision does not yet challenge drift."]
    assert {(f.kind, f.ilacs_area) for f in added} == {("RECOMMENDATION", mv5.ilacs_area)}
    undo(main_window, qtbot)  # one undo entry for the whole paste
    assert [f.id for f in page.finding_model.rows()] == before


def test_ctrl_v_in_the_findings_opens_the_paste_preview(main_window: MainWindow, qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    page = page_of(main_window)
    choose(page, 5)
    QApplication.clipboard().setText("- One\n- Two")
    page.findings.setFocus()
    qtbot.keyClick(page.findings, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.dialog, PasteFindingsDialog)
    assert page.dialog.chosen_texts() == ["One", "Two"]
    page.dialog.reject()


def test_link_and_unlink_actions_from_the_finding_with_undo(main_window: MainWindow, qtbot: Any) -> None:
    page = page_of(main_window)
    choose(page, 4)
    finding = choose_finding(page, lambda f: f.kind != "STRENGTH")
    linked = [a.id for a in finding.actions]
    page.findings.setFocus()
    qtbot.keyClick(page.findings, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, LinkActionsDialog)
    assert dialog.chosen() == set(linked)
    qtbot.keyClicks(dialog.search, "T2.1")
    found = [dialog.model.row_at(i) for i in range(dialog.model.rowCount())]
    assert found and all("t2.1" in f"{r.ref} {r.title} {r.owner_name}".lower() for r in found)
    dialog.search.clear()
    order = [dialog.model.row_at(i).ref for i in range(dialog.model.rowCount())]
    assert order.index("T2.9") < order.index("T2.10")  # natural ref order
    for ref in ("T1.10", "T1.2"):
        row = order.index(ref)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Home)
        dialog.table.setCurrentIndex(dialog.model.index(row, 0))
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # Space ticks the current row
    assert len(dialog.chosen()) == len(linked) + 2
    dialog.accept()
    shown = [r.ref for r in page.linked_model.rows()]
    assert "T1.2" in shown and "T1.10" in shown and shown.index("T1.2") < shown.index("T1.10")
    actions = main_window.pages["Actions"]
    qtbot.waitUntil(lambda: not actions.is_loading(), timeout=10_000)
    t12 = next(r for r in actions.model.rows() if r.ref == "T1.2")
    assert finding.ilacs_area in t12.ilacs_areas  # the register's row followed
    undo(main_window, qtbot)
    assert [a.id for a in page.current_finding().actions] == linked
    undo(main_window, qtbot, redo=True)
    assert "T1.10" in [r.ref for r in page.linked_model.rows()]
    # unlink the chosen action with Delete in the list of actions
    index = [r.ref for r in page.linked_model.rows()].index("T1.10")
    page.linked.selectRow(index)
    page.linked.setFocus()
    qtbot.keyClick(page.linked, Qt.Key.Key_Delete)
    assert "T1.10" not in [r.ref for r in page.linked_model.rows()]
    undo(main_window, qtbot)
    assert "T1.10" in [r.ref for r in page.linked_model.rows()]


def test_a_link_made_in_the_action_editor_shows_here_and_undoes(main_window: MainWindow, qtbot: Any) -> None:
    page = page_of(main_window)
    mv4 = choose(page, 4)
    finding = choose_finding(page, lambda f: f.kind != "STRENGTH" and "T1.3" not in [a.ref for a in f.actions])
    actions = main_window.pages["Actions"]
    main_window.show_page("Actions")
    qtbot.waitUntil(lambda: not actions.is_loading(), timeout=10_000)
    t13 = next(r for r in actions.model.rows() if r.ref == "T1.3")
    actions._open_editor(t13.id)
    editor = actions.editor
    item = next(i for i in editor._finding_items() if i.data(int(Qt.ItemDataRole.UserRole) + 10) == finding.id)
    item.setCheckState(Qt.CheckState.Checked)
    assert editor.save()
    page = page_of(main_window)
    page.select_inspection(mv4.id)
    choose_finding(page, lambda f: f.id == finding.id)
    assert "T1.3" in [r.ref for r in page.linked_model.rows()]
    undo(main_window, qtbot)
    page.refresh()
    page.select_inspection(mv4.id)
    choose_finding(page, lambda f: f.id == finding.id)
    assert "T1.3" not in [r.ref for r in page.linked_model.rows()]


def test_show_in_the_register_opens_the_action(main_window: MainWindow, qtbot: Any) -> None:
    page = page_of(main_window)
    choose(page, 4)
    finding = choose_finding(page, lambda f: f.actions)
    page.linked.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert main_window.current_page_name() == "Actions"
    assert main_window.pages["Actions"].selected_rows()[0].id == finding.actions[0].id


def _alt_keys(widget: Any) -> list[str]:
    """The Alt+letter keys of the buttons and labelled fields on ``widget``."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = []
    for child in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel):
        if isinstance(child, QLabel) and child.buddy() is None:
            continue
        if match := re.search(r"&([^&\s])", child.text().replace("&&", "")):
            keys.append(match.group(1).lower())
    return keys


def test_alt_keys_are_unique_and_leave_the_menus_alone(main_window: MainWindow) -> None:
    page = page_of(main_window)
    keys = _alt_keys(page)
    assert len(keys) == len(set(keys)) and not set(keys) & {"f", "e", "v", "h"}, keys
    choose(page, 4)
    for opener in (page.add_inspection, page.edit_inspection, page.add_finding, lambda: page.paste_findings("x")):
        opener()
        dialog_keys = _alt_keys(page.dialog)
        assert len(dialog_keys) == len(set(dialog_keys)), dialog_keys
        page.dialog.reject()
