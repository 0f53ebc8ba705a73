"""Minuting a meeting from the keyboard: notes, decisions, challenges, actions arising, mark held; undo each."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from boardapp.domain.enums import Direction


@pytest.fixture
def tabs(qtbot: Any, actions_ctx: Any) -> Iterator[Any]:
    from boardapp.ui.pages.meetings.minuting import MinutingTabs

    host = QTabWidget()
    qtbot.addWidget(host)
    minuting = MinutingTabs(actions_ctx).install(host)
    host.resize(1200, 700)
    host.show()
    qtbot.waitExposed(host)
    yield minuting
    minuting.minutes.timer.stop()


def _meeting(ctx: Any, status: str) -> Any:
    from boardapp.services.meetings.queries import list_meetings

    with ctx.session() as session:
        rows = list_meetings(session=session)
    today = ctx.today()
    if status == "HELD":
        return max((m for m in rows if m.status == "HELD" and m.meeting_date < today), key=lambda m: m.meeting_date)
    return min((m for m in rows if m.status == "PLANNED" and m.meeting_date >= today), key=lambda m: m.meeting_date)


def test_models_pass_the_model_tester(qtmodeltester: Any, tabs: Any, actions_ctx: Any) -> None:
    tabs.set_meeting(_meeting(actions_ctx, "HELD").id)
    for model in (tabs.minutes.model, tabs.decisions.model, tabs.challenges.model, tabs.arising.model,
                  tabs.matters.actions_model, tabs.matters.challenges_model):
        qtmodeltester.check(model)


def test_minute_an_item_and_undo(qtbot: Any, tabs: Any, actions_ctx: Any) -> None:
    from boardapp.services.meetings.minutes import minuted_items

    meeting = _meeting(actions_ctx, "PLANNED")
    tabs.set_meeting(meeting.id)
    minutes = tabs.minutes
    assert minutes.items, "the next meeting has its agenda"
    minutes.notes.setFocus()
    qtbot.keyClicks(minutes.notes, "Members welcomed the report.")
    qtbot.keyClick(minutes.notes, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # next item: saves
    with actions_ctx.session() as session:
        items = minuted_items(meeting.id, session=session)
    assert items[0].notes == "Members welcomed the report."
    assert minutes.table.currentIndex().row() == 1 and minutes.model.data(minutes.model.index(0, 2)) == "✓"
    qtbot.keyClicks(minutes.notes, "Second item.")
    minutes.timer.timeout.emit()  # the pause in typing
    actions_ctx.undo_stack.undo()
    actions_ctx.undo_stack.undo()
    with actions_ctx.session() as session:
        assert [i.notes for i in minuted_items(meeting.id, session=session)[:2]] == ["", ""]
    actions_ctx.undo_stack.redo()
    with actions_ctx.session() as session:
        assert minuted_items(meeting.id, session=session)[0].notes == "Members welcomed the report."


def test_typing_goes_on_where_it_was_after_the_pause_saves(qtbot: Any, tabs: Any, actions_ctx: Any) -> None:
    """The save on a pause in typing reloads the item: the words typed next follow the others."""
    from boardapp.services.meetings.minutes import minuted_items

    meeting = _meeting(actions_ctx, "PLANNED")
    tabs.set_meeting(meeting.id)
    minutes = tabs.minutes
    minutes.notes.setFocus()
    qtbot.keyClicks(minutes.notes, "The DCS presented the report.")
    minutes.timer.timeout.emit()  # the pause in typing: saved
    assert minutes.saved_label.text() == "Saved"
    assert minutes.notes.textCursor().position() == len("The DCS presented the report.")
    qtbot.keyClicks(minutes.notes, " Agency use is falling.")
    minutes.timer.timeout.emit()
    with actions_ctx.session() as session:
        assert minuted_items(meeting.id, session=session)[0].notes == (
            "The DCS presented the report. Agency use is falling.")


def test_ctrl_enter_records_decision_after_decision_and_undo(qtbot: Any, tabs: Any, actions_ctx: Any) -> None:
    meeting = _meeting(actions_ctx, "PLANNED")
    tabs.set_meeting(meeting.id)
    decisions = tabs.decisions
    tabs.tab_widget.setCurrentWidget(decisions)
    decisions.text.setFocus()
    qtbot.keyClicks(decisions.text, "Agreed the recovery plan.")
    qtbot.keyClick(decisions.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert decisions.text.text() == "" and decisions.text.hasFocus()
    qtbot.keyClicks(decisions.text, "Approved the risk register.")
    qtbot.keyClick(decisions.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    labels = [decisions.model.row_at(r).label for r in range(decisions.model.rowCount())]
    prefix = f"{meeting.meeting_date.year}/{meeting.meeting_date.month:02d}"
    assert labels == [f"{prefix}/1", f"{prefix}/2"]
    # an empty decision is refused, naming the field
    qtbot.keyClick(decisions.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert decisions.form.error.startswith("Text:") and decisions.model.rowCount() == 2
    actions_ctx.undo_stack.undo()
    assert decisions.model.rowCount() == 1
    actions_ctx.undo_stack.redo()
    assert [decisions.model.row_at(r).number for r in range(2)] == [1, 2]


def test_log_a_challenge_answer_it_and_undo(qtbot: Any, tabs: Any, actions_ctx: Any) -> None:
    meeting = _meeting(actions_ctx, "HELD")
    tabs.set_meeting(meeting.id)
    challenges = tabs.challenges
    tabs.tab_widget.setCurrentWidget(challenges)
    before = challenges.model.rowCount()
    challenges.challenge.setFocus()
    qtbot.keyClicks(challenges.challenge, "How do we know practice has improved?")
    qtbot.keyClicks(challenges.directed_to, "DCS")
    challenges.raised_by.setCurrentIndex(1)
    qtbot.keyClick(challenges.challenge, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert challenges.model.rowCount() == before + 1
    entry = next(challenges.model.row_at(r) for r in range(challenges.model.rowCount())
                 if challenges.model.row_at(r).challenge == "How do we know practice has improved?")
    assert entry.status == "OPEN" and entry.directed_to == "DCS" and entry.raised_by_name
    dialog = challenges.response_dialog(entry)
    dialog.response.setPlainText("Audits show it.")
    dialog.status.setCurrentIndex(dialog.status.findData("ANSWERED"))
    assert dialog.answered.peek() == actions_ctx.today()
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    answered = next(challenges.model.row_at(r) for r in range(challenges.model.rowCount())
                    if challenges.model.row_at(r).id == entry.id)
    assert (answered.status, answered.response, answered.answered_on) == ("ANSWERED", "Audits show it.",
                                                                          actions_ctx.today())
    actions_ctx.undo_stack.undo()
    reverted = next(challenges.model.row_at(r) for r in range(challenges.model.rowCount())
                    if challenges.model.row_at(r).id == entry.id)
    assert reverted.status == "OPEN" and reverted.answered_on is None
    actions_ctx.undo_stack.undo()
    assert challenges.model.rowCount() == before


def test_raise_an_action_find_it_in_the_register_and_undo(qtbot: Any, tabs: Any, actions_ctx: Any) -> None:
    from boardapp.services.meetings.arising import raised_at
    from boardapp.services.plan.register_read import list_action_rows

    meeting = _meeting(actions_ctx, "HELD")
    tabs.set_meeting(meeting.id)
    tabs.minutes.table.selectRow(3)  # minuting item 4: the action arises from it
    arising = tabs.arising
    tabs.tab_widget.setCurrentWidget(arising)
    assert arising.item.currentData() == tabs.minutes.item_id
    arising.owner.setCurrentIndex(2)
    arising.title.setFocus()
    qtbot.keyClicks(arising.title, "Report on agency conversion offers")
    with qtbot.waitSignal(actions_ctx.actions_changed):
        qtbot.keyClick(arising.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert arising.model.rowCount() >= 1
    row = next(arising.model.row_at(r) for r in range(arising.model.rowCount())
               if arising.model.row_at(r).title == "Report on agency conversion offers")
    with actions_ctx.session() as session:
        register = {r.id: r for r in list_action_rows(session=session, today=actions_ctx.today())}
        where = raised_at(row.id, session=session)
    assert row.id in register and register[row.id].owner_name == row.owner_name != ""
    assert where is not None and where.meeting_id == meeting.id and where.item_id == tabs.minutes.item_id
    actions_ctx.undo_stack.undo()
    with actions_ctx.session() as session:
        assert row.id not in {r.id for r in list_action_rows(session=session, today=actions_ctx.today())}
    assert arising.model.rowCount() == 0 or row.id not in {arising.model.row_at(r).id
                                                           for r in range(arising.model.rowCount())}


def test_mark_held_moves_the_baseline_and_undo_puts_it_back(qtbot: Any, tabs: Any, actions_ctx: Any,
                                                            dialogs: Any) -> None:
    from boardapp.services.plan.register_read import list_action_rows

    def moved() -> int:
        with actions_ctx.session() as session:
            rows = list_action_rows(session=session, today=actions_ctx.today())
        return sum(r.direction in (Direction.BETTER, Direction.WORSE) for r in rows)

    meeting = _meeting(actions_ctx, "HELD")
    tabs.set_meeting(meeting.id)
    dialogs.answer("question", True)  # "retake the baseline?", when the demo's meeting already has one
    tabs.tab_widget.setCurrentWidget(tabs.minutes)
    tabs.minutes.notes.setFocus()
    before = moved()
    assert before > 0
    with qtbot.waitSignal(actions_ctx.actions_changed):
        qtbot.keyClick(tabs.minutes.notes, Qt.Key.Key_H,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "baseline taken" in tabs.minutes.status_label.text()
    assert moved() == 0  # every action is compared with its BRAG now
    actions_ctx.undo_stack.undo()
    assert moved() == before


def test_export_minutes_writes_the_file_chosen(tabs: Any, actions_ctx: Any, dialogs: Any, tmp_path: Any) -> None:
    from docx import Document

    meeting = _meeting(actions_ctx, "HELD")
    tabs.set_meeting(meeting.id)
    target = tmp_path / "minutes.docx"
    dialogs.answer("save_file", target)
    tabs.tab_widget.setCurrentWidget(tabs.minutes)
    tabs.minutes.export_button.click()
    assert target.exists() and "Decisions" in [p.text for p in Document(str(target)).paragraphs]
    assert dialogs.names()[-1] == "information"
