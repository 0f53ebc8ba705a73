"""A secretary's whole meeting in the main window, tab by tab: plan it, build the agenda, mark who came,
minute a decision, a challenge and an action arising (found in the register), mark it held, undo."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from boardapp.services.meetings.agenda import STANDING_ITEMS

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_a_meeting_from_plan_to_held_and_back(qtbot: Any, main_window: Any, monkeypatch: Any, dialogs: Any) -> None:
    from boardapp.ui.pages.meetings.agenda_tab import AgendaTab
    from boardapp.ui.pages.meetings.attendance_tab import AttendanceTab

    window = main_window
    ctx = window.ctx
    today: date = ctx.today()
    window.show_page("Meetings")
    page = window.pages["Meetings"]
    latest = max(m.meeting_date for m in page.meeting_model.rows())
    offered: list[Any] = []

    def accept_for_today(dialog: Any) -> bool:
        offered.append(dialog.date_edit.peek())  # the next date from the board's monthly frequency
        dialog.date_edit.set_value(today)  # an extra meeting today: it can be marked held at the end
        dialog.place_edit.setText("Town Hall, Committee Room 2")
        dialog.save()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(page, "run_dialog", accept_for_today)
    meeting_id = page.new_meeting()
    assert meeting_id is not None and page.current_meeting().id == meeting_id
    assert offered[0] > latest and (offered[0] - latest).days in range(28, 36)

    # Agenda: the standing items, then a 25-minute item after the action log, with the end time following
    agenda = page.tab(AgendaTab)
    page.tabs.setCurrentWidget(agenda)
    assert [r.title for r in agenda.rows] == [t for t, *_ in STANDING_ITEMS]
    end_before = page.current_meeting().end_time
    agenda.select_item(agenda.rows[3].id)
    agenda.title_edit.setFocus()
    qtbot.keyClick(agenda.title_edit, Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(agenda.title_edit, "DCS progress report")
    qtbot.keyClick(agenda.title_edit, Qt.Key.Key_Tab)
    agenda.minutes_spin.setFocus()
    agenda.minutes_spin.selectAll()
    qtbot.keyClicks(agenda.minutes_spin, "25")
    qtbot.keyClick(agenda.minutes_spin, Qt.Key.Key_Tab)
    report = agenda.rows[4]
    assert (report.number, report.title, report.duration_minutes) == ("5", "DCS progress report", 25)
    assert agenda.rows[5].starts == report.ends
    assert page.current_meeting().end_time > end_before
    assert f"{page.current_meeting().end_time:%H:%M}" in agenda.timing_label.text()

    # Attendance: Y, a deputy with their name, apologies; the quorum counts those present
    attendance = page.tab(AttendanceTab)
    page.tabs.setCurrentWidget(attendance)
    attendance.table.setFocus()
    attendance.table.selectRow(0)
    qtbot.keyClick(attendance.table, Qt.Key.Key_Y)
    dialogs.answer("get_text", "Sam Deputy")
    qtbot.keyClick(attendance.table, Qt.Key.Key_D)
    qtbot.keyClick(attendance.table, Qt.Key.Key_A)
    assert [r.code for r in attendance.rows[:3]] == ["Y", "D", "A"]
    assert attendance.rows[1].deputy_name == "Sam Deputy"
    assert "2 of" in attendance.quorum_label.text()

    # Minutes: a decision numbered for the meeting, a challenge, an action arising from the report item
    minuting = page.minuting
    page.tabs.setCurrentWidget(minuting.minutes)
    minuting.minutes.table.selectRow(4)
    decisions = minuting.decisions
    page.tabs.setCurrentWidget(decisions)
    decisions.text.setFocus()
    qtbot.keyClicks(decisions.text, "Agreed the workforce recovery plan.")
    qtbot.keyClick(decisions.text, Qt.Key.Key_Return, CTRL)
    assert [decisions.model.row_at(r).label for r in range(decisions.model.rowCount())] == [
        f"{today.year}/{today.month:02d}/1"]
    challenges = minuting.challenges
    page.tabs.setCurrentWidget(challenges)
    challenges.challenge.setFocus()
    qtbot.keyClicks(challenges.challenge, "How do we know agency use is falling?")
    qtbot.keyClicks(challenges.directed_to, "DCS")
    qtbot.keyClick(challenges.challenge, Qt.Key.Key_Return, CTRL)
    assert [challenges.model.row_at(r).challenge for r in range(challenges.model.rowCount())] == [
        "How do we know agency use is falling?"]
    arising = minuting.arising
    page.tabs.setCurrentWidget(arising)
    assert arising.item.currentData() == report.id
    arising.owner.setCurrentIndex(1)
    arising.title.setFocus()
    qtbot.keyClicks(arising.title, "Report agency conversion offers")
    with qtbot.waitSignal(ctx.actions_changed):
        qtbot.keyClick(arising.title, Qt.Key.Key_Return, CTRL)
    raised = next(arising.model.row_at(r) for r in range(arising.model.rowCount()))
    assert raised.title == "Report agency conversion offers"

    window.show_page("Actions")
    register = window.pages["Actions"]
    assert raised.id in {r.id for r in register.model.rows()}
    register.select_action(raised.id)
    register.edit_selected()
    assert "item 5 DCS progress report" in register.editor.raised_at_row.label.text()
    register.editor.reject()

    # Mark held: every action's BRAG is taken as the baseline of "moved since the last meeting"
    window.show_page("Meetings")
    page.tabs.setCurrentWidget(minuting.minutes)
    minuting.minutes.notes.setFocus()
    with qtbot.waitSignal(ctx.actions_changed):
        qtbot.keyClick(minuting.minutes.notes, Qt.Key.Key_H, CTRL_SHIFT)
    assert page.current_meeting().status == "HELD"
    assert "baseline taken" in minuting.minutes.status_label.text()
    from boardapp.services.plan.register_read import list_action_rows

    # Undo, step by step: held, the action arising (gone from the register), the challenge, the decision
    ctx.undo_stack.undo()
    assert page.current_meeting().status == "PLANNED"
    assert "baseline taken" not in minuting.minutes.status_label.text()
    ctx.undo_stack.undo()
    with ctx.session() as session:
        assert raised.id not in {r.id for r in list_action_rows(session=session, today=today)}
    ctx.undo_stack.undo()
    assert challenges.model.rowCount() == 0
    ctx.undo_stack.undo()
    assert decisions.model.rowCount() == 0
